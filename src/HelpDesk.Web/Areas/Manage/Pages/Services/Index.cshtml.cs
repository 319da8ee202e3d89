using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Services;

/// <summary>The services catalogue: every offering with its version in force, price, delivery and status.</summary>
public sealed class IndexModel(IOfferingStore offerings, IContractStore contracts, IScopeStore scope) : PageModel
{
    public IReadOnlyList<CatalogueEntry> Entries { get; private set; } = [];

    public IReadOnlyDictionary<int, Plan> Plans { get; private set; } = new Dictionary<int, Plan>();

    public IReadOnlyDictionary<int, string> Products { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Entries = await offerings.ListAsync(cancellationToken);
        Plans = (await contracts.ListPlansAsync(cancellationToken)).ToDictionary(p => p.Id);
        Products = (await scope.ListProductsAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Name);
    }
}
