using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Account;

public sealed class RegisterConfirmationModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    public void OnGet()
    {
    }
}
