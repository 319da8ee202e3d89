using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Scope;

/// <summary>
/// A product's draft scope. Without a draft the form starts from the newest published version; the first save
/// creates the draft. Every post carries the draft's <see cref="Version"/>, so two managers cannot overwrite each other.
/// </summary>
public sealed class EditModel(IScopeStore store, SaveScopeDraft saveDraft) : PageModel
{
    [BindProperty]
    public DraftInput Input { get; set; } = new();

    /// <summary>The draft's version the form was rendered with; 0 before the draft is first saved.</summary>
    [BindProperty]
    public int Version { get; set; }

    public Product Product { get; private set; } = null!;

    private IReadOnlyList<TargetEnvironment> _environments = [];

    /// <summary>The environments the form offers: a retired one only to a draft that still lists it, so the manager can take it out.</summary>
    public IReadOnlyList<TargetEnvironment> Environments =>
        [.. _environments.Where(e => e.RetiredUtc is null || Input.EnvironmentCodes.Contains(e.Code, StringComparer.OrdinalIgnoreCase))];

    public bool DraftSaved { get; private set; }

    public string? StaleMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string productCode)
    {
        if (!await LoadAsync(productCode))
        {
            return NotFound();
        }

        var draft = await saveDraft.OpenAsync(Product, HttpContext.RequestAborted);
        Version = draft.Version;
        Input = DraftInput.From(draft);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string productCode)
    {
        if (!await LoadAsync(productCode))
        {
            return NotFound();
        }

        var result = await saveDraft.HandleAsync(Input.ToRequest(Product.Id, Version), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = "Draft saved. Preview it as customers will read it, then publish.";
            return RedirectToPage(new { productCode });
        }

        if (result.Failure == Failure.Conflict)
        {
            StaleMessage = result.Errors[0].Message;
            return Page();
        }

        foreach (var error in result.Errors)
        {
            var index = Input.Exclusions.FindIndex(e => ScopeRules.ExplanationField(e.Category) == error.Field);
            if (index >= 0)
            {
                ModelState.AddModelError($"Input.Exclusions[{index}].Explanation", error.Message);
            }
        }

        ResultResponses.AddTo(
            Result<bool>.Invalid(result.Errors.Where(e => !e.Field.StartsWith("outOfScope.", StringComparison.Ordinal)).ToList()),
            ModelState,
            nameof(Input));
        return Page();
    }

    private async Task<bool> LoadAsync(string productCode)
    {
        var product = await store.FindProductAsync(productCode, HttpContext.RequestAborted);
        if (product is null || !string.Equals(product.Code, productCode, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Product = product;
        _environments = (await store.ListEnvironmentsAsync(HttpContext.RequestAborted))
            .OrderBy(e => e.Kind).ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();
        DraftSaved = await store.GetDraftAsync(product.Id, HttpContext.RequestAborted) is not null;
        return true;
    }

    public sealed class DraftInput
    {
        public string? Summary { get; set; }

        public string? ChangeNote { get; set; }

        public DateOnly? EffectiveOn { get; set; }

        public int? ReleasesBack { get; set; }

        public List<string> EnvironmentCodes { get; set; } = [];

        public bool ModifiedSourceCovered { get; set; }

        public bool ThirdPartyIntegrationCovered { get; set; }

        /// <summary>One entry per out-of-scope category, in the public page's order.</summary>
        public List<ExclusionInput> Exclusions { get; set; } = [];

        public static DraftInput From(ScopeOfSupport draft) => new()
        {
            Summary = draft.Summary,
            ChangeNote = draft.ChangeNote,
            EffectiveOn = draft.EffectiveOn == default ? null : draft.EffectiveOn,
            ReleasesBack = draft.ReleasesBack,
            EnvironmentCodes = [.. draft.EnvironmentCodes],
            ModifiedSourceCovered = draft.ModifiedSourceCovered,
            ThirdPartyIntegrationCovered = draft.ThirdPartyIntegrationCovered,
            Exclusions = RequestCategories.OutOfScope
                .Select(c => draft.OutOfScope.FirstOrDefault(o => string.Equals(o.Category, c.Code, StringComparison.OrdinalIgnoreCase)) is { } clause
                    ? new ExclusionInput { Category = c.Code, Excluded = true, Explanation = clause.Explanation }
                    : new ExclusionInput { Category = c.Code })
                .ToList(),
        };

        public SaveScopeDraftRequest ToRequest(int productId, int version) => new()
        {
            ProductId = productId,
            Summary = Summary,
            ChangeNote = ChangeNote,
            EffectiveOn = EffectiveOn,
            ReleasesBack = ReleasesBack,
            EnvironmentCodes = EnvironmentCodes,
            ModifiedSourceCovered = ModifiedSourceCovered,
            ThirdPartyIntegrationCovered = ThirdPartyIntegrationCovered,
            OutOfScope = Exclusions.Where(e => e.Excluded).Select(e => new OutOfScopeClause(e.Category, e.Explanation ?? "")).ToList(),
            Version = version,
        };
    }

    public sealed class ExclusionInput
    {
        public string Category { get; set; } = "";

        public bool Excluded { get; set; }

        public string? Explanation { get; set; }
    }
}
