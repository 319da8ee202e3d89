using System.Globalization;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Services;

/// <summary>
/// An offering's draft as a customer would read an offer made from it, with sample values in its blanks, and the
/// button that publishes it; the page says what publishing freezes.
/// </summary>
public sealed class PreviewModel(IOfferingStore offerings, IContractStore contracts, IScopeStore scope, Currency currency, TimeProvider clock) : PageModel
{
    /// <summary>The draft's version the preview was rendered with.</summary>
    [BindProperty]
    public int Version { get; set; }

    public CatalogueEntry Entry { get; private set; } = null!;

    public OfferingVersion Draft { get; private set; } = null!;

    public IReadOnlyDictionary<int, Plan> Plans { get; private set; } = new Dictionary<int, Plan>();

    public IReadOnlyDictionary<int, string> Products { get; private set; } = new Dictionary<int, string>();

    /// <summary>The terms filled with samples and rendered: exactly how an offer's terms are made.</summary>
    public string TermsHtml { get; private set; } = "";

    public IReadOnlyDictionary<string, string> Samples { get; private set; } = new Dictionary<string, string>();

    /// <summary>Why publishing was refused, in words.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Version = Draft.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, [FromServices] PublishOffering publish, [FromServices] HelpDeskUserManager users)
    {
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(users);
        var userId = int.Parse(users.GetUserId(User)!, CultureInfo.InvariantCulture);
        var result = await publish.HandleAsync(new PublishOfferingRequest(id, Version, userId), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Published version {result.Value!.Number}. It is frozen now, and new offers are made from it.";
            return RedirectToPage("Versions", new { id });
        }

        if (result.Failure == Failure.NotFound || !await LoadAsync(id))
        {
            TempData["Notice"] = result.Errors[0].Message;
            return RedirectToPage("Index");
        }

        Problems = result.Errors.Select(e => e.Message).ToList();
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var entry = await offerings.GetAsync(id, cancellationToken);
        if (entry?.Draft is not { } draft)
        {
            return false;
        }

        Entry = entry;
        Draft = draft;
        Plans = (await contracts.ListPlansAsync(cancellationToken)).ToDictionary(p => p.Id);
        var products = await scope.ListProductsAsync(cancellationToken);
        Products = products.ToDictionary(p => p.Id, p => p.Name);
        Samples = OfferingSamples.For(entry.Offering.Kind, draft, Plans, products, currency, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var filled = OfferTerms.Fill(draft.TermsMarkdown, Samples.ToDictionary(s => s.Key, s => (string?)s.Value));
        TermsHtml = OfferTerms.Render(filled.Succeeded ? filled.Value! : draft.TermsMarkdown);
        return true;
    }
}
