using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Tickets;

/// <summary>
/// Saves and reads tickets with their conversation, audit trail, time and ratings. Every read takes a
/// <see cref="TicketScope"/>: for a customer it carries the organisation, which the SQL itself filters on, and
/// leaves out internal notes and time. Every write that touches several rows is one transaction.
/// </summary>
public interface ITicketStore
{
    /// <summary>
    /// Inserts the ticket, its first message, the "created" audit entry and the mail, all or nothing. A ticket whose
    /// decision uses an incident (<see cref="Scope.EntitlementDecision.UsesIncident"/>) takes one of its contract's in
    /// the same transaction, only while the contract is below its plan's allowance; when another ticket took the
    /// last one first, nothing is saved and <see cref="IncidentAllowanceUsedException"/> is thrown, to judge again.
    /// A ticket the router assigned is saved only while the engineer is below their capacity; when tickets filed at the
    /// same moment filled it first, nothing is saved and <see cref="AssigneeAtCapacityException"/> is thrown, to route again.
    /// </summary>
    Task<Ticket> CreateAsync(NewTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the ticket's new state if its stored version is still <c>update.Ticket.Version</c>, with the audit
    /// entries, the message, the mail and the incident move of the change, all or nothing. Null when the version is
    /// stale; <see cref="IncidentAllowanceUsedException"/> (nothing saved) when the incident to take is gone.
    /// </summary>
    Task<Ticket?> UpdateAsync(TicketUpdate update, CancellationToken cancellationToken = default);

    Task<Ticket?> GetAsync(int id, TicketScope scope, CancellationToken cancellationToken = default);

    Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TicketMessage>> ListMessagesAsync(int ticketId, TicketScope scope, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TicketAuditEntry>> ListAuditAsync(int ticketId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TimeEntry>> ListTimeAsync(int ticketId, CancellationToken cancellationToken = default);

    Task<TimeEntry> AddTimeAsync(TimeEntry entry, CancellationToken cancellationToken = default);

    /// <summary>False when this resolution of the ticket was already rated.</summary>
    Task<bool> AddRatingAsync(TicketRating rating, CancellationToken cancellationToken = default);

    Task<TicketRating?> GetRatingAsync(int ticketId, int resolution, TicketScope scope, CancellationToken cancellationToken = default);

    /// <summary>Ids of resolved tickets whose resolution is older than <paramref name="resolvedBeforeUtc"/>, oldest first.</summary>
    Task<IReadOnlyList<int>> ListResolvedBeforeAsync(DateTime resolvedBeforeUtc, int take, CancellationToken cancellationToken = default);

    /// <summary>Ids of tickets whose SLA the monitor should look at by <paramref name="nowUtc"/>, earliest first.</summary>
    Task<IReadOnlyList<int>> ListSlaChecksDueAsync(DateTime nowUtc, int take, CancellationToken cancellationToken = default);
}

/// <summary>A message to add: a public reply or an internal note, its author (null for the system) and body.</summary>
public sealed record NewMessage(int? AuthorId, MessageKind Kind, MessageBody Body);

/// <summary>One field's change, as the audit trail shows it.</summary>
public sealed record AuditChange(string Field, string? OldValue, string? NewValue);

/// <param name="Mail">The mail to queue, made from the saved ticket (it needs the ticket's number).</param>
public sealed record NewTicket(Ticket Ticket, NewMessage FirstMessage, Func<Ticket, IReadOnlyList<OutboundMail>> Mail, DateTime NowUtc)
{
    public IReadOnlyList<Attachments.NewAttachment> Attachments { get; init; } = [];

    /// <summary>
    /// The received message the ticket is made from, recorded in the same transaction (with its Message-ID for threading)
    /// and linked to the first message. Throws <see cref="DuplicateMailException"/>, saving nothing, when it was recorded before.
    /// Its <see cref="ReceivedMail.Allowance"/> is taken last in the same transaction: a full count throws
    /// <see cref="SenderThrottledException"/> or <see cref="AcknowledgementBudgetUsedException"/>, saving nothing.
    /// </summary>
    public ReceivedMail? Received { get; init; }

    /// <summary>Lines for the audit trail after "created" (for example an attachment dropped from a mail).</summary>
    public IReadOnlyList<AuditChange> Notes { get; init; } = [];

    /// <summary>
    /// The sender's key for the request, stored in the same transaction with the ticket. Throws
    /// <see cref="DuplicateRequestKeyException"/>, saving nothing, when it was stored before.
    /// </summary>
    public NewKeyedRequest? Key { get; init; }
}

public sealed record TicketUpdate(Ticket Ticket, int? ActorId, IReadOnlyList<AuditChange> Changes, DateTime NowUtc)
{
    public NewMessage? Message { get; init; }

    public IReadOnlyList<Attachments.NewAttachment> Attachments { get; init; } = [];

    public IReadOnlyList<OutboundMail> Mail { get; init; } = [];

    /// <summary>
    /// The received message the change's message comes from, recorded in the same transaction with its allowance taken
    /// (see <see cref="NewTicket.Received"/>).
    /// </summary>
    public ReceivedMail? Received { get; init; }

    /// <summary>The sender's key for the request that made <see cref="Message"/>, stored with it (see <see cref="NewTicket.Key"/>).</summary>
    public NewKeyedRequest? Key { get; init; }

    /// <summary>Engineers who gave the ticket up with this change, recorded with it (see <see cref="Routing.GivenUp"/>); once each.</summary>
    public IReadOnlyList<Routing.GivenUp> GivenUp { get; init; } = [];

    /// <summary>What the change does to the incident the ticket uses; null leaves it as it is.</summary>
    public IncidentMove? Incident { get; init; }

    /// <summary>Lines for the audit trail of other tickets the change concerns (the original a duplicate is merged into).</summary>
    public IReadOnlyList<RelatedAudit> Related { get; init; } = [];

    /// <summary>The NPS question one of <see cref="Mail"/> asks, recorded with it so that the 90 days start with the mail.</summary>
    public Economics.NewNpsAsk? NpsAsk { get; init; }
}

/// <summary>
/// A change to the incident a ticket uses: give back the one it holds (with why; nothing happens when it holds
/// none, so an incident is never given back twice), then take one of <see cref="TakeFromContractId"/>'s (never
/// while the ticket holds one, so never twice for one ticket).
/// </summary>
public sealed record IncidentMove(string? GiveBackReason, int? TakeFromContractId)
{
    public static IncidentMove GiveBack(string reason) => new(reason, null);
}

/// <summary>An audit line written on another ticket in the same transaction.</summary>
public sealed record RelatedAudit(int TicketId, AuditChange Change);

/// <summary>
/// The contract's last incident went to another ticket between judging this one and saving it: nothing was saved,
/// and the ticket is to be judged again with the count as it is now.
/// </summary>
public sealed class IncidentAllowanceUsedException(int contractId)
    : Exception($"The incidents of contract {Contracts.Contract.FormatNumber(contractId)} were used up before the ticket was saved.")
{
    public int ContractId { get; } = contractId;
}

/// <summary>
/// The engineer the router chose was filled to capacity by other tickets between routing this one and saving it:
/// nothing was saved, and the ticket is to be routed again with the loads as they are now.
/// </summary>
public sealed class AssigneeAtCapacityException(int engineerId)
    : Exception($"Engineer {engineerId} reached capacity before the ticket was saved.")
{
    public int EngineerId { get; } = engineerId;
}

public enum TicketSort
{
    /// <summary>Most recently updated first.</summary>
    Updated,

    /// <summary>Newest first.</summary>
    Created,

    /// <summary>Most severe first, then newest.</summary>
    Severity,

    /// <summary>Earliest SLA due time still to meet first (none last), then most severe, then oldest: a skill queue's pull order.</summary>
    Due,
}

public sealed record TicketQuery
{
    public required TicketScope Scope { get; init; }
    public IReadOnlyList<TicketStatus> Statuses { get; init; } = [];
    public Severity? Severity { get; init; }
    public int? OrganisationId { get; init; }
    public string? Product { get; init; }
    public int? AssigneeId { get; init; }
    public bool UnassignedOnly { get; init; }

    /// <summary>Only tickets flagged for triage (see <see cref="Ticket.TriageReason"/>) or needing classification (see <see cref="Ticket.NeedsClassification"/>).</summary>
    public bool TriageOnly { get; init; }

    /// <summary>Only the tickets waiting in this skill queue (its exact name, e.g. <c>keel/tier-2</c>).</summary>
    public string? Queue { get; init; }

    /// <summary>Only the tickets closed as duplicates of this one.</summary>
    public int? DuplicateOfId { get; init; }

    /// <summary>
    /// Matches a ticket number (HD-42 or 42), or tickets holding every word (see <see cref="SearchWords"/>) in the subject,
    /// the requester's name or address, the replies or, for staff, the internal notes.
    /// </summary>
    public string? Text { get; init; }
    public TicketSort Sort { get; init; } = TicketSort.Updated;

    /// <summary>Where the previous page ended, or null for the first page.</summary>
    public TicketCursor? After { get; init; }
    public int Take { get; init; } = 25;
}

/// <summary>One page of a list, and the token that fetches the next (null on the last page).</summary>
public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, string? Next);
