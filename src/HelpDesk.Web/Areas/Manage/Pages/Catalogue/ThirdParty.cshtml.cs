using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Catalogue;

/// <summary>Other vendors' products that customers integrate ours with.</summary>
public sealed class ThirdPartyModel(IScopeStore store, SaveThirdPartyProduct saveThirdParty) : PageModel
{
    [BindProperty]
    public ThirdPartyInput Input { get; set; } = new();

    public IReadOnlyList<ThirdPartyProduct> Products { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await saveThirdParty.HandleAsync(new SaveThirdPartyProductRequest(null, Input.Name, Input.Vendor), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Added {result.Value!.Name}.";
            return RedirectToPage();
        }

        ResultResponses.AddTo(result, ModelState, nameof(Input));
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Products = (await store.ListThirdPartyAsync(HttpContext.RequestAborted)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public sealed class ThirdPartyInput
    {
        public string? Name { get; set; }

        public string? Vendor { get; set; }
    }
}
