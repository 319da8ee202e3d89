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

        // The account's state is told only after the right password (HelpDeskSignInManager), so these answers tell a
        // stranger nothing about which accounts exist.
        var message = result switch
        {
            ThrottledSignInResult throttled => Throttled(throttled),
            DeactivatedSignInResult => "This account has been deactivated. Ask an administrator if you need it again.",
            { IsLockedOut: true } => "This account is locked. Ask an administrator to unlock it.",
            { IsNotAllowed: true } => "Confirm your email address first: open the link in the message we sent you.",
            { RequiresTwoFactor: true } => "This account uses two-factor sign-in, which the API supports at /api/auth/login.",
            _ => "The email or password is not right.",
        };
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    private string Throttled(ThrottledSignInResult throttled)
    {
        Response.Headers.RetryAfter = throttled.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"Too many wrong passwords. Wait {throttled.RetryAfterSeconds} seconds and try again, or reset your password.";
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
