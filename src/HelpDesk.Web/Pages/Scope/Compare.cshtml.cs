using HelpDesk.Core.Scope;
using HelpDesk.Web.Scope;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Scope;

/// <summary>
/// What changed between two published versions of a product's scope, clause by clause. Without <c>from</c> and
/// <c>to</c> it compares the current version with the one before it. Public.
/// </summary>
public sealed class CompareModel(PublishedScopes scopes) : PageModel
{
    public ProductScope Scope { get; private set; } = null!;

    /// <summary>Null when the product has only one version.</summary>
    public ScopeComparison? Comparison { get; private set; }

    public async Task<IActionResult> OnGetAsync(string productCode, int? from, int? to)
    {
        var scope = await scopes.LoadAsync(productCode, HttpContext.RequestAborted);
        if (scope is null || scope.Published.Count == 0)
        {
            return NotFound();
        }

        Scope = scope;
        var newer = to is int toNumber ? scope.Version(toNumber) : scope.Current ?? scope.Published[0];
        if (newer is null)
        {
            return NotFound();
        }

        var older = from is int fromNumber ? scope.Version(fromNumber) : scope.Before(newer.Number);
        if (from is not null && older is null)
        {
            return NotFound();
        }

        if (older is not null)
        {
            Comparison = ScopeComparison.Compare(scope.Document(older), scope.Document(newer));
        }

        return Page();
    }

    /// <summary>The page only reads.</summary>
    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public static string Describe(ClauseChange change) => change switch
    {
        ClauseChange.Added => "added",
        ClauseChange.Removed => "removed",
        ClauseChange.Changed => "changed",
        _ => "unchanged",
    };
}
