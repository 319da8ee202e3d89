using System.ComponentModel.DataAnnotations;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpDesk.Web.Pages.Account;

[EnableRateLimiting(HelpDeskServices.SignInRateLimit)]
public sealed class RegisterModel(CustomerRegistration registration) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await registration.RegisterAsync(Input.DisplayName, Input.Email, Input.Password, ConfirmationLink);
        if (result.Succeeded)
        {
            return RedirectToPage("/Account/RegisterConfirmation", new { email = Input.Email.Trim() });
        }

        foreach (var (field, message) in result.Errors.Select(e => (FieldOf(e), e.Description)).Distinct())
        {
            ModelState.AddModelError(field, message);
        }

        return Page();
    }

    private string ConfirmationLink(int userId, string code) =>
        Url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { userId, code })!;

    // Identity's error codes say which field is wrong; show each beside that field. A taken address is not an error
    // here: CustomerRegistration answers it as a new one.
    private static string FieldOf(IdentityError error) => error.Code switch
    {
        var code when code.StartsWith("Password", StringComparison.Ordinal) => "Input.Password",
        "InvalidEmail" or "InvalidUserName" => "Input.Email",
        _ => string.Empty,
    };

    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(200, ErrorMessage = "Keep your name under 200 characters.")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your work email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
        [StringLength(256, ErrorMessage = "Keep the email address under 256 characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
