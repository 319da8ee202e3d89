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

    /// <summary>The latest full rebuild's progress, or null when none has run.</summary>
    Task<RebuildProgress?> GetRebuildAsync(CancellationToken cancellationToken = default);
}
