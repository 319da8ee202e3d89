using HelpDesk.Web.Scope;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Scope;

/// <summary>One product's Scope of Support as in force today, with its versions. Public.</summary>
public sealed class ProductModel(PublishedScopes scopes) : PageModel
{
    public ProductScope Scope { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string productCode)
    {
        var scope = await scopes.LoadAsync(productCode, HttpContext.RequestAborted);
        if (scope is null || scope.Published.Count == 0)
        {
            return NotFound();
        }

        Scope = scope;
        return Page();
    }

    /// <summary>The page only reads.</summary>
    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);
}
