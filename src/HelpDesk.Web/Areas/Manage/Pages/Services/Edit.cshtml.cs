using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Services;

/// <summary>
/// Creates an offering (no id), or edits its draft. An offering with no draft opens on a copy of its newest version:
/// saving makes that copy the next version's draft, and the published version stays as it was.
/// </summary>
public sealed class EditModel(IOfferingStore offerings, IContractStore contracts, IScopeStore scope) : PageModel
{
    [BindProperty]
    public OfferingInput Input { get; set; } = new();

    /// <summary>The draft's version the form was opened with; 0 when it starts a new draft.</summary>
    [BindProperty]
    public int Version { get; set; }

    public CatalogueEntry? Entry { get; private set; }

    public int Number { get; private set; } = 1;

    public IReadOnlyList<Plan> Plans { get; private set; } = [];

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public string? StaleMessage { get; private set; }

    public bool IsNew => Entry is null;

    public async Task<IActionResult> OnGetAsync(int? id, [FromServices] SaveOfferingDraft saveDraft)
    {
        ArgumentNullException.ThrowIfNull(saveDraft);
        if (id is int offeringId)
        {
            var draft = await saveDraft.OpenAsync(offeringId, HttpContext.RequestAborted);
            if (draft is null || !await LoadAsync(offeringId))
            {
                return NotFound();
            }

            Input = OfferingInput.From(Entry!.Offering, draft);
            Version = draft.Version;
            Number = draft.Number;
            return Page();
        }

        await LoadAsync(null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, [FromServices] SaveOfferingDraft saveDraft)
    {
        ArgumentNullException.ThrowIfNull(saveDraft);
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var result = await saveDraft.HandleAsync(Input.ToRequest(id ?? 0, Version), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Saved the draft of version {result.Value!.Number}. Check how its terms read, then publish it.";
            return RedirectToPage("Preview", new { id = result.Value.OfferingId });
        }

        if (!ResultResponses.ShowOnForm(result, ModelState, out var stale))
        {
            return NotFound();
        }

        StaleMessage = stale;
        Number = Entry?.Draft?.Number ?? ((Entry?.Latest?.Number ?? 0) + 1);
        return Page();
    }

    private async Task<bool> LoadAsync(int? id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Plans = await contracts.ListPlansAsync(cancellationToken);
        Products = await scope.ListProductsAsync(cancellationToken);
        if (id is not int offeringId)
        {
            return true;
        }

        Entry = await offerings.GetAsync(offeringId, cancellationToken);
        return Entry is not null;
    }

    public sealed class OfferingInput
    {
        public string? Code { get; set; }

        public OfferingKind Kind { get; set; }

        public string? Name { get; set; }

        public string? Summary { get; set; }

        public PricingKind PricingKind { get; set; }

        public string? Price { get; set; }

        public string? SmallPrice { get; set; }

        public string? SmallDefinition { get; set; }

        public string? MediumPrice { get; set; }

        public string? MediumDefinition { get; set; }

        public string? LargePrice { get; set; }

        public string? LargeDefinition { get; set; }

        public int? DeliveryDays { get; set; }

        public int? Incidents { get; set; }

        public int? PlanId { get; set; }

        public string? Terms { get; set; }

        public List<string> Categories { get; set; } = [];

        public List<int> ProductIds { get; set; } = [];

        public static OfferingInput From(Offering offering, OfferingVersion version) => new()
        {
            Code = offering.Code,
            Kind = offering.Kind,
            Name = version.Name,
            Summary = version.Summary,
            PricingKind = version.PricingKind,
            Price = Cents(version.PriceCents),
            SmallPrice = Cents(version.SmallCents),
            SmallDefinition = version.SmallDefinition,
            MediumPrice = Cents(version.MediumCents),
            MediumDefinition = version.MediumDefinition,
            LargePrice = Cents(version.LargeCents),
            LargeDefinition = version.LargeDefinition,
            DeliveryDays = version.DeliveryDays,
            Incidents = version.Incidents,
            PlanId = version.PlanId,
            Terms = version.TermsMarkdown,
            Categories = [.. version.Categories],
            ProductIds = [.. version.ProductIds],
        };

        public SaveOfferingDraftRequest ToRequest(int offeringId, int version) => new()
        {
            OfferingId = offeringId,
            Version = version,
            Code = Code,
            Kind = Kind,
            Name = Name,
            Summary = Summary,
            PricingKind = PricingKind,
            Price = Price,
            SmallPrice = SmallPrice,
            SmallDefinition = SmallDefinition,
            MediumPrice = MediumPrice,
            MediumDefinition = MediumDefinition,
            LargePrice = LargePrice,
            LargeDefinition = LargeDefinition,
            DeliveryDays = DeliveryDays,
            Incidents = Incidents,
            PlanId = PlanId,
            Terms = Terms,
            Categories = Categories,
            ProductIds = ProductIds,
        };

        private static string? Cents(long? cents) => cents is long value ? Money.ForInput(value) : null;
    }
}
