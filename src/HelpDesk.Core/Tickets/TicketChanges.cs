using HelpDesk.Core.Common;
using HelpDesk.Core.Sla;

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

    /// <summary>
    /// Moves the ticket to another status with what the move does to its SLA clock and queue: leaving Pending customer
    /// starts the clock again (due times move on by the support time of the wait, in the contract's calendar), entering
    /// it stops the clock, a resolution records whether it was on time. The changes are the audit entries, status first.
    /// </summary>
    public static async Task<(Ticket Ticket, List<AuditChange> Changes)> MoveAsync(
        Ticket ticket, TicketStatus to, DateTime nowUtc, ISlaCalendarSource? calendars, CancellationToken cancellationToken)
    {
        var changes = new List<AuditChange> { StatusChange(ticket.Status, to) };
        var moved = ticket;
        if (ticket.SlaPausedUtc is not null && to != TicketStatus.PendingCustomer)
        {
            var calendar = calendars is not null && ticket.Entitlement?.ContractId is int contractId
                ? await calendars.ForContractAsync(contractId, cancellationToken)
                : null;
            var resumed = SlaClock.Resume(moved, nowUtc, calendar);
            moved = resumed.Ticket;
            changes.AddRange(resumed.Audit);
        }

        moved = TicketWorkflow.Apply(moved, to, nowUtc);
        if (to == TicketStatus.PendingCustomer)
        {
            var paused = SlaClock.Pause(moved, nowUtc);
            moved = paused.Ticket;
            changes.AddRange(paused.Audit);
        }
        else if (to == TicketStatus.Resolved)
        {
            moved = SlaClock.RecordResolution(moved);
        }

        moved = SlaClock.Schedule(moved, nowUtc);
        if (moved.Queue != ticket.Queue)
        {
            changes.Add(new("queue", ticket.Queue, moved.Queue));
        }

        return (moved, changes);
    }

    /// <summary>Whether the move gives the assignee room for another ticket: an open ticket of theirs is resolved or closed.</summary>
    public static bool FreesCapacity(Ticket before, Ticket after) =>
        before.AssigneeId is not null && TicketWorkflow.IsOpen(before.Status) && !TicketWorkflow.IsOpen(after.Status);
}
