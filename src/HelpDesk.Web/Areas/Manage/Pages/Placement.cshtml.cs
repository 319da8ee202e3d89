using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages;

/// <summary>
/// The confirmation step of placing a customer's account in an organisation: whose tickets they will see and which
/// contracts will judge their requests, computed here, and the button that places them. Works without a script.
/// </summary>
public sealed class PlacementModel(HelpDeskUserManager users, IOrganisationStore organisations, IContractStore contracts, TimeProvider clock) : PageModel
{
    public HelpDeskUser Account { get; private set; } = null!;

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<string> Consequences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int organisationId)
    {
        if (await LoadAsync(id, organisationId) is { } gone)
        {
            return gone;
        }

        var theirs = await contracts.ListContractsAsync(Organisation.Id, HttpContext.RequestAborted);
        var plans = (await contracts.ListPlansAsync(HttpContext.RequestAborted)).ToDictionary(p => p.Id, p => p.Name);
        Consequences = AccountPlacement.Consequences(Account.Email, Organisation, theirs, plans, clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int organisationId)
    {
        if (await LoadAsync(id, organisationId) is { } gone)
        {
            return gone;
        }

        Account.OrganisationId = Organisation.Id;
        var result = await users.UpdateAsync(Account);
        TempData["Notice"] = result.Succeeded
            ? $"{Account.Email} now belongs to {Organisation.Name}."
            : $"{Account.Email} changed while you were looking; nothing was saved. Check the list and try again.";
        return Redirect("/manage");
    }

    /// <summary>Null when both exist and the account still awaits placement; otherwise where to go instead.</summary>
    private async Task<IActionResult?> LoadAsync(int userId, int organisationId)
    {
        var user = await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture));
        var organisation = await organisations.GetAsync(organisationId, HttpContext.RequestAborted);
        if (user is null || organisation is null || !await users.IsInRoleAsync(user, Roles.Customer))
        {
            TempData["Notice"] = "That account or organisation no longer exists; the list below is current.";
            return Redirect("/manage");
        }

        if (user.OrganisationId is not null)
        {
            TempData["Notice"] = $"{user.Email} was already placed by someone else; nothing changed.";
            return Redirect("/manage");
        }

        Account = user;
        Organisation = organisation;
        return null;
    }
}
