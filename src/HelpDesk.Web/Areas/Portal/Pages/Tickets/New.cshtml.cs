using System.Text.Json;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages.Tickets;

/// <summary>
/// The filing form. Product, release, environment and category come from the catalogue, and the page shows the
/// verdict the request would get before it is sent: a script asks <c>?handler=Check</c> whenever one of those
/// fields changes, and without a script the "Check coverage" button posts the form to the same check. The
/// verdict is advice only: the ticket is filed whatever it says. When the organisation's contracts name products the
/// product must be chosen, "I don't know" included: that ticket is filed without one and needs classification.
/// </summary>
public sealed class NewModel(
    CurrentActor actors,
    FileTicket fileTicket,
    AttachmentPolicy attachments,
    IScopeStore catalogue,
    IContractStore contracts,
    CoverageChecks coverage,
    TimeProvider clock) : PageModel
{
    /// <summary>The product choice of a customer who does not know which product it is: the ticket then needs classification.</summary>
    public const string UnknownProduct = "-";

    public static IReadOnlyList<(int Value, string Label)> Severities { get; } =
    [
        (1, "1 – critical: production is down"),
        (2, "2 – high: a major function fails"),
        (3, "3 – normal: something does not work as it should"),
        (4, "4 – low: a question or a small problem"),
    ];

    [BindProperty(SupportsGet = true)]
    public TicketInput Input { get; set; } = new();

    /// <summary>True when files came with a form that is shown again: the browser does not keep them.</summary>
    public bool FilesDropped { get; private set; }

    public AttachmentPolicy Attachments => attachments;

    public IReadOnlyList<Product> Products { get; private set; } = [];

    /// <summary>Each product's release names, newest first, by product name: the release list the product drives.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Releases { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<TargetEnvironment> Environments { get; private set; } = [];

    /// <summary>
    /// Each product's environments by product name, as its published scope names them: the environment list the
    /// product drives. A product whose scope names none (or has no scope yet) is left out, and offers every one.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ProductEnvironments { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The environments to offer: the chosen product's, or all of them with no product (or one whose scope names none).</summary>
    public IReadOnlyList<TargetEnvironment> EnvironmentsOfChosenProduct =>
        ChosenProduct is { } product && ProductEnvironments.TryGetValue(product.Name, out var names)
            ? [.. Environments.Where(e => names.Contains(e.Name, StringComparer.OrdinalIgnoreCase))]
            : Environments;

    /// <summary>Every environment's name and each product's, for the page's script to refill the list when the product changes.</summary>
    public string EnvironmentsJson => JsonSerializer.Serialize(new { all = Environments.Select(e => e.Name), byProduct = ProductEnvironments });

    /// <summary>The organisation's contracts name products, so the form asks which one (or "I don't know").</summary>
    public bool ProductRequired { get; private set; }

    /// <summary>The verdict the request as typed would get; null until a product is chosen.</summary>
    public EntitlementPanel Preview { get; private set; } = new(null, default);

    public IReadOnlyList<string> ReleasesOfChosenProduct =>
        ChosenProduct is { } product && Releases.TryGetValue(product.Name, out var names) ? names : [];

    public Product? ChosenProduct =>
        Products.FirstOrDefault(p => string.Equals(p.Name, Input.Product?.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(p.Code, Input.Product?.Trim(), StringComparison.OrdinalIgnoreCase));

    public string ReleasesJson => JsonSerializer.Serialize(Releases);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await actors.ResolveAsync(User) is not { } actor)
        {
            return RedirectToPage("/Index");
        }

        ModelState.Clear();
        Input.Language ??= PreferredLanguage();
        await LoadChoicesAsync(actor);
        await PreviewAsync(actor);
        return Page();
    }

    /// <summary>The preview alone, for the page's script: the form's fields come as the query.</summary>
    public async Task<IActionResult> OnGetCheckAsync()
    {
        if (await actors.ResolveAsync(User) is not { } actor)
        {
            return NotFound();
        }

        await PreviewAsync(actor);
        return Partial("_CoveragePreview", Preview);
    }

    /// <summary>The "Check coverage" button without a script: the whole form comes back with the verdict.</summary>
    public async Task<IActionResult> OnPostCheckAsync()
    {
        if (await actors.ResolveAsync(User) is not { } actor)
        {
            return RedirectToPage("/Index");
        }

        ModelState.Clear();
        FilesDropped = Input.Attachments.Any(f => f.Length > 0);
        await LoadChoicesAsync(actor);
        await PreviewAsync(actor);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await actors.ResolveAsync(User) is not { } actor)
        {
            return RedirectToPage("/Index");
        }

        if (FormFiles.TooMany(Input.Attachments) is { } tooMany)
        {
            ResultResponses.AddTo(Result<Ticket>.Invalid([tooMany]), ModelState, nameof(Input));
            FilesDropped = true;
            await LoadChoicesAsync(actor);
            await PreviewAsync(actor);
            return Page();
        }

        var files = await FormFiles.ReadAsync(Input.Attachments, attachments, HttpContext.RequestAborted);
        var unknown = Input.Product?.Trim() == UnknownProduct;
        var result = await fileTicket.HandleAsync(
            new FileTicketRequest
            {
                RequesterId = actor.UserId!.Value,
                OrganisationId = actor.OrganisationId!.Value,
                Channel = TicketChannel.Web,
                Subject = Input.Subject,
                Body = Input.Body,
                Severity = Input.Severity,
                Product = unknown ? null : Input.Product,
                ProductRequired = !unknown && await AsksForProductAsync(actor),
                ProductRelease = Input.ProductRelease,
                Environment = Input.Environment,
                Category = Input.Category,
                ModifiedSource = Input.ModifiedSource,
                Language = Input.Language,
                Attachments = files,
                Key = FormKeys.Of(actor, Input.IdempotencyKey),
            },
            HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Ticket {result.Value!.Number} filed. We have sent you a confirmation by email.";
            return Redirect(TicketLinks.Portal(result.Value.Number));
        }

        ResultResponses.AddTo(result, ModelState, nameof(Input));
        FilesDropped = files.Count > 0;
        await LoadChoicesAsync(actor);
        await PreviewAsync(actor);
        return Page();
    }

    /// <summary>The first language the browser asks for that the help desk offers; English otherwise.</summary>
    private string PreferredLanguage()
    {
        var asked = Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Languages.Find(l.Value.Value?.Split('-')[0]))
            .FirstOrDefault(l => l is not null);
        return asked?.Code ?? Languages.English;
    }

    /// <summary>Whether the organisation's contracts name products, so the customer must say which one (or that they do not know).</summary>
    private async Task<bool> AsksForProductAsync(TicketActor actor) =>
        actor.OrganisationId is int organisationId
        && (await contracts.ListContractsAsync(organisationId, HttpContext.RequestAborted)).Any(c => c.Status != ContractStatus.Cancelled && c.ProductIds.Count > 0);

    private async Task LoadChoicesAsync(TicketActor actor)
    {
        var cancellationToken = HttpContext.RequestAborted;
        ProductRequired = await AsksForProductAsync(actor);
        Products = [.. (await catalogue.ListProductsAsync(cancellationToken)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
        var releases = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var product in Products)
        {
            // Retired releases and environments are no longer offered; a ticket may still name one (by mail, the API).
            releases[product.Name] = [.. (await catalogue.ListReleasesAsync(product.Id, cancellationToken)).Where(r => r.RetiredUtc is null).OrderByDescending(r => r.ReleasedOn).Select(r => r.Name)];
        }

        Releases = releases;
        Environments = [.. (await catalogue.ListEnvironmentsAsync(cancellationToken)).Where(e => e.RetiredUtc is null).OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)];
        var environments = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var product in Products)
        {
            var codes = ScopeHistory.EnvironmentCodes(await catalogue.ListScopesAsync(product.Id, cancellationToken));
            if (codes.Count > 0)
            {
                environments[product.Name] = [.. Environments.Where(e => codes.Contains(e.Code)).Select(e => e.Name)];
            }
        }

        ProductEnvironments = environments;
    }

    private async Task PreviewAsync(TicketActor actor)
    {
        var now = clock.UtcNow();
        if (string.IsNullOrWhiteSpace(Input.Product) || Input.Product.Trim() == UnknownProduct || !actor.IsCustomer)
        {
            Preview = new EntitlementPanel(null, now);
            return;
        }

        var severity = Enum.IsDefined((Severity)Input.Severity) ? (Severity)Input.Severity : Severity.Normal;
        var view = await coverage.CheckAsync(
            actor,
            new CoverageQuestion(Input.Product, Input.ProductRelease, Input.Environment, Input.Category, Input.ModifiedSource, severity),
            TicketChannel.Web,
            HttpContext.RequestAborted);
        Preview = new EntitlementPanel(view, now);
    }

    public sealed class TicketInput
    {
        public string? Subject { get; set; }

        public string? Body { get; set; }

        public int Severity { get; set; } = (int)Core.Tickets.Severity.Normal;

        public string? Product { get; set; }

        public string? ProductRelease { get; set; }

        public string? Environment { get; set; }

        public string? Category { get; set; } = RequestCategories.Problem;

        /// <summary>The customer has changed the product's source code; the scope may not cover that.</summary>
        public bool ModifiedSource { get; set; }

        /// <summary>An ISO 639-1 code of <see cref="Languages.All"/>; the engineer who takes the ticket speaks it.</summary>
        public string? Language { get; set; }

        public List<IFormFile> Attachments { get; set; } = [];

        /// <summary>The form's key (see <see cref="FormKeys"/>).</summary>
        public string? IdempotencyKey { get; set; }
    }
}
