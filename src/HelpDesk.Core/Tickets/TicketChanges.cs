using HelpDesk.Core.Common;

namespace HelpDesk.Core.Tickets;

/// <summary>Loads a ticket in the actor's scope and saves a change to it, turning a stale version into a clear message.</summary>
internal static class TicketChanges
{
    public const string StaleMessage = "Someone else changed this ticket while you were working on it. Nothing was saved; reload it, check what changed, and try again.";

    public static async Task<Result<Ticket>> LoadAsync(ITicketStore tickets, int ticketId, TicketActor actor, CancellationToken cancellationToken)
    {
        var ticket = await tickets.GetAsync(ticketId, actor.Scope, cancellationToken);
        return ticket is null
            ? Result<Ticket>.NotFound($"There is no ticket {TicketNumber.Format(ticketId)}.")
            : Result<Ticket>.Ok(ticket);
    }

    /// <summary>The version the caller read must still be current; null means "whatever is current" (additive changes).</summary>
    public static Result<Ticket>? CheckVersion(Ticket ticket, int? expectedVersion) =>
        expectedVersion is int expected && expected != ticket.Version ? Result<Ticket>.Conflict(StaleMessage) : null;

    public static async Task<Result<Ticket>> SaveAsync(ITicketStore tickets, TicketUpdate update, CancellationToken cancellationToken)
    {
        var saved = await tickets.UpdateAsync(update, cancellationToken);
        return saved is null ? Result<Ticket>.Conflict(StaleMessage) : Result<Ticket>.Ok(saved);
    }

    public static AuditChange StatusChange(TicketStatus from, TicketStatus to) => new("status", from.ToString(), to.ToString());
}
