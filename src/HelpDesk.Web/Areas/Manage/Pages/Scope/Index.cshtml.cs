using HelpDesk.Core.Scope;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Scope;

/// <summary>Every product's Scope of Support: its published versions and its draft.</summary>
public sealed class IndexModel(IScopeStore store) : PageModel
{
    public IReadOnlyList<ProductVersions> Products { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var products = new List<ProductVersions>();
        foreach (var product in (await store.ListProductsAsync(HttpContext.RequestAborted)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            products.Add(new ProductVersions(product, await store.ListScopesAsync(product.Id, HttpContext.RequestAborted)));
        }

        Products = products;
    }

    public sealed record ProductVersions(Product Product, IReadOnlyList<ScopeOfSupport> Versions);
}
