using System.ComponentModel.DataAnnotations;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using HelpDesk.Data.Accounts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages;

/// <summary>The manage home: the accounts awaiting placement (each placed after a confirmation step), and the organisations.</summary>
public sealed class IndexModel(IOrganisationStore organisations, DapperUserStore userStore) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public IReadOnlyList<HelpDeskUser> Awaiting { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync([FromServices] CreateOrganisation createOrganisation, [FromServices] HelpDeskUserManager users)
    {
        if (ModelState.IsValid)
        {
            var result = await createOrganisation.HandleAsync(
                new CreateOrganisationRequest(Input.Name, Input.Region, Input.Segment, Input.Domains, users.IdOf(User)), HttpContext.RequestAborted);
            if (result.Succeeded)
            {
                TempData["Notice"] = $"Added {result.Value!.Name}.";
                return RedirectToPage();
            }

            ResultResponses.AddTo(result, ModelState, "Input");
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Organisations = await organisations.ListAsync(HttpContext.RequestAborted);
        Awaiting = await userStore.ListAwaitingPlacementAsync(HttpContext.RequestAborted);
    }

    public sealed class OrganisationInput
    {
        [Required(ErrorMessage = "Enter the organisation's name.")]
        [StringLength(200, ErrorMessage = "Keep the name under 200 characters.")]
        public string Name { get; set; } = "";

        public Region Region { get; set; }

        public CustomerSegment Segment { get; set; } = CustomerSegment.Standard;

        [StringLength(2000, ErrorMessage = "List fewer domains.")]
        public string? Domains { get; set; }
    }
}
