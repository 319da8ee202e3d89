using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Economics;

/// <summary>
/// Reads the rolled-up facts. Totals, levels and months sum the whole months of the day range from MonthlyFacts and
/// the days at its edges from DailyFacts (each level has an index leading with its column, then the month or day); the
/// drill-down sums the TicketDayFacts behind the same filter.
/// </summary>
public sealed partial class EconomicsReader(IDbConnectionFactory connections) : IEconomicsReader
{
    public async Task<Measures> TotalAsync(EconomicsFilter filter, CancellationToken cancellationToken = default)
    {
        var (cells, parameters) = FactCells.Of(filter, [(filter.From, filter.To)], _ => FactCells.Measures);
        var sql = $"SELECT {FactColumns.Sums} FROM ({cells}) f";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<NullableSums>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return row.ToMeasures();
    }

    public async Task<IReadOnlyList<LevelTotal>> ByLevelAsync(EconomicsLevel level, EconomicsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (column, names) = level switch
        {
            EconomicsLevel.Region => ("Region", ""),
            EconomicsLevel.Customer => ("OrganisationId", "SELECT o.Id AS KeyId, o.Name FROM Organisations o"),
            EconomicsLevel.Contract => ("ContractId", ""),
            _ => ("ProductId", "SELECT p.Id AS KeyId, p.Name FROM Products p"),
        };
        var (cells, parameters) = FactCells.Of(filter, [(filter.From, filter.To)], _ => $"f.{column} AS GroupKey, {FactCells.Measures}");
        var sql = $"SELECT f.GroupKey, {FactColumns.Sums} FROM ({cells}) f GROUP BY f.GroupKey";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<GroupKeyRow, Measures, (string Key, Measures Measures)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            (key, measures) => (key.GroupKey, measures), splitOn: FactColumns.Measures[0]);
        var named = names.Length == 0
            ? new Dictionary<string, string>()
            : (await connection.QueryAsync<NameRow>(new CommandDefinition(names, cancellationToken: cancellationToken)))
                .ToDictionary(n => n.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture), n => n.Name);
        string NameOf(string key) => level switch
        {
            EconomicsLevel.Region => key,
            EconomicsLevel.Contract => key == "0" ? "No contract" : Contract.FormatNumber(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)),
            EconomicsLevel.Product when key == "0" => "No product",
            _ => named.GetValueOrDefault(key) ?? $"#{key}",
        };
        return [.. rows
            .Select(r => new LevelTotal(r.Key, NameOf(r.Key), r.Measures))
            .OrderByDescending(r => r.Measures.LabourCostCents)
            .ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<MonthTotal>> ByMonthAsync(EconomicsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (cells, parameters) = FactCells.Of(filter, [(filter.From, filter.To)], branch => $"{branch.Month} AS GroupKey, {FactCells.Measures}");
        var sql = $"SELECT f.GroupKey, {FactColumns.Sums} FROM ({cells}) f GROUP BY f.GroupKey";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<GroupKeyRow, Measures, MonthTotal>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            (key, measures) => new MonthTotal(FactKey.FromDayKey(key.GroupKey + "-01"), measures), splitOn: FactColumns.Measures[0]);
        return [.. rows.OrderBy(r => r.Month)];
    }

    public async Task<IReadOnlyList<TicketContribution>> TicketsAsync(EconomicsFilter filter, int take, CancellationToken cancellationToken = default)
    {
        var (sql, parameters) = TicketsQuery(filter, take, connections.Dialect);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TicketKeyRow, Measures, TicketContribution>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            (key, measures) => new TicketContribution(key.TicketId, TicketNumber.Format(key.TicketId), key.Subject, key.OrganisationId, key.OrganisationName, measures),
            splitOn: FactColumns.Measures[0]);
        return [.. rows];
    }

    /// <summary>
    /// The <paramref name="take"/> tickets with the largest labour cost in the filter, each with every measure summed
    /// over the filter's days. They are chosen by their labour cost alone, one sum a row read from the cell index
    /// (which ends with the labour cost), and only those few then have every measure summed, each along its own
    /// (ticket, day) key: summing all 32 measures of every ticket in the filter first, to keep a couple of hundred of
    /// them, cost several times as much.
    /// </summary>
    internal static (string Sql, DynamicParameters Parameters) TicketsQuery(EconomicsFilter filter, int take, SqlDialect dialect)
    {
        var where = FactFilter.For(filter, "f");
        where.Parameters.Add("Take", take);
        var outer = string.Join(", ", FactColumns.Measures.Select(m => $"g.{m}"));
        var sql = $"""
            SELECT g.TicketId, t.Subject, t.OrganisationId, o.Name AS OrganisationName, {outer}
            FROM (
                SELECT f.TicketId, {FactColumns.Sums}
                FROM TicketDayFacts f
                WHERE f.TicketId IN (
                        SELECT c.TicketId FROM TicketDayFacts c WHERE {FactFilter.For(filter, "c").Sql}
                        GROUP BY c.TicketId
                        ORDER BY SUM(c.LabourCostCents) DESC, c.TicketId
                        {dialect.TopClause})
                  AND {where.Sql}
                GROUP BY f.TicketId
            ) g
            JOIN Tickets t ON t.Id = g.TicketId
            JOIN Organisations o ON o.Id = t.OrganisationId
            ORDER BY g.LabourCostCents DESC, g.TicketId
            {dialect.TopClause}
            """;
        return (sql, where.Parameters);
    }

    public Task<RebuildProgress?> GetRebuildAsync(CancellationToken cancellationToken = default) =>
        EconomicsStore.ReadRebuildAsync(connections, cancellationToken);

    private sealed record GroupKeyRow
    {
        public string GroupKey { get; init; } = "";
    }

    private sealed record NameRow
    {
        public int KeyId { get; init; }
        public string Name { get; init; } = "";
    }

    private sealed record TicketKeyRow
    {
        public int TicketId { get; init; }
        public string Subject { get; init; } = "";
        public int OrganisationId { get; init; }
        public string OrganisationName { get; init; } = "";
    }
}
