using System.ComponentModel.DataAnnotations;
using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using HelpDesk.Data.Accounts;
using HelpDesk.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages;

public sealed class IndexModel(IOrganisationStore organisations, DapperUserStore userStore, HelpDeskUserManager users, TimeProvider clock) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public IReadOnlyList<HelpDeskUser> Awaiting { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var domains = (Input.Domains ?? "")
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(OrganisationPlacement.NormaliseDomain)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var domain in domains.Where(d => OrganisationPlacement.EmailDomain("someone@" + d) is null))
        {
            ModelState.AddModelError("Input.Domains", $"'{domain}' is not a domain name such as example.com.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var result = await organisations.CreateAsync(
            new Organisation
            {
                Name = Input.Name.Trim(),
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

    public async Task<IActionResult> OnPostPlaceAsync(int userId, int organisationId)
    {
        var user = await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture));
        var organisation = await organisations.GetAsync(organisationId, HttpContext.RequestAborted);
        if (user is null || organisation is null)
        {
            TempData["Notice"] = "That account or organisation no longer exists; the list below is current.";
            return RedirectToPage();
        }

        if (user.OrganisationId is not null)
        {
            TempData["Notice"] = $"{user.Email} was already placed by someone else; nothing changed.";
            return RedirectToPage();
        }

        user.OrganisationId = organisation.Id;
        var result = await users.UpdateAsync(user);
        TempData["Notice"] = result.Succeeded
            ? $"{user.Email} now belongs to {organisation.Name}."
            : $"{user.Email} changed while you were looking; nothing was saved. Check the list and try again.";
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
