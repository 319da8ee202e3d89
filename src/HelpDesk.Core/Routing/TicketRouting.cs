using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

/// <summary>What a routing decision does to a ticket, and how a re-routing sees the engineers.</summary>
public static class TicketRouting
{
    /// <summary>The audit trail's field for the router's summary.</summary>
    public const string AuditField = "routing";

    /// <summary>Assigned: the engineer has it and it waits nowhere. Queued: unassigned, waiting in the decision's queue.</summary>
    public static Ticket Apply(Ticket ticket, RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Outcome == RoutingOutcome.Assigned
            ? ticket with { AssigneeId = decision.AssigneeId, Queue = null, Routing = decision }
            : ticket with { AssigneeId = null, Queue = decision.Queue, Routing = decision };
    }

    /// <summary>
    /// The engineers as they stand once the ticket is taken from its assignee: it no longer counts towards their
    /// open tickets, so re-routing never calls them at capacity because of the very ticket being moved.
    /// </summary>
    public static IReadOnlyList<EngineerLoad> WithoutTicket(IReadOnlyList<EngineerLoad> engineers, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(engineers);
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.AssigneeId is not int assignee || !TicketWorkflow.IsOpen(ticket.Status))
        {
            return engineers;
        }

        return [.. engineers.Select(e => e.Engineer.UserId == assignee && e.OpenTickets > 0 ? e with { OpenTickets = e.OpenTickets - 1 } : e)];
    }
}
