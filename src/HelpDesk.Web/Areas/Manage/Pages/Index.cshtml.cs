using System.ComponentModel.DataAnnotations;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Data.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages;

/// <summary>The manage home: the accounts awaiting placement (each placed after a confirmation step), and the organisations.</summary>
public sealed class IndexModel(IOrganisationStore organisations, DapperUserStore userStore, TimeProvider clock) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public IReadOnlyList<HelpDeskUser> Awaiting { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var domains = UpdateOrganisation.ParseDomains(Input.Domains);
        foreach (var problem in domains.Select(OrganisationPlacement.DomainProblem).OfType<string>())
        {
            ModelState.AddModelError("Input.Domains", problem);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var result = await organisations.CreateAsync(
            new Organisation
            {
                Name = PlainText.Clean(Input.Name),
                Region = Input.Region,
                Segment = Input.Segment,
                EmailDomains = domains,
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            },
            HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            if (result.Problem == OrganisationSaveProblem.NameTaken)
            {
                ModelState.AddModelError("Input.Name", "Another organisation already has this name.");
            }
            else
            {
                ModelState.AddModelError("Input.Domains", $"Already owned by another organisation: {string.Join(", ", result.ConflictingDomains)}.");
            }

            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = $"Added {Input.Name.Trim()}.";
        return RedirectToPage();
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
