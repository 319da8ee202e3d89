using HelpDesk.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<HelpDeskUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>Ends every session of the account, not only this browser's: a copied cookie dies with it.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        TempData["Notice"] = "You are signed out.";
        return LocalRedirect("/");
    }
}
