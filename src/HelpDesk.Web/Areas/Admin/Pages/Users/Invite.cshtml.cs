using System.ComponentModel.DataAnnotations;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Mail;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Users;

/// <summary>Adds a member of staff or a customer contact; they get a mail with a link to choose their password.</summary>
public sealed class InviteModel(IOrganisationStore organisations) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync([FromServices] AccountAdministration administration)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var invitation = new Invitation(Input.Email, Input.Name, Input.Kind == InviteInput.Customer, Input.Roles, Input.OrganisationId);
        var result = await administration.InviteAsync(User.UserId(), invitation, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ResultResponses.AddTo(result, ModelState, "Input");
            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = $"{result.Value!.Email} is invited: a mail with a link to choose a password is on its way.";
        return RedirectToPage("Show", new { id = result.Value.Id });
    }

    private async Task LoadAsync() => Organisations = await organisations.ListAsync(HttpContext.RequestAborted);

    public sealed class InviteInput
    {
        public const string Staff = "staff";
        public const string Customer = "customer";

        [Required(ErrorMessage = "Enter the email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
        [StringLength(256, ErrorMessage = "At most 256 characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter the person's name.")]
        [StringLength(200, ErrorMessage = "At most 200 characters.")]
        public string Name { get; set; } = "";

        [RegularExpression("^(staff|customer)$", ErrorMessage = "Choose staff or customer contact.")]
        public string Kind { get; set; } = Staff;

        public List<string> Roles { get; set; } = [];

        public int? OrganisationId { get; set; }
    }
}
