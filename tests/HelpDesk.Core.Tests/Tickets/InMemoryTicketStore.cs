using HelpDesk.Core.Mail;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Tickets;

/// <summary>Tickets in a dictionary, with the version check and audit trail of the real store; enough for use-case tests.</summary>
internal sealed class InMemoryTicketStore : ITicketStore
{
    private readonly Dictionary<int, Ticket> _tickets = [];
    private readonly List<TicketAuditEntry> _audit = [];

    public IReadOnlyCollection<Ticket> All => _tickets.Values;

    /// <summary>Every mail the use cases queued, in order.</summary>
    public List<OutboundMail> Mail { get; } = [];

    /// <summary>Every message saved, with its files, by ticket, in order: the first of each new ticket and each update's.</summary>
    public List<(int TicketId, NewMessage Message, IReadOnlyList<Core.Attachments.NewAttachment> Files)> Messages { get; } = [];

    /// <summary>Every incident move the use cases saved, by ticket, in order.</summary>
    public List<(int TicketId, IncidentMove Move)> IncidentMoves { get; } = [];

    /// <summary>Runs before an update is saved, to play the ticket that takes the contract's last incident first (throw to refuse).</summary>
    public Action<TicketUpdate>? BeforeUpdate { get; set; }

    /// <summary>Who gave each ticket up, in order, once each, as the real store records it with the change.</summary>
    public IReadOnlyList<GivenUp> GivenUpOf(int ticketId) => _givenUp.TryGetValue(ticketId, out var list) ? list : [];

    private readonly Dictionary<int, List<GivenUp>> _givenUp = [];

    public Ticket this[int id] => _tickets[id];

    /// <summary>Someone else's change: the version moves on, so a writer holding the old one is stale.</summary>
    public Ticket Touch(int id) => _tickets[id] = _tickets[id] with { Version = _tickets[id].Version + 1 };

    /// <summary>Writes a ticket as a store's own conditional update would, with its audit entries.</summary>
    public Ticket Put(Ticket ticket, int? actorId, IEnumerable<AuditChange> changes, DateTime nowUtc)
    {
        var saved = ticket with { Version = _tickets[ticket.Id].Version + 1 };
        _tickets[saved.Id] = saved;
        Audit(saved.Id, actorId, changes, nowUtc);
        return saved;
    }

    public Ticket Add(Ticket ticket)
    {
        var stored = ticket with { Id = ticket.Id == 0 ? _tickets.Count + 1 : ticket.Id, Version = ticket.Version == 0 ? 1 : ticket.Version };
        _tickets[stored.Id] = stored;
        return stored;
    }

    /// <summary>Where received mail is recorded, with the ticket, as the real store does in its transaction; null to ignore it.</summary>
    public Mail.InMemoryMail? Mailroom { get; set; }

    public Task<Ticket> CreateAsync(NewTicket ticket, CancellationToken cancellationToken = default)
    {
        Mailroom?.CheckNew(ticket.Received);
        var decision = ticket.Ticket.Entitlement;
        var saved = Add(ticket.Ticket with { IncidentContractId = decision is not null && decision.UsesIncident() ? decision.ContractId : null });
        Audit(saved.Id, ticket.FirstMessage.AuthorId, [new AuditChange("created", null, saved.Status.ToString()), .. ticket.Notes], ticket.NowUtc);
        Mail.AddRange(ticket.Mail(saved));
        Messages.Add((saved.Id, ticket.FirstMessage, ticket.Attachments));
        Mailroom?.Record(ticket.Received, saved.Id, ticket.FirstMessage);
        return Task.FromResult(saved);
    }

    public Task<Ticket?> UpdateAsync(TicketUpdate update, CancellationToken cancellationToken = default)
    {
        if (!_tickets.TryGetValue(update.Ticket.Id, out var current) || current.Version != update.Ticket.Version)
        {
            return Task.FromResult<Ticket?>(null);
        }

        BeforeUpdate?.Invoke(update);
        Mailroom?.CheckNew(update.Received);
        var holds = current.IncidentContractId;
        if (update.Incident is { } move)
        {
            IncidentMoves.Add((current.Id, move));
            holds = move.TakeFromContractId ?? (move.GiveBackReason is null ? holds : null);
        }

        var saved = update.Ticket with { Version = current.Version + 1, IncidentContractId = holds };
        _tickets[saved.Id] = saved;
        Audit(saved.Id, update.ActorId, update.Changes, update.NowUtc);
        foreach (var related in update.Related)
        {
            Audit(related.TicketId, update.ActorId, [related.Change], update.NowUtc);
        }

        foreach (var given in update.GivenUp)
        {
            var list = _givenUp.TryGetValue(saved.Id, out var known) ? known : _givenUp[saved.Id] = [];
            if (!list.Exists(g => g.EngineerId == given.EngineerId))
            {
                list.Add(given);
            }
        }

        Mail.AddRange(update.Mail);
        if (update.Message is { } message)
        {
            Messages.Add((saved.Id, message, update.Attachments));
        }

        Mailroom?.Record(update.Received, saved.Id, update.Message);
        return Task.FromResult<Ticket?>(saved);
    }

    private void Audit(int ticketId, int? actorId, IEnumerable<AuditChange> changes, DateTime nowUtc)
    {
        foreach (var change in changes)
        {
            _audit.Add(new TicketAuditEntry
            {
                Id = _audit.Count + 1,
                TicketId = ticketId,
                ActorId = actorId,
                Field = change.Field,
                OldValue = change.OldValue,
                NewValue = change.NewValue,
                CreatedUtc = nowUtc,
            });
        }
    }

    /// <summary>Runs after a read returns, to play someone who changes the ticket while a use case works on it.</summary>
    public Action<int>? AfterGet { get; set; }

    public Task<Ticket?> GetAsync(int id, TicketScope scope, CancellationToken cancellationToken = default)
    {
        var found = _tickets.TryGetValue(id, out var ticket) && (scope.OrganisationId is null || scope.OrganisationId == ticket.OrganisationId) ? ticket : null;
        AfterGet?.Invoke(id);
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<TicketAuditEntry>> ListAuditAsync(int ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TicketAuditEntry>>(_audit.Where(a => a.TicketId == ticketId).ToList());

    public Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) =>
        query.DuplicateOfId is int original
            ? Task.FromResult(new TicketPage([.. _tickets.Values.Where(t => t.DuplicateOfId == original).Select(t => new TicketSummary { Id = t.Id, Subject = t.Subject, Status = t.Status })], null))
            : throw new NotSupportedException();

    public Task<IReadOnlyList<TicketMessage>> ListMessagesAsync(int ticketId, TicketScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<TimeEntry>> ListTimeAsync(int ticketId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TimeEntry> AddTimeAsync(TimeEntry entry, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> AddRatingAsync(TicketRating rating, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TicketRating?> GetRatingAsync(int ticketId, int resolution, TicketScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<int>> ListResolvedBeforeAsync(DateTime resolvedBeforeUtc, int take, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<int>> ListSlaChecksDueAsync(DateTime nowUtc, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<int>>([.. _tickets.Values
            .Where(t => t.SlaCheckUtc <= nowUtc)
            .OrderBy(t => t.SlaCheckUtc)
            .ThenBy(t => t.Id)
            .Take(take)
            .Select(t => t.Id)]);
}
