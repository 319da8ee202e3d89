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

public sealed record OutboxEntry
{
    public int Id { get; init; }
    public string Kind { get; init; } = "";
    public string ToAddress { get; init; } = "";
    public string Subject { get; init; } = "";
    public string TextBody { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
    public DateTime? SentUtc { get; init; }
}
