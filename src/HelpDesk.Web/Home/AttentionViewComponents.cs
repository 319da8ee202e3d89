using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Hangfire;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Home;

/// <summary>What waits for a customer: their organisation's tickets that wait on them, and offers they have not answered.</summary>
public sealed record CustomerAttention(IReadOnlyList<TicketSummary> WaitingOnYou, IReadOnlyList<OfferSummary> Offers);

/// <summary>An engineer's most urgent own tickets and how many tickets wait in each skill queue.</summary>
public sealed record EngineerAttention(IReadOnlyList<TicketSummary> DueSoonest, IReadOnlyList<QueueDepth> Queues, DateTime NowUtc);

/// <summary>
/// A manager's morning: open tickets at risk of or past their SLA, the queues with work waiting, and this month's
/// profit and customer satisfaction so far (from the rolled-up facts).
/// </summary>
public sealed record ManagerAttention(int AtRisk, int Breached, IReadOnlyList<QueueDepth> Queues, Metric Profit, Metric Csat, Currency Currency, DateOnly MonthStart);

/// <summary>An admin's view of the background jobs: what failed, waits or runs, and whether a server is processing them.</summary>
public sealed record JobHealth(long Failed, long Enqueued, long Scheduled, long Processing, long Servers, int RollupBacklog);

/// <summary>The customer portal's "Needs your attention" panel.</summary>
public sealed class CustomerAttentionViewComponent(CurrentActor actors, ITicketStore tickets, IOfferStore offers) : ViewComponent
{
    public const int Take = 5;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await actors.ResolveAsync(UserClaimsPrincipal) is not { OrganisationId: int organisationId } actor)
        {
            return Content("");
        }

        var waiting = await tickets.ListAsync(
            new TicketQuery { Scope = actor.Scope, Statuses = [TicketStatus.PendingCustomer], Sort = TicketSort.Updated, Take = Take },
            cancellationToken);
        var sent = await offers.ListAsync(organisationId, OfferStatus.Sent, Take, cancellationToken);
        return View(new CustomerAttention(waiting.Items, sent));
    }
}

/// <summary>The desk's "Needs your attention" panel: the engineer's own open tickets due soonest, and the queues' depths.</summary>
public sealed class EngineerAttentionViewComponent(CurrentActor actors, ITicketStore tickets, IRoutingStore routing, TimeProvider clock) : ViewComponent
{
    public const int Take = 3;

    private static readonly TicketStatus[] Open = Enum.GetValues<TicketStatus>().Where(TicketWorkflow.IsOpen).ToArray();

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await actors.ResolveAsync(UserClaimsPrincipal) is not { UserId: int me } actor)
        {
            return Content("");
        }

        var mine = await tickets.ListAsync(
            new TicketQuery { Scope = actor.Scope, Statuses = Open, AssigneeId = me, Sort = TicketSort.Due, Take = Take },
            cancellationToken);
        var queues = (await routing.ListQueueDepthsAsync(cancellationToken)).Where(q => q.Waiting > 0).ToList();
        return View(new EngineerAttention(mine.Items, queues, clock.UtcNow()));
    }
}

/// <summary>The manager's "Needs your attention" panel on /manage.</summary>
public sealed class ManagerAttentionViewComponent(IRoutingStore routing, IEconomicsReader economics, Currency currency, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var workload = await routing.ListWorkloadAsync(cancellationToken);
        var queues = (await routing.ListQueueDepthsAsync(cancellationToken))
            .Where(q => q.Waiting > 0)
            .OrderBy(q => q.EarliestDueUtc ?? DateTime.MaxValue)
            .ToList();
        var today = DateOnly.FromDateTime(clock.UtcNow());
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var month = await economics.TotalAsync(new EconomicsFilter(monthStart, today), cancellationToken);
        return View(new ManagerAttention(
            workload.Sum(w => w.AtRisk),
            workload.Sum(w => w.Breached),
            queues,
            SupportMetrics.Profit(month),
            SupportMetrics.CsatMean(month),
            currency,
            monthStart));
    }
}

/// <summary>The admin's job health beside the mail counts on /admin.</summary>
public sealed class JobHealthViewComponent(JobStorage storage, IRollupStatusReader rollup) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var statistics = storage.GetMonitoringApi().GetStatistics();
        var status = await rollup.ReadAsync(HttpContext.RequestAborted);
        return View(new JobHealth(statistics.Failed, statistics.Enqueued, statistics.Scheduled, statistics.Processing, statistics.Servers, status.Backlog));
    }
}
