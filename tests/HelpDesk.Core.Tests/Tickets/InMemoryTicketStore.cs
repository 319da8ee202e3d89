using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Tickets;

/// <summary>Tickets in a dictionary, with the version check and audit trail of the real store; enough for use-case tests.</summary>
internal sealed class InMemoryTicketStore : ITicketStore
{
    private readonly Dictionary<int, Ticket> _tickets = [];
    private readonly List<TicketAuditEntry> _audit = [];

    public Ticket Add(Ticket ticket)
    {
        var stored = ticket with { Id = ticket.Id == 0 ? _tickets.Count + 1 : ticket.Id, Version = ticket.Version == 0 ? 1 : ticket.Version };
        _tickets[stored.Id] = stored;
        return stored;
    }

    public Task<Ticket> CreateAsync(NewTicket ticket, CancellationToken cancellationToken = default) => Task.FromResult(Add(ticket.Ticket));

    public Task<Ticket?> UpdateAsync(TicketUpdate update, CancellationToken cancellationToken = default)
    {
        if (!_tickets.TryGetValue(update.Ticket.Id, out var current) || current.Version != update.Ticket.Version)
        {
            return Task.FromResult<Ticket?>(null);
        }

        var saved = update.Ticket with { Version = current.Version + 1 };
        _tickets[saved.Id] = saved;
        foreach (var change in update.Changes)
        {
            _audit.Add(new TicketAuditEntry
            {
                Id = _audit.Count + 1,
                TicketId = saved.Id,
                ActorId = update.ActorId,
                Field = change.Field,
                OldValue = change.OldValue,
                NewValue = change.NewValue,
                CreatedUtc = update.NowUtc,
            });
        }

        return Task.FromResult<Ticket?>(saved);
    }

    public Task<Ticket?> GetAsync(int id, TicketScope scope, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tickets.TryGetValue(id, out var ticket) && (scope.OrganisationId is null || scope.OrganisationId == ticket.OrganisationId) ? ticket : null);

    public Task<IReadOnlyList<TicketAuditEntry>> ListAuditAsync(int ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TicketAuditEntry>>(_audit.Where(a => a.TicketId == ticketId).ToList());

    public Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<TicketMessage>> ListMessagesAsync(int ticketId, TicketScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<TimeEntry>> ListTimeAsync(int ticketId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TimeEntry> AddTimeAsync(TimeEntry entry, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> AddRatingAsync(TicketRating rating, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TicketRating?> GetRatingAsync(int ticketId, int resolution, TicketScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<int>> ListResolvedBeforeAsync(DateTime resolvedBeforeUtc, int take, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<int>> ListSlaChecksDueAsync(DateTime nowUtc, int take, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
