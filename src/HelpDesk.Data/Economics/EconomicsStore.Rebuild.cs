using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The full rebuild: ticket-day rows, revenue days and the cells the rollup added up in memory are written to the
/// *Build tables batch by batch while readers go on reading the live ones, then the live tables are replaced in one
/// transaction (SQLite's WAL readers keep their snapshot meanwhile;
/// SQL Server readers wait only for that short swap).
/// </summary>
public sealed partial class EconomicsStore
{
    private const string ClearStaging = """
        DELETE FROM TicketDayFactsBuild;
        DELETE FROM ContractRevenueDaysBuild;
        DELETE FROM DailyFactsBuild;
        DELETE FROM MonthlyFactsBuild;
        """;

    private static readonly string TicketFactList = string.Join(", ", FactColumns.TicketFactColumns);

    private static readonly string RevenueList = string.Join(", ", FactColumns.RevenueColumns);

    private static readonly string SwapSql = $"""
        DELETE FROM TicketDayFacts;
        INSERT INTO TicketDayFacts ({TicketFactList}) SELECT {TicketFactList} FROM TicketDayFactsBuild;
        DELETE FROM ContractRevenueDays;
        INSERT INTO ContractRevenueDays ({RevenueList}) SELECT {RevenueList} FROM ContractRevenueDaysBuild;
        DELETE FROM DailyFacts;
        INSERT INTO DailyFacts ({FactColumns.CellKey}, {FactColumns.MeasureList}) SELECT {FactColumns.CellKey}, {FactColumns.MeasureList} FROM DailyFactsBuild;
        DELETE FROM MonthlyFacts;
        INSERT INTO MonthlyFacts ({FactColumns.MonthKey}, {FactColumns.MeasureList}) SELECT {FactColumns.MonthKey}, {FactColumns.MeasureList} FROM MonthlyFactsBuild;
        UPDATE EconomicsRebuilds SET State = 'Finished', Done = Total, FinishedUtc = @Now WHERE Id = @Id;
        """;

    public async Task<int> BeginRebuildAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var start = connections.Dialect.InsertReturningId(
            "INSERT INTO EconomicsRebuilds (State, Done, Total, StartedUtc) SELECT 'Running', 0, COUNT(*), @Now FROM Tickets");
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ClearStaging, transaction: transaction, cancellationToken: cancellationToken));
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(start, new { Now = nowUtc }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<int>> ListTicketIdsAsync(int afterId, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT t.Id FROM Tickets t WHERE t.Id > @AfterId ORDER BY t.Id {connections.Dialect.TopClause}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<int>(new CommandDefinition(sql, new { AfterId = afterId, Take = take }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<int>> ListContractIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<int>(new CommandDefinition("SELECT c.Id FROM Contracts c ORDER BY c.Id", cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<CellFact>> LoadOrganisationDayFactsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = FactColumns.SumOrganisationDayCells;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cells = new List<CellFact>();
        var measures = new long[Measures.Count];
        while (await reader.ReadAsync(cancellationToken))
        {
            cells.Add(new CellFact(ReadCell(reader, 0), ReadMeasures(reader, CellKeyColumns, measures)));
        }

        return cells;
    }

    public async Task StageAsync(int rebuildId, RebuildRows rows, int ticketsDone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await FactRows.InsertTicketFactsAsync(connection, transaction, "TicketDayFactsBuild", rows.TicketDayFacts, cancellationToken);
        await FactRows.InsertRevenueAsync(connection, transaction, "ContractRevenueDaysBuild", rows.Revenue, cancellationToken);
        await FactRows.InsertCellsAsync(connection, transaction, "DailyFactsBuild", DayCell, rows.Days.Cells, cancellationToken);
        await AddChangesAsync(
            connection, transaction, "DailyFactsBuild", DayCell,
            [.. rows.Days.Additions.Select(c => (c.Key.DayKey, c.Key, (IReadOnlyList<long>)c.Measures.ToArray()))], cancellationToken);
        await FactRows.InsertCellsAsync(connection, transaction, "MonthlyFactsBuild", MonthCell, rows.Months, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE EconomicsRebuilds SET Done = @Done WHERE Id = @Id", new { Id = rebuildId, Done = ticketsDone }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SwapAsync(int rebuildId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var indexes = await SecondaryIndexesAsync(connection, transaction, cancellationToken);
            foreach (var index in indexes)
            {
                await connection.ExecuteAsync(new CommandDefinition($"DROP INDEX main.\"{index.Name}\"", transaction: transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(SwapSql, new { Id = rebuildId, Now = nowUtc }, transaction, cancellationToken: cancellationToken));
            foreach (var index in indexes)
            {
                await connection.ExecuteAsync(new CommandDefinition(index.Sql, transaction: transaction, cancellationToken: cancellationToken));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(ClearStaging, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// On SQLite, the secondary indexes of the live fact tables, as their definitions stand in the schema. The swap
    /// drops them before copying the staged rows in and runs their own definitions again after, in its transaction:
    /// building an index from all its rows at once sorts them once, where inserting each row into every index (most
    /// of them in another order than the rows come) cost most of the copy. Readers keep their snapshot meanwhile. The
    /// names and definitions come from sqlite_master, never from input. On SQL Server the rows go into the indexes.
    /// </summary>
    private async Task<IReadOnlyList<IndexDefinition>> SecondaryIndexesAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT m.name AS Name, m.sql AS Sql FROM sqlite_master m
            WHERE m.type = 'index' AND m.sql IS NOT NULL
              AND m.tbl_name IN ('TicketDayFacts', 'ContractRevenueDays', 'DailyFacts', 'MonthlyFacts')
            ORDER BY m.name
            """;
        return connections.Dialect == SqlDialect.Sqlite
            ? [.. await connection.QueryAsync<IndexDefinition>(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken))]
            : [];
    }

    private sealed record IndexDefinition
    {
        public string Name { get; init; } = "";
        public string Sql { get; init; } = "";
    }

    public async Task FailRebuildAsync(int rebuildId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = "UPDATE EconomicsRebuilds SET State = 'Failed', FinishedUtc = @Now, Error = @Error WHERE Id = @Id";
        var clipped = reason.Length > 2000 ? reason[..2000] : reason;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = rebuildId, Now = nowUtc, Error = clipped }, cancellationToken: cancellationToken));
    }

    public async Task<RebuildProgress?> GetRebuildAsync(CancellationToken cancellationToken = default) =>
        await ReadRebuildAsync(connections, cancellationToken);

    internal static async Task<RebuildProgress?> ReadRebuildAsync(Infrastructure.IDbConnectionFactory connections, CancellationToken cancellationToken)
    {
        var sql = $"SELECT r.Id, r.State, r.Done, r.Total, r.StartedUtc, r.FinishedUtc, r.Error FROM EconomicsRebuilds r ORDER BY r.Id DESC {connections.Dialect.TopClause}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RebuildRow>(new CommandDefinition(sql, new { Take = 1 }, cancellationToken: cancellationToken));
        return row is null ? null : new RebuildProgress(row.Id, Enum.Parse<RebuildState>(row.State), row.Done, row.Total, row.StartedUtc, row.FinishedUtc, row.Error);
    }

    private sealed record RebuildRow
    {
        public int Id { get; init; }
        public string State { get; init; } = "";
        public int Done { get; init; }
        public int Total { get; init; }
        public DateTime StartedUtc { get; init; }
        public DateTime? FinishedUtc { get; init; }
        public string? Error { get; init; }
    }
}
