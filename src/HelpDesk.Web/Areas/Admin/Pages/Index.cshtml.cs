using HelpDesk.Core.Mail;
using HelpDesk.Core.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages;

/// <summary>The admin's start page: mail counts, paused webhooks and the way to the users, the jobs and the economics facts.</summary>
public sealed class IndexModel(IMailboxStore mailboxes, IInboundMailStore inbound, IOutbox outbox, IWebhookStore webhooks) : PageModel
{
    public MailCounts Mail { get; private set; } = new(0, 0, 0, 0, 0, new(0, 0, 0, 0));

    /// <summary>Every webhook; a paused one is shown with why, so that an admin sees it without opening the list.</summary>
    public IReadOnlyList<WebhookSubscription> Webhooks { get; private set; } = [];

    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var boxes = await mailboxes.ListAsync(cancellationToken);
        Mail = new MailCounts(
            boxes.Count,
            boxes.Count(b => b.IsDegraded),
            await inbound.CountAsync(InboundStatus.Held, cancellationToken),
            await inbound.CountAsync(InboundStatus.Quarantined, cancellationToken),
            (await inbound.ListAllowListAsync(cancellationToken)).Count,
            await outbox.CountAsync(cancellationToken));
        Webhooks = await webhooks.ListAsync(cancellationToken);
    }

    public sealed record MailCounts(int Mailboxes, int DegradedMailboxes, int Held, int Quarantined, int AllowListed, OutboxCounts Outbox);
}
