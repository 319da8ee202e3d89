using System.ComponentModel.DataAnnotations;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpDesk.Web.Pages.Account;

[EnableRateLimiting(HelpDeskServices.SignInRateLimit)]
public sealed class ResetPasswordModel(HelpDeskUserManager users) : PageModel
{
    private const string BrokenLink = "This reset link has expired or was already used. Ask for a new one.";

    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public void OnGet(string? email, string? code)
    {
        Input.Email = email ?? "";
        Input.Code = code ?? "";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, BrokenLink);
            return Page();
        }

        string token;
        try
        {
            token = CustomerRegistration.DecodeToken(Input.Code);
        }
        catch (FormatException)
        {
            ModelState.AddModelError(string.Empty, BrokenLink);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (result.Succeeded)
        {
            // A reset confirms the address: the person has proved they own the mailbox. It lifts no lock: wrong
            // passwords never lock an account (they are throttled), so a lock is an administrator's decision.
            if (!user.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
                await users.PlaceByEmailDomainAsync(user);
            }

            TempData["Notice"] = "Your password is changed. Sign in with the new one.";
            return RedirectToPage("/Account/SignIn");
        }

        foreach (var error in result.Errors)
        {
            var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty;
            ModelState.AddModelError(field, error.Code == "InvalidToken" ? BrokenLink : error.Description);
        }

        return Page();
    }

    public sealed class ResetInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "The reset code is missing: open the link from the message again.")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
