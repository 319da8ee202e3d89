using HelpDesk.Core.Accounts;
using HelpDesk.Core.Routing;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Engineers;

/// <summary>
/// Every engineer and manager with their routing profile, or "not routed" for those without one (the router never
/// assigns them a ticket), and how loaded each is now.
/// </summary>
public sealed class IndexModel(IPeopleDirectory people, IRoutingStore routing, SetEngineerAvailability availability, HelpDeskUserManager users) : PageModel
{
    public IReadOnlyList<EngineerRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var staff = await people.ListStaffAsync(cancellationToken);
        var loads = (await routing.LoadCandidatesAsync(cancellationToken)).ToDictionary(l => l.Engineer.UserId);
        Rows = [.. staff.Select(person => new EngineerRow(person, loads.GetValueOrDefault(person.Id)))];
    }

    /// <summary>Marks an engineer away or back; one who is back pulls waiting tickets at once.</summary>
    public async Task<IActionResult> OnPostAvailabilityAsync(int userId, bool available)
    {
        var result = await availability.HandleAsync(userId, available, users.IdOf(User), HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded
            ? available
                ? $"{result.Value!.Name} is available again and takes waiting tickets that fit."
                : $"{result.Value!.Name} is away: the router passes them by until they are back."
            : string.Join(" ", result.Errors.Select(e => e.Message));
        return RedirectToPage();
    }
}

/// <summary>One staff member as the engineers list shows them; <see cref="Load"/> is null when they have no routing profile.</summary>
public sealed record EngineerRow(Person Person, EngineerLoad? Load)
{
    public EngineerProfile? Profile => Load?.Engineer;
}
