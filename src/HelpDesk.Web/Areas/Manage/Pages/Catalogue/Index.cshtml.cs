using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Catalogue;

/// <summary>The products the vendor supports; adding one. Releases are edited on each product's page.</summary>
public sealed class IndexModel(IScopeStore store, SaveProduct saveProduct) : PageModel
{
    [BindProperty]
    public ProductInput Input { get; set; } = new();

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var result = await saveProduct.HandleAsync(new SaveProductRequest(null, Input.Code, Input.Name, Input.Description), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Added {result.Value!.Name}. Add its releases next.";
            return RedirectToPage("Product", new { productCode = result.Value.Code });
        }

        ResultResponses.AddTo(result, ModelState, nameof(Input));
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Products = (await store.ListProductsAsync(HttpContext.RequestAborted)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public sealed class ProductInput
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }
    }
}
