using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Desk.Pages.Mail;

/// <summary>
/// Mail kept for an engineer instead of making a ticket: robots, throttled senders, and replies from someone not on
/// the ticket. An engineer makes a ticket of one (or adds it to its ticket), throws it away, or allow-lists its sender;
/// or selects several and releases or deletes them together.
/// </summary>
public sealed class HeldModel(IInboundReviewList list, IInboundMailStore inbound, IInboundReview review, TimeProvider clock) : ReviewListModel(list)
{
    private const string Gone = "That message is no longer held; someone else dealt with it.";

    public override InboundStatus Status => InboundStatus.Held;

    public async Task<IActionResult> OnPostReleaseAsync(int id)
    {
        // Only held mail: a quarantined message is the administrator's, on the quarantine page.
        if ((await inbound.GetAsync(id, HttpContext.RequestAborted))?.Status != InboundStatus.Held)
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
        TempData["Notice"] = outcome.TicketId is int ticket
            ? $"{(outcome.Result == IntakeResult.Reply ? "Added to" : "Made")} {TicketNumber.Format(ticket)}: {outcome.Reason}"
            : outcome.Reason;
        return BackToList();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        TempData["Notice"] = (await inbound.GetAsync(id, HttpContext.RequestAborted))?.Status == InboundStatus.Held
                             && await review.DeleteAsync(id, User.UserId(), HttpContext.RequestAborted)
            ? "Deleted."
            : Gone;
        return BackToList();
    }

    /// <summary>Allow-lists the sender of a held message; the message itself stays held until released.</summary>
    public async Task<IActionResult> OnPostAllowAsync(int id)
    {
        var entry = await inbound.GetAsync(id, HttpContext.RequestAborted);
        if (entry is null || entry.FromAddress.Length == 0)
        {
            return NotFound();
        }

        var added = await inbound.AllowAsync(
            new AllowListEntry(entry.FromAddress, $"allow-listed from the held list ({MailText.Kind(entry.Kind)})", User.UserId(), clock.UtcNow()),
            HttpContext.RequestAborted);
        TempData["Notice"] = added
            ? $"{entry.FromAddress} allow-listed: its next automatic mail makes a ticket. Make a ticket of this one here if it needs one."
            : $"{entry.FromAddress} was already allow-listed.";
        return BackToList();
    }
}
