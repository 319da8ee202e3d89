namespace HelpDesk.Core.Mail;

/// <summary>
/// The outbox of mail to send. Writing to it never talks to a mail server, so a use case can queue mail
/// in the same transaction as its other changes and lose nothing when the mail server is down.
/// </summary>
public interface IOutbox
{
    Task<int> EnqueueAsync(OutboundMail mail, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxEntry>> ListRecentAsync(int take, CancellationToken cancellationToken = default);
}

public sealed record OutboxEntry(int Id, string Kind, string ToAddress, string Subject, string TextBody, DateTime CreatedUtc, DateTime? SentUtc);
