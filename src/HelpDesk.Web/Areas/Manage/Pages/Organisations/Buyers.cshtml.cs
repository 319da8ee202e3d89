using System.Globalization;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Organisations;

/// <summary>
/// Who may buy services for an organisation: its admin contact (who can grant the right on the portal) and, for each
/// of its customer accounts, the right to accept and decline offers on any of its tickets.
/// </summary>
public sealed class BuyersModel(IOrganisationStore organisations, IBuyingRights rights) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<Buyer> Buyers { get; private set; } = [];

    public int? AdminContactId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAdminContactAsync(int id, int? adminContactId, [FromServices] SetAdminContact setAdminContact)
    {
        ArgumentNullException.ThrowIfNull(setAdminContact);
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var result = await setAdminContact.HandleAsync(id, adminContactId, HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded
            ? adminContactId is int chosen ? $"{Buyers.FirstOrDefault(b => b.Id == chosen)?.Name} is now the admin contact of {Organisation.Name}." : $"{Organisation.Name} has no admin contact now."
            : result.Errors[0].Message;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRightAsync(int id, int userId, bool canBuy, [FromServices] SetBuyingRight setBuyingRight, [FromServices] HelpDeskUserManager users)
    {
        ArgumentNullException.ThrowIfNull(setBuyingRight);
        ArgumentNullException.ThrowIfNull(users);
        if (!await LoadAsync(id) || Buyers.All(b => b.Id != userId))
        {
            return NotFound();
        }

        var managerId = int.Parse(users.GetUserId(User)!, CultureInfo.InvariantCulture);
        var result = await setBuyingRight.HandleAsync(new SetBuyingRightRequest(managerId, ActorIsManager: true, userId, canBuy), HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded
            ? $"{result.Value!.Name} {(canBuy ? "may now" : "may no longer")} buy services for {Organisation.Name}."
            : result.Errors[0].Message;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await organisations.GetAsync(id, cancellationToken) is not { } organisation)
        {
            return false;
        }

        Organisation = organisation;
        Buyers = await rights.ListAsync(id, cancellationToken);
        AdminContactId = await rights.GetAdminContactAsync(id, cancellationToken);
        return true;
    }
}
