namespace HelpDesk.Core.Economics;

/// <summary>The four levels the P&amp;L is read at.</summary>
public enum EconomicsLevel
{
    Region,
    Customer,
    Contract,
    Product,
}

/// <summary>
/// Which facts to add up: the days from <see cref="From"/> to <see cref="To"/> (both included), narrowed to one
/// organisation, product, contract or region when given. Contract and product 0 mean "none".
/// </summary>
public sealed record EconomicsFilter(DateOnly From, DateOnly To)
{
    public int? OrganisationId { get; init; }
    public int? ProductId { get; init; }
    public int? ContractId { get; init; }
    public string? Region { get; init; }
}

/// <summary>One row of a level: its key (a region's code, or an organisation, contract or product id as text) and name.</summary>
public sealed record LevelTotal(string Key, string Name, Measures Measures);

/// <summary>A calendar month's sums; <see cref="Month"/> is its first day.</summary>
public sealed record MonthTotal(DateOnly Month, Measures Measures);

/// <summary>What one ticket contributed to the filtered facts.</summary>
public sealed record TicketContribution(int TicketId, string Number, string Subject, int OrganisationId, string OrganisationName, Measures Measures);

/// <summary>
/// One row of a level in a period and in the period before it: <see cref="Detail"/> says more of a contract (its
/// organisation, plan and term) and is empty for the other levels.
/// </summary>
public sealed record LevelComparison(string Key, string Name, string Detail, Measures Current, Measures Previous);

/// <summary>A period's sums beside those of the period it is compared with.</summary>
public sealed record ComparedMeasures(Measures Current, Measures Previous);

/// <summary>
/// A period beside the one before it, in total and by each level asked for, each level's rows with their names and
/// largest labour cost in the period first.
/// </summary>
public sealed record ComparedLevels(ComparedMeasures Total, IReadOnlyDictionary<EconomicsLevel, IReadOnlyList<LevelComparison>> Levels)
{
    /// <summary>The rows of <paramref name="level"/>; empty when it was not asked for.</summary>
    public IReadOnlyList<LevelComparison> Of(EconomicsLevel level) => Levels.TryGetValue(level, out var rows) ? rows : [];
}

/// <summary>One time entry of a ticket as the drill-down shows it: who, what they noted, and how it was costed.</summary>
public sealed record TimeLogLine(CostedEntry Costed, string EngineerName, string Note, bool Billable);

/// <summary>
/// A ticket's time log costed as its facts are (<see cref="TicketLabour"/>), with what the facts hold for it in the
/// period, so the two can be seen to agree.
/// </summary>
public sealed record TicketTimeLog(
    int TicketId, string Number, string Subject, int OrganisationId, string OrganisationName, int ContractId, IReadOnlyList<TimeLogLine> Lines,
    long FactMinutesInPeriod, long FactLabourCentsInPeriod);

/// <summary>A contract whose term ended in the period, with its organisation and term, for the renewals table.</summary>
public sealed record EndedContractTerm(EndedContract Contract, string OrganisationName, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>The names a filter's ids stand for, for breadcrumbs; null for an id the filter does not carry or that no longer exists.</summary>
public sealed record FilterNames(string? Organisation, string? Product);

/// <summary>
/// Reads the rolled-up facts for pages and the API: nothing here aggregates raw tickets. Totals, levels and months
/// come from the daily facts; the drill-down to tickets from the ticket-day facts they are the sum of.
/// </summary>
public interface IEconomicsReader
{
    Task<Measures> TotalAsync(EconomicsFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The filtered sums grouped by <paramref name="level"/>, with each group's name, largest labour cost first.</summary>
    Task<IReadOnlyList<LevelTotal>> ByLevelAsync(EconomicsLevel level, EconomicsFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The filtered sums month by month, oldest first, for trends.</summary>
    Task<IReadOnlyList<MonthTotal>> ByMonthAsync(EconomicsFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The tickets behind the filtered facts, largest labour cost first, <paramref name="take"/> at most.</summary>
    Task<IReadOnlyList<TicketContribution>> TicketsAsync(EconomicsFilter filter, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// The filtered sums of the period and of the period from <paramref name="previousFrom"/> to the day before
    /// <paramref name="filter"/>'s first, in total and by each of <paramref name="levels"/>, from one read of the cells
    /// at the grain those levels need: what one dashboard page shows side by side.
    /// </summary>
    Task<ComparedLevels> ComparedAsync(IReadOnlyCollection<EconomicsLevel> levels, EconomicsFilter filter, DateOnly previousFrom, CancellationToken cancellationToken = default);

    /// <summary>A ticket's time entries costed as the facts cost them, and its facts in the filter's days; null when there is no such ticket.</summary>
    Task<TicketTimeLog?> TimeLogAsync(int ticketId, EconomicsFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Contracts whose term ended in the filter's days (cancelled and pending ones excepted), whether an active
    /// contract renews each, and their organisation's ratings over the term.
    /// </summary>
    Task<IReadOnlyList<EndedContractTerm>> EndedContractsAsync(EconomicsFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The organisation's and product's names for a filter's ids.</summary>
    Task<FilterNames> NamesAsync(EconomicsFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The latest full rebuild's progress, or null when none has run.</summary>
    Task<RebuildProgress?> GetRebuildAsync(CancellationToken cancellationToken = default);
}
