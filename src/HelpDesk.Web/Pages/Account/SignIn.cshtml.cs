using System.ComponentModel.DataAnnotations;
using HelpDesk.Core.Accounts;
using HelpDesk.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpDesk.Web.Pages.Account;

[EnableRateLimiting(HelpDeskServices.SignInRateLimit)]
public sealed class SignInModel(SignInManager<HelpDeskUser> signIn) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // A safe local address the visitor was on their way to wins; otherwise each role lands in its own area.
            if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl))
            {
                return LocalRedirect(ReturnUrl);
            }

            var user = await signIn.UserManager.FindByNameAsync(Input.Email.Trim());
            return LocalRedirect(user is null ? "/" : Roles.LandingPage(await signIn.UserManager.GetRolesAsync(user)));
        }

        var message = result switch
        {
            { IsLockedOut: true } => "This account is locked after too many failed sign-ins. Try again in 15 minutes, or reset your password.",
            { IsNotAllowed: true } => "Confirm your email address first: open the link in the message we sent you.",
            { RequiresTwoFactor: true } => "This account uses two-factor sign-in, which the API supports at /api/auth/login.",
            _ => "The email or password is not right.",
        };
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
