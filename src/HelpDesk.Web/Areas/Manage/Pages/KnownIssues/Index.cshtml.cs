using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Scope;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.KnownIssues;

/// <summary>The known issues ranked most costly first, with the figures and reasons behind each place; filtered by product and status.</summary>
public sealed class IndexModel(KnownIssueList list, IScopeStore catalogue) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Product { get; set; }

    [BindProperty(SupportsGet = true)]
    public KnownIssueStatus? Status { get; set; }

    public IReadOnlyList<KnownIssueRank> Ranks { get; private set; } = [];

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Products = await catalogue.ListProductsAsync(HttpContext.RequestAborted);
        Ranks = await list.RankAsync(new KnownIssueFilter(Product, Status), HttpContext.RequestAborted);
    }
}
