using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

/// <summary>What a ticket asks of an engineer, read from the ticket (or a waiting ticket) and its customer's segment.</summary>
public static class RoutingRequests
{
    /// <summary>
    /// The required skill is the product the entitlement check recognised in the catalogue: a product it did not
    /// know sends the ticket to the general queue of its tier.
    /// </summary>
    public static RoutingRequest For(Ticket ticket, CustomerSegment segment, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new RoutingRequest
        {
            ProductCode = ticket.Entitlement?.ProductCode,
            Area = ticket.Environment,
            Category = ticket.Category,
            Language = ticket.Language,
            Severity = ticket.Severity,
            Tier = ticket.Tier,
            Segment = segment,
            AtUtc = nowUtc,
        };
    }

    /// <summary>The same request for a ticket waiting in a queue, whose product is the queue's.</summary>
    public static RoutingRequest For(WaitingTicket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new RoutingRequest
        {
            ProductCode = SkillQueue.Parse(ticket.Queue)?.ProductCode,
            Area = ticket.Environment,
            Category = ticket.Category,
            Language = ticket.Language,
            Severity = ticket.Severity,
            Tier = ticket.Tier,
            Segment = ticket.Segment,
            GivenUpBy = ticket.GivenUpBy,
            AtUtc = nowUtc,
        };
    }
}
