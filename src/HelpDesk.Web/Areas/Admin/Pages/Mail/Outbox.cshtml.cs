using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Mail;

/// <summary>The outbox: how much waits, what failed for good and why (with Retry), what is due next, what went out.</summary>
public sealed class OutboxModel(IOutbox outbox, IMailServerActions servers, MailHealth health, TimeProvider clock) : PageModel
{
    public const int Take = 50;

    public OutboxCounts Counts { get; private set; } = new(0, 0, 0, 0);

    public IReadOnlyList<OutboxEntry> Failed { get; private set; } = [];

    public IReadOnlyList<OutboxEntry> Pending { get; private set; } = [];

    public IReadOnlyList<OutboxEntry> Sent { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Counts = await outbox.CountAsync(cancellationToken);
        Failed = await outbox.ListAsync(OutboxStatus.Failed, Take, cancellationToken);
        Pending = [.. (await outbox.ListAsync(OutboxStatus.Pending, Take, cancellationToken)).Concat(await outbox.ListAsync(OutboxStatus.Sending, Take, cancellationToken)).OrderBy(e => e.NextAttemptUtc)];
        Sent = await outbox.ListAsync(OutboxStatus.Sent, Take, cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(int id)
    {
        var entry = await outbox.GetAsync(id, HttpContext.RequestAborted);
        if (entry is null)
        {
            return NotFound();
        }

        TempData["Notice"] = await outbox.RetryAsync(id, clock.UtcNow(), HttpContext.RequestAborted)
            ? $"The message to {entry.ToAddress} is queued again and goes out with the next send."
            : $"The message to {entry.ToAddress} is no longer failed; nothing to retry.";
        health.Forget();
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        TempData["Notice"] = await servers.SendDueAsync(HttpContext.RequestAborted);
        health.Forget();
        return RedirectToPage();
    }
}
