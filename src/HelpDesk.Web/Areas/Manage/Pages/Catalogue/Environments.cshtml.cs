using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Catalogue;

/// <summary>The environments (operating systems, platforms, toolchains) a scope can name as supported; add or rename one.</summary>
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
