namespace HelpDesk.Core.Mail;

/// <summary>
/// The outbox of mail to send. Writing to it never talks to a mail server, so a use case can queue mail
/// in the same transaction as its other changes and lose nothing when the mail server is down. Each message gets its
/// Message-ID when queued, so a retry sends the same message and replies to it thread.
/// </summary>
public interface IOutbox
{
    Task<int> EnqueueAsync(OutboundMail mail, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxEntry>> ListRecentAsync(int take, CancellationToken cancellationToken = default);

    /// <summary>Newest first, only those in <paramref name="status"/>.</summary>
    Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxStatus status, int take, CancellationToken cancellationToken = default);

    Task<OutboxCounts> CountAsync(CancellationToken cancellationToken = default);

    Task<OutboxEntry?> GetAsync(int id, CancellationToken cancellationToken = default);

    Task<OutboxEntry?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="take"/> messages that are due (pending and due, or sending with an expired claim),
    /// oldest first, each until <paramref name="claimedUntilUtc"/>. A conditional UPDATE per message means two senders
    /// never claim the same one.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTime nowUtc, DateTime claimedUntilUtc, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// The Message-IDs of the ticket's mail (sent and received), oldest first: the References of the next. Given
    /// <paramref name="before"/> (a message of the ticket), only mail recorded before it, in one order every message
    /// of the ticket agrees on, so that messages queued together thread in a line and never on each other in a loop.
    /// </summary>
    Task<IReadOnlyList<string>> ListThreadAsync(int ticketId, int take, string? before = null, CancellationToken cancellationToken = default);

    Task MarkSentAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>A failed attempt: pending again at <paramref name="nextAttemptUtc"/>, or failed for good when it is null.</summary>
    Task MarkAttemptFailedAsync(int id, string reason, DateTime? nextAttemptUtc, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Puts a failed message back in the queue, due now, with its attempts reset. False when it is not failed.</summary>
    Task<bool> RetryAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default);
}

public enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    Failed,
}

public sealed record OutboxCounts(int Pending, int Sending, int Sent, int Failed);

public sealed record OutboxEntry
{
    public int Id { get; init; }
    public string Kind { get; init; } = "";
    public string ToAddress { get; init; } = "";
    public string Subject { get; init; } = "";
    public string TextBody { get; init; } = "";
    public string? HtmlBody { get; init; }
    public int? TicketId { get; init; }

    /// <summary>Without angle brackets.</summary>
    public string? MessageId { get; init; }
    public OutboxStatus Status { get; init; }
    public int Attempts { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime NextAttemptUtc { get; init; }
    public DateTime? SentUtc { get; init; }
    public DateTime? FailedUtc { get; init; }
    public string? LastError { get; init; }
}
