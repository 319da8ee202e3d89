using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Admin.Pages.ServiceAccounts;

/// <summary>One service account: its tokens (made, listed, revoked here) and disabling it.</summary>
public sealed class ShowModel(IApiTokenStore tokens, TimeProvider clock, IServiceAccountStore serviceAccounts, HelpDeskUserManager users)
    : ApiTokenPageModel(tokens, clock)
{
    public HelpDeskUser Account { get; private set; } = new();

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public async Task<IActionResult> OnPostDisableAsync(int id, string? stamp, [FromServices] AccountAdministration administration)
    {
        if (await OwnerIdAsync() is null)
        {
            return NotFound();
        }

        var result = await administration.DeactivateAsync(User.UserId(), id, stamp ?? "", HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"{result.Value!.DisplayName} is disabled: every token it has is refused from its next request.";
        }
        else
        {
            TempData["Notice"] = string.Join(" ", result.Errors.Select(e => e.Message));
        }

        return result.Failure == Failure.NotFound ? NotFound() : RedirectToPage(new { id });
    }

    protected override async Task<int?> OwnerIdAsync()
    {
        var id = int.Parse((string)RouteData.Values["id"]!, CultureInfo.InvariantCulture);
        return await serviceAccounts.IsServiceAccountAsync(id, HttpContext.RequestAborted) ? id : null;
    }

    protected override async Task LoadPageAsync()
    {
        var id = (await OwnerIdAsync())!.Value;
        Account = (await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture)))!;
        Roles = [.. await users.GetRolesAsync(Account)];
    }
}
