using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Calendars;

/// <summary>The holiday calendars business-hours plans close on.</summary>
public sealed class IndexModel(IContractStore contracts, TimeProvider clock) : PageModel
{
    public DateOnly Today { get; } = DateOnly.FromDateTime(clock.UtcNow());

    public IReadOnlyList<HolidayCalendar> Calendars { get; private set; } = [];

    public IReadOnlyList<Plan> Plans { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Calendars = await contracts.ListCalendarsAsync(HttpContext.RequestAborted);
        Plans = await contracts.ListPlansAsync(HttpContext.RequestAborted);
    }
}
