using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Mail;

/// <summary>Mail that could not be read at all, kept with its bytes: read it as text, retry it, or delete it.</summary>
public sealed class QuarantineModel(IInboundMailStore inbound, IInboundReview review) : PageModel
{
    public const int Take = 200;

    public IReadOnlyList<InboundMessageEntry> Messages { get; private set; } = [];

    public async Task OnGetAsync() => Messages = await inbound.ListAsync(InboundStatus.Quarantined, Take, HttpContext.RequestAborted);

    /// <summary>The raw bytes as plain text, never as a message a browser might render.</summary>
    public async Task<IActionResult> OnGetRawAsync(int id)
    {
        var entry = await inbound.GetAsync(id, HttpContext.RequestAborted);
        if (entry?.Status != InboundStatus.Quarantined || await inbound.GetRawAsync(id, HttpContext.RequestAborted) is not { } raw)
        {
            return NotFound();
        }

        return File(raw, "text/plain; charset=utf-8");
    }

    public async Task<IActionResult> OnPostRetryAsync(int id)
    {
        var result = await review.ReleaseAsync(id, User.UserId(), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            TempData["Notice"] = result.Failure == Failure.NotFound
                ? "That message is no longer in the quarantine."
                : string.Join(" ", result.Errors.Select(e => e.Message));
            return RedirectToPage();
        }

        var outcome = result.Value!;
        TempData["Notice"] = outcome.Result == IntakeResult.Quarantined
            ? $"Still unreadable: {outcome.Reason}"
            : $"Read it this time: {outcome.Reason}" + (outcome.TicketId is int ticket ? $" ({TicketNumber.Format(ticket)})" : "");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        TempData["Notice"] = await review.DeleteAsync(id, User.UserId(), HttpContext.RequestAborted)
            ? "Deleted, with its bytes."
            : "That message is no longer in the quarantine.";
        return RedirectToPage();
    }
}
