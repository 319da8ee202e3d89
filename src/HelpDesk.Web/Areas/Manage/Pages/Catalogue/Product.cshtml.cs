using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Catalogue;

/// <summary>
/// One product: its name and description, its releases with their end-of-support dates (a release is retired or deleted
/// on its own confirmation page, and reinstated here), and the product's audit trail.
/// </summary>
public sealed class ProductModel(IScopeStore store, IManageAudit audit, SaveProduct saveProduct, SaveRelease saveRelease) : PageModel
{
    [BindProperty]
    public ProductInput Input { get; set; } = new();

    [BindProperty]
    public ReleaseInput NewRelease { get; set; } = new();

    [BindProperty]
    public ReleaseInput Edit { get; set; } = new();

    public Product Product { get; private set; } = null!;

    public IReadOnlyList<ProductRelease> Releases { get; private set; } = [];

    /// <summary>Releases retired and reinstated, drafts discarded: newest first.</summary>
    public IReadOnlyList<ManageAuditEntry> History { get; private set; } = [];

    /// <summary>Set when a save was refused because someone else changed the product meanwhile.</summary>
    public string? StaleMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string productCode)
    {
        if (!await LoadAsync(productCode))
        {
            return NotFound();
        }

        Input = new ProductInput { Name = Product.Name, Description = Product.Description, Version = Product.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string productCode)
    {
        if (!await LoadAsync(productCode))
        {
            return NotFound();
        }

        var result = await saveProduct.HandleAsync(new SaveProductRequest(Product.Id, null, Input.Name, Input.Description, Input.Version), HttpContext.RequestAborted);
        return await AfterAsync(result, productCode, nameof(Input), "Saved.");
    }

    public async Task<IActionResult> OnPostAddReleaseAsync(string productCode)
    {
        if (!await LoadAsync(productCode))
        {
            return NotFound();
        }

        var result = await saveRelease.HandleAsync(
            new SaveReleaseRequest(Product.Id, null, NewRelease.Name, NewRelease.ReleasedOn, NewRelease.EndOfSupportOn), HttpContext.RequestAborted);
        return await AfterAsync(result, productCode, nameof(NewRelease), $"Added release {NewRelease.Name?.Trim()}.");
    }

    public async Task<IActionResult> OnPostUpdateReleaseAsync(string productCode)
    {
        if (!await LoadAsync(productCode))
        {
            return NotFound();
        }

        var result = await saveRelease.HandleAsync(
            new SaveReleaseRequest(Product.Id, Edit.Id, Edit.Name, Edit.ReleasedOn, Edit.EndOfSupportOn), HttpContext.RequestAborted);
        return await AfterAsync(result, productCode, nameof(Edit), $"Saved release {Edit.Name?.Trim()}.");
    }

    /// <summary>Undoes a retirement: customers are offered the release again. Not destructive, so no confirmation step.</summary>
    public async Task<IActionResult> OnPostReinstateReleaseAsync(string productCode, int releaseId, [FromServices] ReleaseRetirement retirement, [FromServices] HelpDeskUserManager users)
    {
        ArgumentNullException.ThrowIfNull(retirement);
        ArgumentNullException.ThrowIfNull(users);
        var result = await retirement.ReinstateAsync(new ReleaseChangeRequest(releaseId, users.IdOf(User)), HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded
            ? $"Reinstated release {result.Value!.Release.Name}; customers are offered it again."
            : result.Errors[0].Message;
        return RedirectToPage(new { productCode });
    }

    private async Task<IActionResult> AfterAsync<T>(Result<T> result, string productCode, string prefix, string notice)
    {
        if (result.Succeeded)
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { productCode });
        }

        switch (result.Failure)
        {
            case Failure.NotFound:
                TempData["Notice"] = result.Errors[0].Message;
                return RedirectToPage(new { productCode });
            case Failure.Conflict:
                StaleMessage = result.Errors[0].Message;
                break;
            default:
                ResultResponses.AddTo(result, ModelState, prefix);
                break;
        }

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
        Releases = await store.ListReleasesAsync(product.Id, HttpContext.RequestAborted);
        History = await audit.ListAsync(AuditSubjects.Product, product.Id, HttpContext.RequestAborted);
        return true;
    }

    public sealed class ProductInput
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public int Version { get; set; }
    }

    public sealed class ReleaseInput
    {
        public int? Id { get; set; }

        public string? Name { get; set; }

        public DateOnly? ReleasedOn { get; set; }

        public DateOnly? EndOfSupportOn { get; set; }
    }
}
