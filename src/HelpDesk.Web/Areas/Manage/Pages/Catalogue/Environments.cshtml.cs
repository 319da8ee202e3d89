using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Catalogue;

/// <summary>
/// The environments (operating systems, platforms, toolchains) a scope can name as supported; add or rename one,
/// reinstate a retired one. Retiring or deleting one has its own confirmation page.
/// </summary>
public sealed class EnvironmentsModel(IScopeStore store, SaveEnvironment saveEnvironment) : PageModel
{
    [BindProperty]
    public EnvironmentInput Input { get; set; } = new();

    public IReadOnlyList<TargetEnvironment> Environments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        await LoadAsync();
        if (id is not null)
        {
            if (Environments.FirstOrDefault(e => e.Id == id) is not { } environment)
            {
                return NotFound();
            }

            Input = new EnvironmentInput { Id = environment.Id, Code = environment.Code, Name = environment.Name, Kind = environment.Kind };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await saveEnvironment.HandleAsync(new SaveEnvironmentRequest(Input.Id, Input.Code, Input.Name, Input.Kind), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Saved {result.Value!.Name}.";
            return RedirectToPage(new { id = (int?)null });
        }

        ResultResponses.AddTo(result, ModelState, nameof(Input));
        await LoadAsync();
        return Page();
    }

    /// <summary>Undoes a retirement: customers are offered the environment again. Not destructive, so no confirmation step.</summary>
    public async Task<IActionResult> OnPostReinstateAsync(int environmentId, [FromServices] EnvironmentRetirement retirement, [FromServices] HelpDeskUserManager users)
    {
        ArgumentNullException.ThrowIfNull(retirement);
        ArgumentNullException.ThrowIfNull(users);
        var result = await retirement.ReinstateAsync(new EnvironmentChangeRequest(environmentId, users.IdOf(User)), HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded
            ? $"Reinstated {result.Value!.Environment.Name}; customers are offered it again."
            : result.Errors[0].Message;
        return RedirectToPage(new { id = (int?)null });
    }

    private async Task LoadAsync() =>
        Environments = (await store.ListEnvironmentsAsync(HttpContext.RequestAborted))
            .OrderBy(e => e.Kind).ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public sealed class EnvironmentInput
    {
        public int? Id { get; set; }

        public string? Code { get; set; }

        public string? Name { get; set; }

        public EnvironmentKind Kind { get; set; }
    }
}
