using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Scope;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Scope;

/// <summary>
/// The confirmation step of discarding a product's draft scope: what the draft changes compared with the newest
/// published version (all of which is lost), computed here, and the button that discards it. Works without a script.
/// </summary>
public sealed class DiscardModel(IScopeStore store, PublishedScopes scopes, DeleteScopeDraft deleteDraft, HelpDeskUserManager users) : PageModel
{
    /// <summary>The draft's version the page was rendered with.</summary>
    [BindProperty]
    public int Version { get; set; }

    public Product Product { get; private set; } = null!;

    public ScopeOfSupport Draft { get; private set; } = null!;

    /// <summary>The newest published version against the draft; null when nothing is published yet.</summary>
    public ScopeComparison? Comparison { get; private set; }

    public string? StaleMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string productCode)
    {
        if (!await LoadAsync(productCode))
        {
            TempData["Notice"] = "There is no draft to discard.";
            return Product is null ? NotFound() : Redirect($"/manage/scope/edit/{Uri.EscapeDataString(Product.Code)}");
        }

        Version = Draft.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string productCode)
    {
        var product = await store.FindProductAsync(productCode, HttpContext.RequestAborted);
        if (product is null || !string.Equals(product.Code, productCode, StringComparison.OrdinalIgnoreCase))
        {
            return NotFound();
        }

        var result = await deleteDraft.HandleAsync(new DeleteScopeDraftRequest(product.Id, Version, users.IdOf(User)), HttpContext.RequestAborted);
        if (result.Succeeded || result.Failure == Failure.NotFound)
        {
            TempData["Notice"] = result.Succeeded ? $"Discarded the draft scope of {product.Name}." : result.Errors[0].Message;
            return Redirect("/manage/scope");
        }

        if (!await LoadAsync(productCode))
        {
            TempData["Notice"] = result.Errors[0].Message;
            return Redirect("/manage/scope");
        }

        StaleMessage = result.Errors[0].Message;
        Version = Draft.Version;
        return Page();
    }

    /// <summary>False when the product or its draft is gone; <see cref="Product"/> is set when the product exists.</summary>
    private async Task<bool> LoadAsync(string productCode)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var product = await store.FindProductAsync(productCode, cancellationToken);
        if (product is null || !string.Equals(product.Code, productCode, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Product = product;
        var draft = await store.GetDraftAsync(product.Id, cancellationToken);
        if (draft is null)
        {
            return false;
        }

        Draft = draft;
        var published = await scopes.LoadAsync(product.Code, cancellationToken);
        if (published is not null && ScopeHistory.Latest(published.Published) is { } latest)
        {
            Comparison = ScopeComparison.Compare(published.Document(latest), await scopes.PreviewAsync(product, draft, cancellationToken));
        }

        return true;
    }
}
