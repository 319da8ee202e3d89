using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;

namespace HelpDesk.Core.Tickets;

/// <param name="AssigneeId">The engineer to give the ticket to (the actor themselves, to take it), or null to return it to its queue.</param>
public sealed record AssignTicketRequest(TicketActor Actor, int TicketId, int? AssigneeId, int? ExpectedVersion);

/// <summary>
/// Staff take a ticket for themselves, give it to a colleague, or return it to its queue; an assigned ticket leaves
/// its skill queue. Taking it is the taker's call. A colleague must be someone the router itself could give the ticket
/// to now — the skill and proficiency, tier, language and category it needs, not away, with room, and not one who
/// gave it up (<see cref="Router.Check"/>) — or the answer says in words why not; only a manager moves a ticket to
/// anyone, with a reason (<see cref="ReassignTicket"/>). Whoever loses a ticket to its queue has given it up: the
/// router does not give it back to them.
/// </summary>
public sealed class AssignTicket(ITicketStore tickets, IPeopleDirectory people, Rerouting rerouting, TimeProvider clock)
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

        var now = clock.UtcNow();
        if (assignee is not null && assignee.Id != request.Actor.UserId && await WhyNotAsync(ticket, assignee, now, cancellationToken) is { } whyNot)
        {
            return Result<Ticket>.Invalid("assigneeId", whyNot);
        }

        var previous = ticket.AssigneeId is int previousId ? await people.FindAsync(previousId, cancellationToken) : null;
        var changed = ticket with { AssigneeId = request.AssigneeId, UpdatedUtc = now, Queue = QueueOf(ticket, request.AssigneeId) };
        var changes = new List<AuditChange> { new("assignee", previous?.Name, assignee?.Name) };
        if (changed.Queue != ticket.Queue)
        {
            changes.Add(new("queue", ticket.Queue, changed.Queue));
        }

        GivenUp[] givenUp = request.AssigneeId is null && ticket.AssigneeId is int returnedBy ? [new(returnedBy, GiveUp.Returned)] : [];
        return await TicketChanges.SaveAsync(tickets, new TicketUpdate(changed, request.Actor.UserId, changes, now) { GivenUp = givenUp }, cancellationToken);
    }

    /// <summary>Why the router would not give the ticket to <paramref name="colleague"/> now, in words; null when it would.</summary>
    private async Task<string?> WhyNotAsync(Ticket ticket, Person colleague, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var load = (await rerouting.CandidatesAsync(ticket, cancellationToken)).FirstOrDefault(c => c.Engineer.UserId == colleague.Id);
        if (load is null)
        {
            return $"{colleague.Name} has no routing profile, so nothing says they can take {ticket.Number}. Take it yourself, or ask a manager to reassign it to them with a reason.";
        }

        var routingRequest = await rerouting.RequestAsync(ticket, [], nowUtc, cancellationToken);
        return Router.Check(routingRequest, load, rerouting.Settings) is { } exclusion
            ? $"{colleague.Name} cannot take {ticket.Number} now: {exclusion.Text}. Give it to someone who can, hand it back for the router to choose, or ask a manager to reassign it with a reason."
            : null;
    }

    /// <summary>An assigned ticket waits in no queue; one handed back unassigned waits in the queue of its product and tier.</summary>
    private static string? QueueOf(Ticket ticket, int? assigneeId) =>
        assigneeId is null && TicketWorkflow.IsOpen(ticket.Status)
            ? ticket.Routing?.Queue ?? new SkillQueue(ticket.Entitlement?.ProductCode, ticket.Tier).Name
            : null;
}
