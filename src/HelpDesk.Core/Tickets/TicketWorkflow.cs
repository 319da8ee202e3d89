namespace HelpDesk.Core.Tickets;

/// <summary>A yes or no about a status change, with the reason a person reads.</summary>
public sealed record TransitionDecision(bool Allowed, string Reason);

/// <summary>
/// The allowed status changes, written once. Staff move tickets between the working statuses and close them;
/// a customer may only mark their own request resolved; nothing leaves Closed.
/// </summary>
public static class TicketWorkflow
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> StaffMoves = new()
    {
        [TicketStatus.New] = [TicketStatus.Open, TicketStatus.PendingCustomer, TicketStatus.OnHold, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.Open] = [TicketStatus.PendingCustomer, TicketStatus.OnHold, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.PendingCustomer] = [TicketStatus.Open, TicketStatus.OnHold, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.OnHold] = [TicketStatus.Open, TicketStatus.PendingCustomer, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.Resolved] = [TicketStatus.Open, TicketStatus.Closed],
        [TicketStatus.Closed] = [],
    };

    private static readonly TicketStatus[] CustomerMayResolveFrom =
        [TicketStatus.New, TicketStatus.Open, TicketStatus.PendingCustomer, TicketStatus.OnHold];

    /// <summary>The statuses the actor may move a ticket to from <paramref name="from"/>.</summary>
    public static IReadOnlyList<TicketStatus> AllowedTargets(TicketStatus from, ActorKind actor) => actor switch
    {
        ActorKind.Customer => CustomerMayResolveFrom.Contains(from) ? [TicketStatus.Resolved] : [],
        _ => StaffMoves[from],
    };

    public static TransitionDecision Decide(TicketStatus from, TicketStatus to, ActorKind actor)
    {
        if (from == to)
        {
            return new(false, $"The ticket is already {Describe(to)}.");
        }

        if (from == TicketStatus.Closed)
        {
            return new(false, "A closed ticket cannot change; file a new ticket and mention this one.");
        }

        if (AllowedTargets(from, actor).Contains(to))
        {
            return new(true, $"{Describe(from)} → {Describe(to)}.");
        }

        return actor == ActorKind.Customer
            ? new(false, "Customers can mark a request resolved; to reopen one, reply to it.")
            : new(false, $"A ticket that is {Describe(from)} cannot become {Describe(to)}.");
    }

    /// <summary>
    /// The status after a public reply: a customer's reply puts a resolved or waiting ticket back in the engineer's
    /// hands; an engineer's first reply moves a new ticket to Open.
    /// </summary>
    public static TicketStatus AfterReply(TicketStatus current, ActorKind actor) => (current, actor) switch
    {
        (TicketStatus.Resolved or TicketStatus.PendingCustomer, ActorKind.Customer) => TicketStatus.Open,
        (TicketStatus.New, ActorKind.Staff) => TicketStatus.Open,
        _ => current,
    };

    /// <summary>
    /// The ticket after moving to <paramref name="to"/>: resolving counts a resolution, reopening clears it. Only an
    /// open, unassigned ticket waits in a skill queue: resolving or closing takes it out, and reopening one nobody
    /// holds puts it back in the queue the router last chose.
    /// </summary>
    public static Ticket Apply(Ticket ticket, TicketStatus to, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return to switch
        {
            TicketStatus.Resolved => ticket with { Status = to, ResolvedUtc = nowUtc, ClosedUtc = null, Resolutions = ticket.Resolutions + 1, Queue = null },
            TicketStatus.Closed => ticket with { Status = to, ClosedUtc = nowUtc, Queue = null },
            _ => ticket with { Status = to, ResolvedUtc = null, ClosedUtc = null, Queue = ticket.AssigneeId is null ? ticket.Queue ?? ticket.Routing?.Queue : null },
        };
    }

    public static bool IsOpen(TicketStatus status) => status is not (TicketStatus.Resolved or TicketStatus.Closed);

    public static string Describe(TicketStatus status) => status switch
    {
        TicketStatus.PendingCustomer => "pending customer",
        TicketStatus.OnHold => "on hold",
        _ => status.ToString().ToLowerInvariant(),
    };
}
