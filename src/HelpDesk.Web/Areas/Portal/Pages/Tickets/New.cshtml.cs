using System.Text.Json;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;
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
/// verdict is advice only: the ticket is filed whatever it says.
/// </summary>
public sealed class NewModel(
    CurrentActor actors,
    FileTicket fileTicket,
    AttachmentPolicy attachments,
    IScopeStore catalogue,
    CoverageChecks coverage,
    TimeProvider clock) : PageModel
{
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
        await LoadChoicesAsync();
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
        await LoadChoicesAsync();
        await PreviewAsync(actor);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await actors.ResolveAsync(User) is not { } actor)
        {
            return RedirectToPage("/Index");
        }

        var files = await FormFiles.ReadAsync(Input.Attachments, attachments, HttpContext.RequestAborted);
        var result = await fileTicket.HandleAsync(
            new FileTicketRequest
            {
                RequesterId = actor.UserId!.Value,
                OrganisationId = actor.OrganisationId!.Value,
                Channel = TicketChannel.Web,
                Subject = Input.Subject,
                Body = Input.Body,
                Severity = Input.Severity,
                Product = Input.Product,
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
        await LoadChoicesAsync();
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

    private async Task LoadChoicesAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Products = [.. (await catalogue.ListProductsAsync(cancellationToken)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
        var releases = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var product in Products)
        {
            releases[product.Name] = [.. (await catalogue.ListReleasesAsync(product.Id, cancellationToken)).OrderByDescending(r => r.ReleasedOn).Select(r => r.Name)];
        }

        Releases = releases;
        Environments = [.. (await catalogue.ListEnvironmentsAsync(cancellationToken)).OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private async Task PreviewAsync(TicketActor actor)
    {
        var now = clock.UtcNow();
        if (string.IsNullOrWhiteSpace(Input.Product) || !actor.IsCustomer)
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
