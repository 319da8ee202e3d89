using HelpDesk.Core.Scope;
using HelpDesk.Web.Scope;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Scope;

/// <summary>Any published version of a product's scope, at its permanent address. Public; drafts are never found.</summary>
public sealed class VersionModel(PublishedScopes scopes) : PageModel
{
    public ProductScope Scope { get; private set; } = null!;

    public ScopeOfSupport Shown { get; private set; } = null!;

    public bool IsCurrent => Shown.Number == Scope.Current?.Number;

    /// <summary>The version that replaced this one, when it is no longer in force.</summary>
    public ScopeOfSupport? ReplacedBy => Scope.Current is { } current && current.Number > Shown.Number ? current : null;

    public async Task<IActionResult> OnGetAsync(string productCode, int number)
    {
        var scope = await scopes.LoadAsync(productCode, HttpContext.RequestAborted);
        if (scope?.Version(number) is not { } version)
        {
            return NotFound();
        }

        Scope = scope;
        Shown = version;
        return Page();
    }

    /// <summary>The page only reads.</summary>
    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);
}
