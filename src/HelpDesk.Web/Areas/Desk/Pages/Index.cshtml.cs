using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Desk.Pages;

/// <summary>
/// The engineer's queues: what is mine, what nobody has taken, each skill queue (<c>?queue=keel/tier-2</c>) and
/// everything still open. Mine, unassigned and the skill queues are worked in SLA order, so they are sorted by the
/// next due time with a countdown unless another order is asked for.
/// </summary>
public sealed class IndexModel(
    ITicketStore tickets,
    IOrganisationStore organisations,
    IPeopleDirectory people,
    IRoutingStore routing,
    IEngineerStore engineers,
    CurrentActor currentActor,
    TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    private static readonly TicketStatus[] OpenStatuses = Enum.GetValues<TicketStatus>().Where(TicketWorkflow.IsOpen).ToArray();

    /// <summary>Mine, Unassigned, All, or a skill queue's name such as <c>keel/tier-2</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Queue { get; set; }

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

    /// <summary>The order asked for; none means the tab's own (<see cref="EffectiveSort"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public TicketSort? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public TicketPage Results { get; private set; } = new([], null);

    public string? PagingProblem { get; private set; }

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public IReadOnlyList<Person> Staff { get; private set; } = [];

    /// <summary>The skill queues with tickets waiting, and those the engineer may pull from; the tabs after the fixed ones.</summary>
    public IReadOnlyList<QueueTab> SkillQueues { get; private set; } = [];

    public DateTime NowUtc => clock.UtcNow();

    public DeskTab Tab => Tabs.Of(Queue);

    /// <summary>The skill queue shown, when the tab is one.</summary>
    public string? SkillQueue => Tab == DeskTab.SkillQueue ? Core.Routing.SkillQueue.Parse(Queue?.Trim())?.Name : null;

    /// <summary>Any filter or search is set: the page answers it, and the "needs your attention" panel stays out of the way.</summary>
    public bool Filtered => Status is not null || Severity is not null || OrganisationId is not null || AssigneeId is not null
        || !string.IsNullOrWhiteSpace(Product) || !string.IsNullOrWhiteSpace(Text);

    public TicketSort EffectiveSort => Sort ?? (Tab is DeskTab.All or DeskTab.Triage ? TicketSort.Updated : TicketSort.Due);

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await currentActor.ResolveAsync(User);
        if (actor?.UserId is not int me)
        {
            return Forbid();
        }

        var cancellationToken = HttpContext.RequestAborted;
        TicketCursor? cursor = null;
        if (!string.IsNullOrEmpty(After) && !TicketCursor.TryDecode(After, EffectiveSort, out cursor))
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
                AssigneeId = Tab switch
                {
                    DeskTab.Mine => me,
                    DeskTab.All => AssigneeId,
                    _ => null,
                },
                UnassignedOnly = Tab == DeskTab.Unassigned,
                TriageOnly = Tab == DeskTab.Triage,
                Queue = SkillQueue,
                Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
                Sort = EffectiveSort,
                After = cursor,
                Take = PageSize,
            },
            cancellationToken);
        Organisations = await organisations.ListAsync(cancellationToken);
        Staff = await people.ListStaffAsync(cancellationToken);
        SkillQueues = await QueueTabsAsync(me, cancellationToken);
        return Page();
    }

    private async Task<IReadOnlyList<QueueTab>> QueueTabsAsync(int me, CancellationToken cancellationToken)
    {
        var depths = (await routing.ListQueueDepthsAsync(cancellationToken)).ToDictionary(d => d.Queue, StringComparer.Ordinal);
        var profile = await engineers.GetAsync(me, cancellationToken);
        var mine = profile is null ? [] : Core.Routing.SkillQueue.For(profile).Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        var names = depths.Where(d => d.Value.Waiting > 0).Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        if (SkillQueue is { } shown)
        {
            names.Add(shown);
        }

        return [.. names
            .Select(name => new QueueTab(name, depths.TryGetValue(name, out var depth) ? depth.Waiting : 0, mine.Contains(name)))
            .OrderByDescending(t => t.Mine)
            .ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>The address of this list with another queue or page; paging restarts unless <paramref name="after"/> is given.</summary>
    public string LinkTo(string? queue = null, string? after = null)
    {
        var tab = queue ?? Queue;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["queue"] = string.IsNullOrWhiteSpace(tab) ? null : tab,
            ["status"] = Status?.ToString(),
            ["severity"] = Severity?.ToString(),
            ["org"] = OrganisationId?.ToString(CultureInfo.InvariantCulture),
            ["product"] = string.IsNullOrWhiteSpace(Product) ? null : Product,
            ["assignee"] = AssigneeId?.ToString(CultureInfo.InvariantCulture),
            ["q"] = string.IsNullOrWhiteSpace(Text) ? null : Text,
            ["sort"] = Sort?.ToString(),
            ["after"] = after,
        };
        return "/desk" + QueryString.Create(values.Where(v => v.Value is not null)).ToUriComponent();
    }

    public static string QueueLabel(DeskTab queue) => queue switch
    {
        DeskTab.Mine => "Mine",
        DeskTab.Unassigned => "Unassigned",
        DeskTab.Triage => "Triage",
        _ => "All open",
    };
}

public enum DeskTab
{
    Mine,
    Unassigned,
    All,

    /// <summary>Open tickets that need classification, or are flagged for triage such as mail from a sender no organisation owns.</summary>
    Triage,
    SkillQueue,
}

/// <summary>A skill queue's tab: its name, how many tickets wait in it, and whether the engineer may pull from it.</summary>
public sealed record QueueTab(string Name, int Waiting, bool Mine);

public static class Tabs
{
    public static IReadOnlyList<DeskTab> Fixed { get; } = [DeskTab.Mine, DeskTab.Unassigned, DeskTab.All, DeskTab.Triage];

    /// <summary>The tab a <c>queue</c> value names; anything that is not a fixed tab or a skill queue is Mine.</summary>
    public static DeskTab Of(string? queue)
    {
        var value = queue?.Trim();
        foreach (var tab in Fixed)
        {
            if (string.Equals(value, tab.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return tab;
            }
        }

        return Core.Routing.SkillQueue.Parse(value) is not null ? DeskTab.SkillQueue : DeskTab.Mine;
    }
}
