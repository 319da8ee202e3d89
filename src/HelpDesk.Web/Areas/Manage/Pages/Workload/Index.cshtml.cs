using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Workload;

/// <summary>
/// Where the work is: each routed engineer's open tickets against their capacity with how many are at risk or
/// breached, and each skill queue's depth with the ticket waiting longest (since it entered the queue) and earliest due time.
/// </summary>
public sealed class IndexModel(IRoutingStore routing, TimeProvider clock) : PageModel
{
    public IReadOnlyList<EngineerWorkload> Engineers { get; private set; } = [];

    public IReadOnlyList<QueueDepth> Queues { get; private set; } = [];

    public DateTime NowUtc { get; } = clock.UtcNow();

    public int OpenTotal => Engineers.Sum(e => e.OpenTickets);

    public int CapacityTotal => Engineers.Where(e => e.Engineer.Available).Sum(e => e.Engineer.Capacity);

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Engineers = [.. (await routing.ListWorkloadAsync(cancellationToken))
            .OrderByDescending(e => e.Breached)
            .ThenByDescending(e => e.AtRisk)
            .ThenByDescending(e => Share(e))
            .ThenBy(e => e.Engineer.Name, StringComparer.CurrentCultureIgnoreCase)];
        Queues = [.. (await routing.ListQueueDepthsAsync(cancellationToken))
            .Where(q => q.Waiting > 0)
            .OrderBy(q => q.EarliestDueUtc ?? DateTime.MaxValue)
            .ThenBy(q => q.OldestQueuedUtc)];
    }

    /// <summary>How full an engineer is, 0 to 1 and beyond when a manager gave them more than their capacity.</summary>
    public static double Share(EngineerWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload.Engineer.Capacity == 0 ? 1 : (double)workload.OpenTickets / workload.Engineer.Capacity;
    }
}
