using HelpDesk.Core.Mail;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Mail;

/// <summary>The mailboxes the help desk reads, how each is doing, and "poll now".</summary>
public sealed class MailboxesModel(IMailboxStore mailboxes, IMailServerActions servers, MailHealth health) : PageModel
{
    public IReadOnlyList<Mailbox> Mailboxes { get; private set; } = [];

    public async Task OnGetAsync() => Mailboxes = await mailboxes.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostPollAsync(int id)
    {
        var mailbox = await mailboxes.GetAsync(id, HttpContext.RequestAborted);
        if (mailbox is null)
        {
            return NotFound();
        }

        var poll = await servers.PollAsync(id, HttpContext.RequestAborted);
        health.Forget();
        TempData["Notice"] = poll.Error is { } error
            ? $"Polling {mailbox.Name} failed: {error}"
            : $"Polled {mailbox.Name}: {poll.Fetched} fetched, {poll.Tickets} new tickets, {poll.Replies} replies, {poll.Held} held, {poll.Bounces} bounces, {poll.Quarantined} quarantined, {poll.Duplicates} seen before.";
        return RedirectToPage();
    }
}
