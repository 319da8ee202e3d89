namespace HelpDesk.Core.Mail;

/// <summary>
/// Received messages: the idempotency record, the held list and the quarantine, the Message-IDs that thread mail,
/// and the allow-list. Records that go with a ticket are written by the ticket store inside its transaction
/// (<see cref="Tickets.NewTicket.Received"/>); this store writes the ones that stand alone.
/// </summary>
public interface IInboundMailStore
{
    Task<InboundMessageEntry?> FindByKeyAsync(string messageKey, CancellationToken cancellationToken = default);

    Task<InboundMessageEntry?> GetAsync(int id, CancellationToken cancellationToken = default);

    Task<byte[]?> GetRawAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The received message that became this ticket message, if it came by mail.</summary>
    Task<InboundMessageEntry?> FindByTicketMessageAsync(int ticketMessageId, CancellationToken cancellationToken = default);

    /// <summary>Every received message recorded against the ticket (made it, joined it, bounced on it, held for it), oldest first.</summary>
    Task<IReadOnlyList<InboundMessageEntry>> ListForTicketAsync(int ticketId, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<InboundMessageEntry>> ListAsync(InboundStatus status, int take, CancellationToken cancellationToken = default);

    Task<int> CountAsync(InboundStatus status, CancellationToken cancellationToken = default);

    /// <summary>Writes a record that has no ticket message (held, quarantined). Throws <see cref="DuplicateMailException"/> when the key exists.</summary>
    Task<int> AddAsync(ReceivedMail mail, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a bounce of our mail in one transaction: the received record, the outbox message marked failed with the
    /// report's words, and an audit entry on its ticket. Throws <see cref="DuplicateMailException"/> when the key exists.
    /// </summary>
    Task<int> AddBounceAsync(ReceivedMail mail, int outboxId, string auditText, CancellationToken cancellationToken = default);

    /// <summary>The ticket that any of these Message-IDs (sent or received) belongs to; the latest when several match.</summary>
    Task<int?> FindTicketByMessageIdsAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a held or quarantined message released (it became a ticket or a reply) or deleted, if it still is held or
    /// quarantined. False when someone else resolved it first. A deleted quarantined message loses its raw bytes.
    /// </summary>
    Task<bool> ResolveAsync(int id, InboundStatus expected, InboundStatus outcome, int? ticketId, int actorId, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<bool> IsAllowListedAsync(string address, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AllowListEntry>> ListAllowListAsync(CancellationToken cancellationToken = default);

    /// <summary>False when the address is already listed.</summary>
    Task<bool> AllowAsync(AllowListEntry entry, CancellationToken cancellationToken = default);

    Task<bool> DisallowAsync(string address, CancellationToken cancellationToken = default);
}

/// <summary>A sender whose automatic mail makes tickets (never answered): an address, or "@domain" for a whole domain.</summary>
public sealed record AllowListEntry(string Address, string Note, int? CreatedById, DateTime CreatedUtc);
