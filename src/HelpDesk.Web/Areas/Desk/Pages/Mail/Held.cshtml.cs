using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Desk.Pages.Mail;

/// <summary>
/// Mail kept for an engineer instead of making a ticket: robots, throttled senders, and replies from someone not on
/// the ticket. An engineer makes a ticket of one (or adds it to its ticket), throws it away, or allow-lists its sender.
/// </summary>
public sealed class HeldModel(IInboundMailStore inbound, IInboundReview review, TimeProvider clock) : PageModel
{
    public const int Take = 200;

    public IReadOnlyList<InboundMessageEntry> Messages { get; private set; } = [];

    public async Task OnGetAsync() => Messages = await inbound.ListAsync(InboundStatus.Held, Take, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostReleaseAsync(int id)
    {
        var result = await review.ReleaseAsync(id, User.UserId(), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            TempData["Notice"] = result.Failure == Failure.NotFound
                ? "That message is no longer held; someone else dealt with it."
                : string.Join(" ", result.Errors.Select(e => e.Message));
            return RedirectToPage();
        }

        var outcome = result.Value!;
        TempData["Notice"] = outcome.TicketId is int ticket
            ? $"{(outcome.Result == IntakeResult.Reply ? "Added to" : "Made")} {TicketNumber.Format(ticket)}: {outcome.Reason}"
            : outcome.Reason;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        TempData["Notice"] = await review.DeleteAsync(id, User.UserId(), HttpContext.RequestAborted)
            ? "Deleted."
            : "That message is no longer held; someone else dealt with it.";
        return RedirectToPage();
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
        return RedirectToPage();
    }
}
