namespace HelpDesk.Core.Tickets;

/// <summary>A saved change to a ticket: which ticket, and who made it (null for the system: the SLA monitor, mail).</summary>
public sealed record TicketChanged(int TicketId, int? ActorId);

/// <summary>
/// Tells the people watching the desk that a ticket changed. Called only after the change is saved; a failure to
/// tell anyone never undoes or fails the change.
/// </summary>
public interface ITicketChangeNotifier
{
    Task TicketChangedAsync(TicketChanged change, CancellationToken cancellationToken = default);
}

/// <summary>
/// The ticket store, telling <see cref="ITicketChangeNotifier"/> about every ticket it saves: a new ticket, any update
/// (reply, note, status, assignment, classification, and what the system does), and time logged. Every use case
/// saves through the store, so none of them can forget to tell.
/// </summary>
public sealed class NotifyingTicketStore(ITicketStore inner, ITicketChangeNotifier notifier) : ITicketStore
{
    public async Task<Ticket> CreateAsync(NewTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var created = await inner.CreateAsync(ticket, cancellationToken);
        await notifier.TicketChangedAsync(new(created.Id, ticket.FirstMessage.AuthorId), cancellationToken);
        return created;
    }

    public async Task<Ticket?> UpdateAsync(TicketUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var saved = await inner.UpdateAsync(update, cancellationToken);
        if (saved is not null)
        {
            await notifier.TicketChangedAsync(new(saved.Id, update.ActorId), cancellationToken);
        }

        return saved;
    }

    public async Task<TimeEntry> AddTimeAsync(TimeEntry entry, CancellationToken cancellationToken = default)
    {
        var added = await inner.AddTimeAsync(entry, cancellationToken);
        await notifier.TicketChangedAsync(new(added.TicketId, added.EngineerId), cancellationToken);
        return added;
    }

    public Task<Ticket?> GetAsync(int id, TicketScope scope, CancellationToken cancellationToken = default) =>
        inner.GetAsync(id, scope, cancellationToken);

    public Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) =>
        inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<TicketMessage>> ListMessagesAsync(int ticketId, TicketScope scope, CancellationToken cancellationToken = default) =>
        inner.ListMessagesAsync(ticketId, scope, cancellationToken);

    public Task<IReadOnlyList<TicketAuditEntry>> ListAuditAsync(int ticketId, CancellationToken cancellationToken = default) =>
        inner.ListAuditAsync(ticketId, cancellationToken);

    public Task<IReadOnlyList<TimeEntry>> ListTimeAsync(int ticketId, CancellationToken cancellationToken = default) =>
        inner.ListTimeAsync(ticketId, cancellationToken);

    public Task<bool> AddRatingAsync(TicketRating rating, CancellationToken cancellationToken = default) =>
        inner.AddRatingAsync(rating, cancellationToken);

    public Task<TicketRating?> GetRatingAsync(int ticketId, int resolution, TicketScope scope, CancellationToken cancellationToken = default) =>
        inner.GetRatingAsync(ticketId, resolution, scope, cancellationToken);

    public Task<IReadOnlyList<int>> ListResolvedBeforeAsync(DateTime resolvedBeforeUtc, int take, CancellationToken cancellationToken = default) =>
        inner.ListResolvedBeforeAsync(resolvedBeforeUtc, take, cancellationToken);

    public Task<IReadOnlyList<int>> ListSlaChecksDueAsync(DateTime nowUtc, int take, CancellationToken cancellationToken = default) =>
        inner.ListSlaChecksDueAsync(nowUtc, take, cancellationToken);
}
