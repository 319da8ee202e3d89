using HelpDesk.Core.Accounts;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Services;

/// <summary>Every version of an offering, newest first, with who published it and how many offers point at it.</summary>
public sealed class VersionsModel(IOfferingStore offerings, IContractStore contracts, IScopeStore scope, IPeopleDirectory people) : PageModel
{
    public CatalogueEntry Entry { get; private set; } = null!;

    public IReadOnlyDictionary<int, Plan> Plans { get; private set; } = new Dictionary<int, Plan>();

    public IReadOnlyDictionary<int, string> Products { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<int, string> Publishers { get; private set; } = new Dictionary<int, string>();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var entry = await offerings.GetAsync(id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        Entry = entry;
        Plans = (await contracts.ListPlansAsync(cancellationToken)).ToDictionary(p => p.Id);
        Products = (await scope.ListProductsAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Name);
        var publishers = new Dictionary<int, string>();
        foreach (var publisherId in entry.Versions.Select(v => v.PublishedById).OfType<int>().Distinct())
        {
            publishers[publisherId] = (await people.FindAsync(publisherId, cancellationToken))?.Name ?? "(removed)";
        }

        Publishers = publishers;
        return Page();
    }
}
