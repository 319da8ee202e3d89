using System.ComponentModel.DataAnnotations;
using HelpDesk.Core.Accounts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpDesk.Web.Pages.Account;

[EnableRateLimiting(HelpDeskServices.SignInRateLimit)]
public sealed class ForgotPasswordModel(HelpDeskUserManager users, PasswordLinks links, IEmailSender<HelpDeskUser> mailer) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The answer is the same whether or not the account exists, so the form cannot be used to find accounts. A
        // contact made from their mail has no password and an unconfirmed address; the link reaches their mailbox,
        // which is proof enough, so they set their first password here. A deactivated account is sent nothing.
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is { DeactivatedUtc: null } && (await users.IsEmailConfirmedAsync(user) || !await users.HasPasswordAsync(user)))
        {
            await mailer.SendPasswordResetLinkAsync(user, user.Email, await links.ResetLinkAsync(user));
        }

        Sent = true;
        return Page();
    }

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
        public string Email { get; set; } = "";
    }
}
