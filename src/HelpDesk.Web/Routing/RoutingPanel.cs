using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Routing;

/// <summary>
/// What the desk's routing panel shows of a ticket: the router's latest decision with its explanation, the queue the
/// ticket waits in now, and who has it now (a manual assignment may have changed that since the decision).
/// </summary>
/// <param name="Need">What the ticket needs of an engineer now, in words (<see cref="RoutingText.Need"/>).</param>
/// <param name="WaitingSinceUtc">When the ticket entered the queue it waits in; null while it waits in none.</param>
public sealed record RoutingPanel(RoutingDecision? Decision, string? WaitingIn, int? AssigneeId, string? AssigneeName, string Need, DateTime NowUtc, DateTime? WaitingSinceUtc = null)
{
    public static RoutingPanel Of(Ticket ticket, string? assigneeName, RoutingSettings settings, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new(ticket.Routing, ticket.Queue, ticket.AssigneeId, assigneeName, RoutingText.Need(ticket, settings), nowUtc, ticket.QueuedUtc);
    }

    /// <summary>The engineers the latest decision left out for having given the ticket up, by name.</summary>
    public IReadOnlyList<string> GaveItUp => Decision is { } d ? [.. d.Excluded.Where(e => e.Reason == ExclusionReason.GaveUp).Select(e => e.Name)] : [];

    /// <summary>True when the ticket is no longer where the router put it: someone assigned or returned it by hand since.</summary>
    public bool ChangedByHand => Decision is { } decision
        && (decision.Outcome == RoutingOutcome.Assigned ? decision.AssigneeId != AssigneeId : AssigneeId is not null);

    /// <summary>How many excluded engineers the explanation counts without naming.</summary>
    public int UnnamedExcluded => Decision is { } d ? Math.Max(0, d.ExcludedCounts.Values.Sum() - d.Excluded.Count) : 0;
}
