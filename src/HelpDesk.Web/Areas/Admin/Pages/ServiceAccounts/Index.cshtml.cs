using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Mail;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.ServiceAccounts;

/// <summary>The service accounts other systems call the API with, and the form that makes one.</summary>
public sealed class IndexModel(IServiceAccountStore serviceAccounts, IOrganisationStore organisations, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ServiceAccountInput Input { get; set; } = new();

    public IReadOnlyList<ServiceAccount> Accounts { get; private set; } = [];

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync([FromServices] ServiceAccountAdministration administration)
    {
        var result = await administration.CreateAsync(User.UserId(), Input.Name, Input.Role, Input.OrganisationId, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ResultResponses.AddTo(result, ModelState, nameof(Input));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = $"The service account {result.Value!.DisplayName} is made. Make it a token below; it has no password and cannot sign in.";
        return RedirectToPage("Show", new { id = result.Value.Id });
    }

    private async Task LoadAsync()
    {
        Accounts = await serviceAccounts.ListAsync(clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        Organisations = await organisations.ListAsync(HttpContext.RequestAborted);
    }

    public sealed class ServiceAccountInput
    {
        public string? Name { get; set; }

        public string? Role { get; set; }

        public int? OrganisationId { get; set; }
    }
}
