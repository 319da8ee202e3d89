using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Contracts;

/// <summary>
/// The confirmation step of cancelling a contract: what it is worth and what follows (the open tickets that lose
/// coverage, the renewal it affects), computed here, and the button that cancels it. Works without a script.
/// </summary>
public sealed class CancelModel(CancelContract cancelContract, HelpDeskUserManager users) : PageModel
{
    public ContractCancellation Cancellation { get; private set; } = null!;

    public string? StaleMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var described = await cancelContract.DescribeAsync(id, HttpContext.RequestAborted);
        if (!described.Succeeded)
        {
            return NotFound();
        }

        Cancellation = described.Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int version, string? reason)
    {
        var result = await cancelContract.HandleAsync(id, version, users.IdOf(User), reason, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Cancelled {result.Value!.Number}; it no longer entitles anyone to support. Reinstate it here if that was a mistake.";
            return RedirectToPage("Edit", new { id });
        }

        if (result.Failure == Failure.NotFound)
        {
            return NotFound();
        }

        var described = await cancelContract.DescribeAsync(id, HttpContext.RequestAborted);
        if (!described.Succeeded)
        {
            return NotFound();
        }

        Cancellation = described.Value!;
        StaleMessage = result.Errors[0].Message;
        return Page();
    }
}
