using HelpDesk.Core.Audit;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

/// <summary>Engineer profiles: skills, languages, categories, tier, sourcing, rates, capacity and availability.</summary>
public interface IEngineerStore
{
    /// <summary>Every profile, by name.</summary>
    Task<IReadOnlyList<EngineerProfile>> ListAsync(CancellationToken cancellationToken = default);

    Task<EngineerProfile?> GetAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts the profile (Version 0) or updates it when its stored version is still <c>profile.Version</c>, with
    /// its skills; rates are not touched. Returns the saved profile, or null when the version is stale.
    /// </summary>
    Task<EngineerProfile?> SaveAsync(EngineerProfile profile, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Adds a rate, or replaces the one starting the same day if that day is still to come. False when a rate already starts that day and it has begun.</summary>
    Task<bool> AddRateAsync(int userId, CostRate rate, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="SaveAsync(EngineerProfile, DateTime, CancellationToken)"/>, writing the manager's audit line in the same transaction.</summary>
    Task<EngineerProfile?> SaveAsync(EngineerProfile profile, DateTime nowUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="AddRateAsync(int, CostRate, DateTime, CancellationToken)"/>, writing the manager's audit line in the same transaction.</summary>
    Task<bool> AddRateAsync(int userId, CostRate rate, DateTime nowUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default);
}

/// <summary>A ticket waiting in a skill queue, with what the router needs to decide whether an engineer may take it.</summary>
public sealed record WaitingTicket
{
    public int Id { get; init; }
    public string Number => TicketNumber.Format(Id);
    public required string Queue { get; init; }
    public string? Environment { get; init; }
    public string? Category { get; init; }
    public string Language { get; init; } = "en";
    public Severity Severity { get; init; }
    public int Tier { get; init; }
    public Organisations.CustomerSegment Segment { get; init; }

    /// <summary>The earliest SLA target still to meet, or <see cref="DateTime.MaxValue"/> when no SLA applies.</summary>
    public DateTime QueueDueUtc { get; init; }
    public DateTime CreatedUtc { get; init; }

    /// <summary>The engineers who gave the ticket up, who may not pull it.</summary>
    public IReadOnlyList<GivenUp> GivenUpBy { get; init; } = [];
}

/// <summary>Assign a waiting ticket to an engineer, if it is still waiting.</summary>
public sealed record TicketClaim(int TicketId, int EngineerId, RoutingDecision Routing, DateTime NowUtc)
{
    /// <summary>
    /// The engineer's capacity: the claim is refused when they already hold this many open tickets (another pull for
    /// them may have filled them meanwhile). Null claims whatever they hold.
    /// </summary>
    public int? Capacity { get; init; }
}

/// <summary>What came of a claim. Stored nowhere.</summary>
public enum ClaimOutcome
{
    /// <summary>The engineer has the ticket.</summary>
    Claimed,

    /// <summary>The ticket no longer waits: someone else got it first, or it was assigned, resolved or closed.</summary>
    Gone,

    /// <summary>The engineer already holds as many open tickets as their capacity allows.</summary>
    EngineerFull,
}

/// <summary>How many tickets wait in one queue, and since when the one waiting longest has waited (entered the queue).</summary>
public sealed record QueueDepth(string Queue, int Waiting, DateTime OldestQueuedUtc, DateTime? EarliestDueUtc, int? OldestTicketId);

/// <summary>One engineer's open tickets against their capacity, and how many of them are at risk or breached.</summary>
public sealed record EngineerWorkload(EngineerProfile Engineer, int OpenTickets, int AtRisk, int Breached);

/// <summary>The reads and the one write routing needs beyond the ticket store.</summary>
public interface IRoutingStore
{
    /// <summary>Every engineer profile with its count of open assigned tickets.</summary>
    Task<IReadOnlyList<EngineerLoad>> LoadCandidatesAsync(CancellationToken cancellationToken = default);

    /// <summary>The first <paramref name="takePerQueue"/> waiting tickets of each queue, in pull order (due, severity, age).</summary>
    Task<IReadOnlyList<WaitingTicket>> ListWaitingAsync(IReadOnlyCollection<string> queues, int takePerQueue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Assigns the ticket to the engineer only if it still waits in a queue (unassigned) and the engineer is below the
    /// claim's capacity, recording the routing, an audit entry and the engineer's last assignment, in one transaction.
    /// Claims for one engineer are taken one after another, so two pulls at once never both take their last place.
    /// </summary>
    Task<ClaimOutcome> ClaimAsync(TicketClaim claim, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<QueueDepth>> ListQueueDepthsAsync(CancellationToken cancellationToken = default);

    /// <summary>The engineers who gave the ticket up, in the order they did (written with the ticket's update, <see cref="TicketUpdate.GivenUp"/>).</summary>
    Task<IReadOnlyList<GivenUp>> ListGivenUpAsync(int ticketId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EngineerWorkload>> ListWorkloadAsync(CancellationToken cancellationToken = default);
}
