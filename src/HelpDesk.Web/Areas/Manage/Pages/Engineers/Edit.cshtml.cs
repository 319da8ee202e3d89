using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Engineers;

/// <summary>
/// One engineer's routing profile: tier, sourcing, the skills grid, languages, categories, capacity and
/// availability. Saving the first time puts the engineer in the router's hands. A save refused because someone else
/// changed the profile meanwhile keeps the form as typed and says so. A save that removes skills first comes back with
/// what removing them leads to, and removes them only when the manager confirms (the form is sent again with the
/// removals it confirmed).
/// </summary>
public sealed class EditModel(IPeopleDirectory people, IEngineerStore engineers, IScopeStore catalogue, SaveEngineerProfile saveProfile, TimeProvider clock, IManageAudit audit, HelpDeskUserManager users) : PageModel
{
    /// <summary>The engineer's audit trail: profile changes, away and back, and rates added.</summary>
    public IReadOnlyList<ManageAuditEntry> History { get; private set; } = [];

    /// <summary>Empty lines under the skills, so a manager can add a few at once.</summary>
    public const int BlankSkillRows = 3;

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public Person Person { get; private set; } = null!;

    public EngineerProfile? Existing { get; private set; }

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public IReadOnlyList<TargetEnvironment> Environments { get; private set; } = [];

    public string? StaleMessage { get; private set; }

    /// <summary>The skills the posted form would remove, with their consequences, while they await confirmation.</summary>
    public IReadOnlyList<RemovedSkill> SkillRemovals { get; private set; } = [];

    /// <summary>What the confirm button sends back as <see cref="ProfileInput.ConfirmedRemovals"/>.</summary>
    public string RemovalToken { get; private set; } = "";

    /// <summary>The hourly rate in force today; null without one.</summary>
    public long? HourlyNow => Existing?.HourlyCentsOn(DateOnly.FromDateTime(clock.UtcNow()));

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = Existing is null ? new ProfileInput { Languages = [Core.Routing.Languages.English] } : ProfileInput.From(Existing);
        Input.PadSkills();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] ITicketStore tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        // Lines without a product are the blank ones offered for adding; errors name the lines Core saw, so they are
        // put back beside the line of the form they came from.
        var lines = Input.Skills.Select((row, index) => (row, index)).Where(l => !string.IsNullOrWhiteSpace(l.row.Product)).ToList();
        if (Existing is not null)
        {
            var removed = SkillRemoval.Removed(Existing, lines.Select(l => (l.row.Product!, string.IsNullOrWhiteSpace(l.row.Area) ? null : l.row.Area)));
            if (removed.Count > 0 && Input.ConfirmedRemovals != SkillRemoval.Token(removed))
            {
                await DescribeRemovalsAsync(removed, [.. lines.Select(l => l.row.Product!.Trim())], tickets);
                return Page();
            }
        }
        var result = await saveProfile.HandleAsync(
            new EngineerProfileInput
            {
                UserId = id,
                Tier = Input.Tier,
                Sourcing = Input.Sourcing.ToString(),
                Supplier = Input.Supplier,
                PricePerCase = Input.PricePerCase,
                Skills = [.. lines.Select(l => new EngineerSkillInput(l.row.Product, l.row.Area, l.row.Proficiency))],
                Languages = Input.Languages,
                Categories = Input.Categories,
                Capacity = Input.Capacity ?? -1,
                Available = Input.Available,
                ExpectedVersion = Input.Version,
                ActorId = users.IdOf(User),
            },
            HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = Existing is null
                ? $"{Person.Name} is now routed: tickets that fit go to them, up to {result.Value!.Capacity} at once."
                : $"Saved {Person.Name}'s profile.";
            return RedirectToPage("Index");
        }

        var errors = result.Errors.Select(e => e with { Field = FormField(e.Field, lines.Select(l => l.index).ToList()) }).ToList();
        var shown = result.Failure == Failure.Invalid ? Result<EngineerProfile>.Invalid(errors) : result;
        if (!ResultResponses.ShowOnForm(shown, ModelState, out var stale))
        {
            return NotFound();
        }

        // The form comes back as posted, blank lines included, so each error stays beside its line.
        StaleMessage = stale;
        return Page();
    }

    private async Task DescribeRemovalsAsync(IReadOnlyList<EngineerSkill> removed, IReadOnlyCollection<string> kept, ITicketStore tickets)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var names = Products.ToDictionary(p => p.Code, p => p.Name, StringComparer.OrdinalIgnoreCase);
        var open = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in removed.Select(s => s.ProductCode).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var page = await tickets.ListAsync(
                new TicketQuery
                {
                    Scope = TicketScope.Staff,
                    AssigneeId = Person.Id,
                    Product = names.GetValueOrDefault(code, code),
                    Statuses = [TicketStatus.New, TicketStatus.Open, TicketStatus.PendingCustomer, TicketStatus.OnHold],
                    Take = MaxCountedTickets,
                },
                cancellationToken);
            open[code] = page.Items.Count;
        }

        SkillRemovals = SkillRemoval.Describe(Existing!, removed, kept, await engineers.ListAsync(cancellationToken), names, open);
        RemovalToken = SkillRemoval.Token(removed);
    }

    /// <summary>How many of an engineer's open tickets on a product the confirmation counts at most.</summary>
    private const int MaxCountedTickets = 100;

    /// <summary>"skills[1].product" of the lines sent is "skills[3].product" of the form when blank lines came between.</summary>
    private static string FormField(string field, List<int> formIndexes)
    {
        const string prefix = "skills[";
        if (!field.StartsWith(prefix, StringComparison.Ordinal))
        {
            return field;
        }

        var close = field.IndexOf(']', StringComparison.Ordinal);
        return close > prefix.Length
            && int.TryParse(field.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sent)
            && sent < formIndexes.Count
                ? string.Create(CultureInfo.InvariantCulture, $"{prefix}{formIndexes[sent]}{field[close..]}")
                : field;
    }

    private async Task<bool> LoadAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var person = await people.FindAsync(id, cancellationToken);
        if (person is null || !person.IsStaff)
        {
            return false;
        }

        Person = person;
        Existing = await engineers.GetAsync(id, cancellationToken);
        History = await audit.ListAsync(AuditSubjects.Engineer, id, cancellationToken);
        Products = [.. (await catalogue.ListProductsAsync(cancellationToken)).OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
        Environments = [.. (await catalogue.ListEnvironmentsAsync(cancellationToken)).OrderBy(e => e.Name, StringComparer.CurrentCultureIgnoreCase)];
        return true;
    }

    public sealed class ProfileInput
    {
        public int Version { get; set; }

        public int Tier { get; set; } = 1;

        public Sourcing Sourcing { get; set; } = Sourcing.InHouse;

        public string? Supplier { get; set; }

        public string? PricePerCase { get; set; }

        public List<SkillRow> Skills { get; set; } = [];

        /// <summary>Empty unless posted: a form with every language unticked sends none, which is an error, not English.</summary>
        public List<string> Languages { get; set; } = [];

        /// <summary>None ticked means every category.</summary>
        public List<string> Categories { get; set; } = [];

        public int? Capacity { get; set; } = 5;

        public bool Available { get; set; } = true;

        /// <summary>The removals the manager confirmed (see <see cref="SkillRemoval.Token"/>); empty until they do.</summary>
        public string? ConfirmedRemovals { get; set; }

        public static ProfileInput From(EngineerProfile profile) => new()
        {
            Version = profile.Version,
            Tier = profile.Tier,
            Sourcing = profile.Sourcing,
            Supplier = profile.Supplier,
            PricePerCase = profile.PricePerCaseCents is long price ? Money.ForInput(price) : null,
            Skills = [.. profile.Skills.Select(s => new SkillRow { Product = s.ProductCode, Area = s.Area, Proficiency = s.Proficiency })],
            Languages = [.. profile.Languages],
            Categories = [.. profile.Categories],
            Capacity = profile.Capacity,
            Available = profile.Available,
        };

        public void PadSkills()
        {
            Skills.RemoveAll(s => string.IsNullOrWhiteSpace(s.Product) && string.IsNullOrWhiteSpace(s.Area));
            for (var i = 0; i < BlankSkillRows; i++)
            {
                Skills.Add(new SkillRow());
            }
        }
    }

    /// <summary>One line of the skills grid; a line with no product is left out.</summary>
    public sealed class SkillRow
    {
        /// <summary>The product's code.</summary>
        public string? Product { get; set; }

        /// <summary>An environment code narrowing the skill, or empty for the whole product.</summary>
        public string? Area { get; set; }

        public int Proficiency { get; set; } = 3;
    }
}
