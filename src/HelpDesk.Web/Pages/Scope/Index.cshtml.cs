using HelpDesk.Web.Scope;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Scope;

/// <summary>The Scope of Support of every product, as in force today. Public: no sign-in.</summary>
public sealed class IndexModel(PublishedScopes scopes) : PageModel
{
    public IReadOnlyList<ProductScope> Products { get; private set; } = [];

    public async Task OnGetAsync() => Products = await scopes.ListAsync(HttpContext.RequestAborted);

    /// <summary>The page only reads.</summary>
    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);
}
