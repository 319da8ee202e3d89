using HelpDesk.Core.Common;
using HelpDesk.Core.Offers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Services;

/// <summary>
/// The confirmation step for retiring an offering (or bringing it back), saying what follows; the post does it.
/// It works without script: the page itself is the question.
/// </summary>
public sealed class RetireModel(IOfferingStore offerings) : PageModel
{
    [BindProperty]
    public int Version { get; set; }

    public CatalogueEntry Entry { get; private set; } = null!;

    public int OffersMade => Entry.OffersByVersion.Values.Sum();

    public bool Retiring => Entry.Offering.Status == OfferingStatus.Active;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await offerings.GetAsync(id, HttpContext.RequestAborted) is not { } entry)
        {
            return NotFound();
        }

        Entry = entry;
        Version = entry.Offering.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] RetireOffering retire)
    {
        ArgumentNullException.ThrowIfNull(retire);
        if (await offerings.GetAsync(id, HttpContext.RequestAborted) is not { } entry)
        {
            return NotFound();
        }

        var result = await retire.HandleAsync(new RetireOfferingRequest(id, Version, entry.Offering.Status == OfferingStatus.Active), HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded
            ? result.Value!.Status == OfferingStatus.Retired
                ? $"Retired {entry.Offering.Code}: it is no longer proposed, and offers already sent are unaffected."
                : $"{entry.Offering.Code} is active again: it is proposed and offers can be made from it."
            : result.Errors[0].Message;
        return result.Failure == Failure.NotFound ? NotFound() : RedirectToPage("Index");
    }
}
