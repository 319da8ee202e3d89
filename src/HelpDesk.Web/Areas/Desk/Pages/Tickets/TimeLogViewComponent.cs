using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Desk.Pages.Tickets;

/// <summary>The time log with what the work costs: each entry's cost and reason, the ticket's labour cost and its goodwill.</summary>
public sealed record TimeLog(IReadOnlyList<TimeEntry> Entries, TicketLabourCost? Cost, Currency Currency)
{
    public EntryCost? CostOf(TimeEntry entry) => Cost?.Entries.FirstOrDefault(c => c.EntryId == entry.Id);

    public string Money(long cents) => Core.Contracts.Money.Format(cents, Currency);
}

/// <summary>
/// The desk ticket page's time log. The cost is worked out live from the ticket's history, loaded as the rollup loads
/// it, so it is what the facts will count once the next rollup has run. Staff only: the desk is.
/// </summary>
public sealed class TimeLogViewComponent(IEconomicsStore economics, Currency currency, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ShowModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var entries = page.View.Time;
        var names = entries.GroupBy(e => e.EngineerId).ToDictionary(g => g.Key, g => g.First().EngineerName);
        var histories = await economics.LoadTicketsAsync([page.Ticket.Id], HttpContext.RequestAborted);
        var history = histories.Count > 0 ? histories[0] : null;
        var cost = history is null
            ? null
            : TicketCosting.Of(history, Core.Common.Clock.UtcNow(clock), id => names.TryGetValue(id, out var name) ? name : $"engineer {id}", currency);
        return View("~/Areas/Desk/Pages/Tickets/_TimeLog.cshtml", new TimeLog(entries, cost, currency));
    }
}
