using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Desk.Pages;

/// <summary>The engineer's queues: what is mine, what nobody has taken, and everything still open.</summary>
public sealed class IndexModel(ITicketStore tickets, IOrganisationStore organisations, IPeopleDirectory people, CurrentActor currentActor, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    private static readonly TicketStatus[] OpenStatuses = Enum.GetValues<TicketStatus>().Where(TicketWorkflow.IsOpen).ToArray();

    [BindProperty(SupportsGet = true)]
    public DeskTab Queue { get; set; } = DeskTab.Mine;

    /// <summary>One status to show; it replaces the queue's "open statuses", so resolved and closed tickets can be found too.</summary>
    [BindProperty(SupportsGet = true)]
    public TicketStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public Severity? Severity { get; set; }

    [BindProperty(SupportsGet = true, Name = "org")]
    public int? OrganisationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Product { get; set; }

    [BindProperty(SupportsGet = true, Name = "assignee")]
    public int? AssigneeId { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true)]
    public TicketSort Sort { get; set; } = TicketSort.Updated;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public TicketPage Results { get; private set; } = new([], null);

    public string? PagingProblem { get; private set; }

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public IReadOnlyList<Person> Staff { get; private set; } = [];

    public DateTime NowUtc => clock.UtcNow();

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await currentActor.ResolveAsync(User);
        if (actor?.UserId is not int me)
        {
            return Forbid();
        }

        var cancellationToken = HttpContext.RequestAborted;
        TicketCursor? cursor = null;
        if (!string.IsNullOrEmpty(After) && !TicketCursor.TryDecode(After, Sort, out cursor))
        {
            PagingProblem = "That page link is out of date or damaged, so the list starts again from the first page.";
            After = null;
        }

        Results = await tickets.ListAsync(
            new TicketQuery
            {
                Scope = actor.Scope,
                Statuses = Status is TicketStatus status ? [status] : OpenStatuses,
                Severity = Severity,
                OrganisationId = OrganisationId,
                Product = string.IsNullOrWhiteSpace(Product) ? null : Product.Trim(),
                AssigneeId = Queue switch
                {
                    DeskTab.Mine => me,
                    DeskTab.Unassigned => null,
                    _ => AssigneeId,
                },
                UnassignedOnly = Queue == DeskTab.Unassigned,
                Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
                Sort = Sort,
                After = cursor,
                Take = PageSize,
            },
            cancellationToken);
        Organisations = await organisations.ListAsync(cancellationToken);
        Staff = await people.ListStaffAsync(cancellationToken);
        return Page();
    }

    /// <summary>The address of this list with another queue or page; paging restarts unless <paramref name="after"/> is given.</summary>
    public string LinkTo(DeskTab? queue = null, string? after = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["queue"] = (queue ?? Queue).ToString(),
            ["status"] = Status?.ToString(),
            ["severity"] = Severity?.ToString(),
            ["org"] = OrganisationId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["product"] = string.IsNullOrWhiteSpace(Product) ? null : Product,
            ["assignee"] = AssigneeId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["q"] = string.IsNullOrWhiteSpace(Text) ? null : Text,
            ["sort"] = Sort == TicketSort.Updated ? null : Sort.ToString(),
            ["after"] = after,
        };
        return "/desk" + QueryString.Create(values.Where(v => v.Value is not null)).ToUriComponent();
    }

    public static string QueueLabel(DeskTab queue) => queue switch
    {
        DeskTab.Mine => "Mine",
        DeskTab.Unassigned => "Unassigned",
        _ => "All open",
    };
}

public enum DeskTab
{
    Mine,
    Unassigned,
    All,
}
