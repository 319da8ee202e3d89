namespace HelpDesk.Core.Economics;

/// <summary>
/// What the rollup needs from the database: the change log the input tables write by trigger, the lease that keeps
/// one rollup running at a time, the inputs of a ticket's and a contract's facts, and the writes that replace them.
/// </summary>
public interface IEconomicsStore
{
    /// <summary>Takes the lease <paramref name="name"/> for <paramref name="owner"/> until <paramref name="untilUtc"/> when it is free, expired or already theirs.</summary>
    Task<bool> TryTakeLeaseAsync(string name, string owner, DateTime nowUtc, DateTime untilUtc, CancellationToken cancellationToken = default);

    Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default);

    /// <summary>The oldest <paramref name="take"/> changes not processed yet, oldest first.</summary>
    Task<IReadOnlyList<EconomicsChange>> ReadChangesAsync(int take, CancellationToken cancellationToken = default);

    /// <summary>The tickets, contracts and (day, organisation) slices the changes touch.</summary>
    Task<AffectedFacts> ResolveAsync(IReadOnlyList<EconomicsChange> changes, CancellationToken cancellationToken = default);

    /// <summary>The histories of the tickets that still exist among <paramref name="ticketIds"/>.</summary>
    Task<IReadOnlyList<TicketHistory>> LoadTicketsAsync(IReadOnlyList<int> ticketIds, CancellationToken cancellationToken = default);

    /// <summary>The histories of every ticket whose id is from <paramref name="firstId"/> to <paramref name="lastId"/>, read in one pass over the range.</summary>
    Task<IReadOnlyList<TicketHistory>> LoadTicketRangeAsync(int firstId, int lastId, CancellationToken cancellationToken = default);

    /// <summary>The terms of the contracts that still exist among <paramref name="contractIds"/>.</summary>
    Task<IReadOnlyList<ContractTerm>> LoadContractsAsync(IReadOnlyList<int> contractIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: replaces the facts of the batch's tickets and contracts, brings up to date every cell their
    /// rows counted in before or after (a ticket row's cell by the row's change, a contract's and the batch's own
    /// slices' cells summed again whole) and every monthly cell of those cells' months and keys, deletes the
    /// processed changes and moves the watermark.
    /// </summary>
    Task ApplyAsync(FactsBatch batch, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Empties the staging tables and records a running rebuild over every ticket on its progress row; returns its id.</summary>
    Task<int> BeginRebuildAsync(DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Ticket ids above <paramref name="afterId"/> in order, <paramref name="take"/> at most.</summary>
    Task<IReadOnlyList<int>> ListTicketIdsAsync(int afterId, int take, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<int>> ListContractIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>Services revenue and NPS answers, summed by the cell they count in, for the rebuild to add to its cells.</summary>
    Task<IReadOnlyList<CellFact>> LoadOrganisationDayFactsAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds rows to the staging tables and counts <paramref name="ticketsDone"/> on the rebuild's progress row, in one transaction.</summary>
    Task StageAsync(int rebuildId, RebuildRows rows, int ticketsDone, CancellationToken cancellationToken = default);

    /// <summary>Replaces the live facts with the staged ones in one transaction.</summary>
    Task SwapAsync(int rebuildId, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task FailRebuildAsync(int rebuildId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>The latest rebuild's progress, or null when none has run.</summary>
    Task<RebuildProgress?> GetRebuildAsync(CancellationToken cancellationToken = default);
}

/// <summary>Which input changed. Ticket, contract, engineer and organisation name a row; services and nps an organisation's day.</summary>
public static class ChangeKinds
{
    public const string Ticket = "ticket";
    public const string Contract = "contract";
    public const string Engineer = "engineer";
    public const string Organisation = "organisation";

    /// <summary>A plan's support hours or holidays changed: every ticket under a contract on it is recomputed.</summary>
    public const string Plan = "plan";
    public const string Services = "services";
    public const string Nps = "nps";
    public const string All = "all";
}

/// <summary>One line of the change log.</summary>
public sealed record EconomicsChange(long Id, string Kind, int EntityId, string? Day);

/// <summary>A (day, organisation) slice of cells: every cell in it is recomputed whole.</summary>
public readonly record struct OrganisationDay(string Day, int OrganisationId);

public sealed record AffectedFacts(IReadOnlyList<int> TicketIds, IReadOnlyList<int> ContractIds, IReadOnlyList<OrganisationDay> Slices);

/// <summary>What one ticket contributed on one day, under its cell.</summary>
public sealed record TicketDayFact(int TicketId, FactKey Key, Measures Measures);

/// <summary>Support revenue a contract recognised on one day for one product, under its cell.</summary>
public sealed record ContractRevenueDay(int ContractId, FactKey Key, long Cents);

/// <summary>
/// What one call of a rebuild stages: ticket-day rows, contract revenue days, the daily cells let go of since the last
/// call (new rows, and additions to rows written before) and, with the last call, the monthly cells.
/// </summary>
public sealed record RebuildRows(
    IReadOnlyList<TicketDayFact> TicketDayFacts,
    IReadOnlyList<ContractRevenueDay> Revenue,
    ReleasedCells Days,
    IReadOnlyList<CellFact> Months)
{
    public static RebuildRows Of(IReadOnlyList<TicketDayFact> ticketDayFacts, ReleasedCells days) => new(ticketDayFacts, [], days, []);
}

/// <summary>
/// A contract as revenue recognition reads it. <see cref="CancelledOn"/> is the day a cancelled contract stopped,
/// in its own time zone; a pending contract (bought, not yet activated) earns nothing.
/// </summary>
public sealed record ContractTerm(
    int ContractId, int OrganisationId, string Region, long ValueCents, DateOnly StartsOn, DateOnly EndsOn,
    bool Pending, DateOnly? CancelledOn, IReadOnlyList<int> ProductIds);

/// <summary>
/// One incremental batch: the facts that replace those of <see cref="TicketIds"/> and <see cref="ContractIds"/>
/// (a ticket or contract with no rows here has none left), the extra slices to recompute, and the changes it handled.
/// </summary>
public sealed record FactsBatch(
    IReadOnlyList<int> TicketIds,
    IReadOnlyList<TicketDayFact> TicketDayFacts,
    IReadOnlyList<int> ContractIds,
    IReadOnlyList<ContractRevenueDay> Revenue,
    IReadOnlyList<OrganisationDay> Slices,
    IReadOnlyList<long> ChangeIds);

public enum RebuildState
{
    Running,
    Finished,
    Failed,
}

/// <summary>How far the latest full rebuild has gone, for the progress bar.</summary>
public sealed record RebuildProgress(int Id, RebuildState State, int Done, int Total, DateTime StartedUtc, DateTime? FinishedUtc, string? Error)
{
    public int Percent => Total <= 0 ? (State == RebuildState.Finished ? 100 : 0) : (int)Math.Min(100, 100L * Done / Total);
}
