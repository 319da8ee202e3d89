using HelpDesk.Core.Mail;
using HelpDesk.Mail.Mailboxes;

namespace HelpDesk.Web.Mail;

/// <summary>
/// What an administrator asks of the mail servers from <c>/admin</c> at once instead of waiting for the
/// recurring jobs: poll a mailbox, try its settings, send what is due in the outbox.
/// </summary>
public interface IMailServerActions
{
    /// <summary>Polls one mailbox now; the poll carries its counts, or the error that stopped it.</summary>
    Task<MailboxPoll> PollAsync(int mailboxId, CancellationToken cancellationToken);

    /// <summary>Connects with these settings and reports what it found. A null password uses the stored one.</summary>
    Task<ConnectionCheck> TestConnectionAsync(Mailbox mailbox, string? password, CancellationToken cancellationToken);

    /// <summary>Sends what is due in the outbox now; the answer says how it went, in words.</summary>
    Task<string> SendDueAsync(CancellationToken cancellationToken);
}
