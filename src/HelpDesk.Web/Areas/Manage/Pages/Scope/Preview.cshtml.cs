using System.Globalization;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Scope;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Scope;

/// <summary>A product's draft written out exactly as <c>/scope</c> will show it, and the button that publishes it.</summary>
public sealed class PreviewModel(
    IScopeStore store,
    PublishedScopes scopes,
    PublishScope publishScope,
    HelpDeskUserManager users,
    IScopeWhatIfSource whatIfSource,
    Currency currency,
    TimeProvider clock) : PageModel
{
    /// <summary>How far back the what-if replays tickets.</summary>
    public const int WhatIfMonths = DraftWhatIf.Months;

    /// <summary>The draft's version the preview was rendered with.</summary>
    [BindProperty]
    public int Version { get; set; }

    /// <summary>Whether the version applies to every contract at once or only to contracts that start or renew after publication.</summary>
    [BindProperty]
    public ScopeApplication AppliesTo { get; set; }

    public Product Product { get; private set; } = null!;

    public ScopeOfSupport Draft { get; private set; } = null!;

    public ScopeDocument Document { get; private set; } = null!;

    /// <summary>Why publishing was refused, in words.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool Stale { get; private set; }

    /// <summary>The draft replayed over the last <see cref="WhatIfMonths"/> months; null on a refused publish.</summary>
    public WhatIfReport? WhatIf { get; private set; }

    public DateTime WhatIfFromUtc { get; private set; }

    public DateTime WhatIfToUtc { get; private set; }

    public Currency Currency => currency;

    /// <summary>The drill-down asked for (see <see cref="WhatIfDrill"/>), and the tickets behind it.</summary>
    [BindProperty(SupportsGet = true, Name = "tickets")]
    public string? Drill { get; set; }

    public IReadOnlyList<string> DrillTickets { get; private set; } = [];

    public string DrillTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string productCode)
    {
        if (await LoadAsync(productCode) is { } missing)
        {
            return missing;
        }

        Version = Draft.Version;
        var run = await DraftWhatIf.ReplayAsync(whatIfSource, Product, Draft, clock, HttpContext.RequestAborted);
        (WhatIf, WhatIfFromUtc, WhatIfToUtc) = (run.Report, run.FromUtc, run.ToUtc);
        if (Drill is not null && WhatIfDrill.Find(WhatIf, Drill) is { } drill)
        {
            (DrillTitle, DrillTickets) = drill;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(string productCode)
    {
        var product = await store.FindProductAsync(productCode, HttpContext.RequestAborted);
        if (product is null || !string.Equals(product.Code, productCode, StringComparison.OrdinalIgnoreCase))
        {
            return NotFound();
        }

        var userId = int.Parse(users.GetUserId(User)!, CultureInfo.InvariantCulture);
        var result = await publishScope.HandleAsync(new PublishScopeRequest(product.Id, Version, userId, AppliesTo), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = result.Value!.AppliesTo == ScopeApplication.AtRenewal
                ? $"Published version {result.Value.Number} of the {product.Name} Scope of Support. It applies to contracts that start or renew from today; running contracts keep their version until they renew."
                : $"Published version {result.Value.Number} of the {product.Name} Scope of Support. It applies to every contract from {ScopeDocument.Date(result.Value.EffectiveOn)}.";
            return Redirect(ScopeLinks.Version(product.Code, result.Value.Number));
        }

        if (await LoadAsync(productCode) is { } gone)
        {
            TempData["Notice"] = result.Errors[0].Message;
            return gone is NotFoundResult ? RedirectToPage("Index") : gone;
        }

        Stale = result.Failure == Failure.Conflict;
        Problems = result.Errors.Select(e => e.Message).ToList();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string productCode)
    {
        var product = await store.FindProductAsync(productCode, HttpContext.RequestAborted);
        if (product is null || !string.Equals(product.Code, productCode, StringComparison.OrdinalIgnoreCase))
        {
            return NotFound();
        }

        var draft = await store.GetDraftAsync(product.Id, HttpContext.RequestAborted);
        if (draft is null)
        {
            return NotFound();
        }

        Product = product;
        Draft = draft;
        Document = await scopes.PreviewAsync(product, draft, HttpContext.RequestAborted);
        return null;
    }
}
