using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;

namespace HelpDesk.Core.Tickets;

/// <param name="AssigneeId">The engineer to assign, or null to hand the ticket back to the queue.</param>
public sealed record AssignTicketRequest(TicketActor Actor, int TicketId, int? AssigneeId, int? ExpectedVersion);

/// <summary>Assigns a ticket to an engineer (or takes it), taking it out of its skill queue, or returns it to the queue.</summary>
public sealed class AssignTicket(ITicketStore tickets, IPeopleDirectory people, TimeProvider clock)
{
    public async Task<Result<Ticket>> HandleAsync(AssignTicketRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Actor.Kind != ActorKind.Staff)
        {
            return Result<Ticket>.NotFound($"There is no ticket {TicketNumber.Format(request.TicketId)}.");
        }

        var loaded = await TicketChanges.LoadAsync(tickets, request.TicketId, request.Actor, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var ticket = loaded.Value!;
        if (TicketChanges.CheckVersion(ticket, request.ExpectedVersion) is { } stale)
        {
            return stale;
        }

        Person? assignee = null;
        if (request.AssigneeId is int assigneeId)
        {
            assignee = await people.FindAsync(assigneeId, cancellationToken);
            if (assignee is null || !assignee.IsStaff)
            {
                return Result<Ticket>.Invalid("assigneeId", "Tickets can be assigned only to engineers and managers.");
            }
        }

        if (ticket.AssigneeId == request.AssigneeId)
        {
            return Result<Ticket>.Ok(ticket);
        }

        if (ticket.Status == TicketStatus.Closed)
        {
            return Result<Ticket>.Invalid("assigneeId", $"{ticket.Number} is closed; it cannot be reassigned.");
        }

        var previous = ticket.AssigneeId is int previousId ? await people.FindAsync(previousId, cancellationToken) : null;
        var now = clock.UtcNow();
        var changed = ticket with { AssigneeId = request.AssigneeId, UpdatedUtc = now, Queue = QueueOf(ticket, request.AssigneeId) };
        var changes = new List<AuditChange> { new("assignee", previous?.Name, assignee?.Name) };
        if (changed.Queue != ticket.Queue)
        {
            changes.Add(new("queue", ticket.Queue, changed.Queue));
        }

        return await TicketChanges.SaveAsync(tickets, new TicketUpdate(changed, request.Actor.UserId, changes, now), cancellationToken);
    }

    /// <summary>An assigned ticket waits in no queue; one handed back unassigned waits in the queue of its product and tier.</summary>
    private static string? QueueOf(Ticket ticket, int? assigneeId) =>
        assigneeId is null && TicketWorkflow.IsOpen(ticket.Status)
            ? ticket.Routing?.Queue ?? new SkillQueue(ticket.Entitlement?.ProductCode, ticket.Tier).Name
            : null;
}
