using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages;

/// <summary>
/// The confirmation step of placing a customer's account in an organisation: whose tickets they will see and which
/// contracts will judge their requests, computed here, and the button that places them. Works without a script.
/// </summary>
public sealed class PlacementModel(AccountPlacements placements, IContractStore contracts, TimeProvider clock, HelpDeskUserManager users) : PageModel
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
        var result = await placements.PlaceAsync(id, organisationId, users.IdOf(User), HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded
            ? $"{result.Value!.Account.Email} now belongs to {result.Value.Organisation.Name}."
            : Refusal(result);
        return Redirect("/manage");
    }

    /// <summary>Null when both exist and the account still awaits placement; otherwise where to go instead.</summary>
    private async Task<IActionResult?> LoadAsync(int userId, int organisationId)
    {
        var found = await placements.FindAsync(userId, organisationId, HttpContext.RequestAborted);
        if (!found.Succeeded)
        {
            TempData["Notice"] = Refusal(found);
            return Redirect("/manage");
        }

        (Account, Organisation) = found.Value!;
        return null;
    }

    private static string Refusal(Result<Placement> result) => result.Failure == Failure.NotFound
        ? "That account or organisation no longer exists; the list below is current."
        : result.Errors[0].Message;
}
