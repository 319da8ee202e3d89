using HelpDesk.Core.Contracts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Plans;

/// <summary>Every support plan with what it promises: channels, hours, allowance, SLA targets and list price.</summary>
public sealed class IndexModel(IContractStore contracts) : PageModel
{
    public IReadOnlyList<Plan> Plans { get; private set; } = [];

    public IReadOnlyDictionary<int, string> CalendarNames { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync()
    {
        Plans = await contracts.ListPlansAsync(HttpContext.RequestAborted);
        CalendarNames = (await contracts.ListCalendarsAsync(HttpContext.RequestAborted)).ToDictionary(c => c.Id, c => c.Name);
    }
}
