using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Admin.Pages.Mail;

/// <summary>
/// Mail that could not be read at all, kept with its bytes: read it as text, retry it, or delete it, one at a time or
/// the selected ones together.
/// </summary>
public sealed class QuarantineModel(IInboundReviewList list, IInboundMailStore inbound, IInboundReview review) : ReviewListModel(list)
{
    private const string Gone = "That message is no longer in the quarantine.";

    public override InboundStatus Status => InboundStatus.Quarantined;

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
        if ((await inbound.GetAsync(id, HttpContext.RequestAborted))?.Status != InboundStatus.Quarantined)
        {
            TempData["Notice"] = Gone;
            return BackToList();
        }

        var result = await review.ReleaseAsync(id, User.UserId(), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            TempData["Notice"] = result.Failure == Failure.NotFound ? Gone : string.Join(" ", result.Errors.Select(e => e.Message));
            return BackToList();
        }

        var outcome = result.Value!;
        TempData["Notice"] = outcome.Result == IntakeResult.Quarantined
            ? outcome.Reason
            : $"Read it this time: {outcome.Reason}" + (outcome.TicketId is int ticket ? $" ({TicketNumber.Format(ticket)})" : "");
        return BackToList();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        TempData["Notice"] = (await inbound.GetAsync(id, HttpContext.RequestAborted))?.Status == InboundStatus.Quarantined
                             && await review.DeleteAsync(id, User.UserId(), HttpContext.RequestAborted)
            ? "Deleted, with its bytes."
            : Gone;
        return BackToList();
    }
}
