using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Catalogue;

/// <summary>
/// The confirmation step of taking a release out of use: what retiring it does (worked out here, from the tickets and
/// scope versions that refer to it), why it cannot be retired yet when a scope still supports it, and whether it may
/// be deleted instead because nothing refers to it. Works without a script.
/// </summary>
public sealed class RemoveReleaseModel(ReleaseRetirement retirement, HelpDeskUserManager users) : PageModel
{
    public ReleaseRemoval Removal { get; private set; } = null!;

    /// <summary>Why the change just asked for was refused.</summary>
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await ShowAsync(id, null);

    public async Task<IActionResult> OnPostRetireAsync(int id)
    {
        var result = await retirement.RetireAsync(new ReleaseChangeRequest(id, users.IdOf(User)), HttpContext.RequestAborted);
        return await AfterAsync(id, result, removal => $"Retired release {removal.Release.Name} of {removal.Product.Name}. Customers are no longer offered it; /scope still lists it as no longer supported.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var result = await retirement.DeleteAsync(new ReleaseChangeRequest(id, users.IdOf(User)), HttpContext.RequestAborted);
        return await AfterAsync(id, result, removal => $"Deleted release {removal.Release.Name} of {removal.Product.Name}.");
    }

    private async Task<IActionResult> AfterAsync(int id, Result<ReleaseRemoval> result, Func<ReleaseRemoval, string> notice)
    {
        if (result.Succeeded)
        {
            TempData["Notice"] = notice(result.Value!);
            return Redirect($"/manage/catalogue/product/{Uri.EscapeDataString(result.Value!.Product.Code)}");
        }

        return result.Failure == Failure.NotFound ? NotFound() : await ShowAsync(id, result.Errors[0].Message);
    }

    private async Task<IActionResult> ShowAsync(int id, string? message)
    {
        var described = await retirement.DescribeAsync(id, HttpContext.RequestAborted);
        if (!described.Succeeded)
        {
            return NotFound();
        }

        Removal = described.Value!;
        Message = message;
        return Page();
    }
}
