using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The full rebuild: ticket-day rows, revenue days and the cells the rollup added up in memory are written to the
/// *Build tables batch by batch while readers go on reading the live ones, then the live tables are replaced in one
/// transaction: on SQLite the build tables are renamed into their place (WAL readers keep their snapshot meanwhile),
/// on SQL Server the rows are copied (readers wait only for that swap).
/// </summary>
public sealed partial class EconomicsStore
{
    private const string ClearStaging = """
        DELETE FROM TicketDayFactsBuild;
        DELETE FROM ContractRevenueDaysBuild;
        DELETE FROM DailyFactsBuild;
        DELETE FROM MonthlyFactsBuild;
        """;

    /// <summary>The rebuild marked finished, in the swap's transaction on either engine.</summary>
    private const string FinishRebuild = "UPDATE EconomicsRebuilds SET State = 'Finished', Done = Total, FinishedUtc = @Now WHERE Id = @Id";

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
        {FinishRebuild};
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
        if (connections.Dialect == SqlDialect.Sqlite)
        {
            await SwapTablesAsync(rebuildId, nowUtc, cancellationToken);
            return;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(SwapSql, new { Id = rebuildId, Now = nowUtc }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(ClearStaging, cancellationToken: cancellationToken));
    }

    /// <summary>The live fact tables, each with its *Build table of the same columns.</summary>
    private static readonly string[] FactTables = ["TicketDayFacts", "ContractRevenueDays", "DailyFacts", "MonthlyFacts"];

    /// <summary>
    /// SQLite's own statements of its swap (renaming a table is not T-SQL; SQL Server copies instead). The live tables
    /// are dropped and the build tables take their names.
    /// </summary>
    internal static readonly string SqliteRenameBuildTables =
        string.Join("\n", FactTables.Select(t => $"DROP TABLE {t};\nALTER TABLE {t}Build RENAME TO {t};"));

    /// <summary>
    /// SQLite's own: lets the swap's index builds sort in runs of up to 64 MiB, where SQLite's default 2 MiB cache
    /// spilled the sort of the ticket-day rows to temporary files in many small runs and merged them. A 256 MiB cache
    /// was no faster at a million tickets and held about 300 MiB more. Set on the swap's connection for the swap alone;
    /// <see cref="SqliteDefaultSort"/> puts back SQLite's default, which the connection factory leaves every connection with.
    /// </summary>
    internal const string SqliteSortInMemory = "PRAGMA cache_size = -65536;";

    internal const string SqliteDefaultSort = "PRAGMA cache_size = -2000;";

    /// <summary>
    /// On SQLite the staged rows are not copied: in one transaction the live fact tables are dropped, the build tables
    /// renamed to take their place, the live tables' secondary indexes created again from their own definitions as
    /// the schema held them (each index sorts its rows once), and empty build tables created again from theirs, so
    /// names and definitions stay as the migrations made them. Readers keep their snapshot of the old tables meanwhile.
    /// The copy of every row into the live tables (and the delete of the old ones, row by row into the free list)
    /// was most of the swap. Names and definitions come from sqlite_master, never from input.
    /// </summary>
    private async Task SwapTablesAsync(int rebuildId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var tables = string.Join(", ", FactTables.Select(t => $"'{t}'"));
        var builds = string.Join(", ", FactTables.Select(t => $"'{t}Build'"));
        var schema = $"""
            SELECT m.type AS Type, m.name AS Name, m.tbl_name AS TableName, m.sql AS Sql FROM sqlite_master m
            WHERE m.sql IS NOT NULL
              AND ((m.type = 'index' AND m.tbl_name IN ({tables}, {builds})) OR (m.type = 'table' AND m.name IN ({builds})))
            ORDER BY m.name
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SqliteSortInMemory, cancellationToken: cancellationToken));
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var definitions = (await connection.QueryAsync<SchemaDefinition>(new CommandDefinition(schema, transaction: transaction, cancellationToken: cancellationToken))).ToList();
            var buildIndexes = definitions.Where(d => d.Type == "index" && !FactTables.Contains(d.TableName)).ToList();
            foreach (var index in buildIndexes)
            {
                await connection.ExecuteAsync(new CommandDefinition($"DROP INDEX main.\"{index.Name}\"", transaction: transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(SqliteRenameBuildTables, transaction: transaction, cancellationToken: cancellationToken));
            var created = definitions.Where(d => d.Type == "index" && FactTables.Contains(d.TableName))
                .Concat(definitions.Where(d => d.Type == "table"))
                .Concat(buildIndexes);
            foreach (var definition in created)
            {
                await connection.ExecuteAsync(new CommandDefinition(definition.Sql, transaction: transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(FinishRebuild, new { Id = rebuildId, Now = nowUtc }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition(SqliteDefaultSort, cancellationToken: CancellationToken.None));
        }
    }

    private sealed record SchemaDefinition
    {
        public string Type { get; init; } = "";
        public string Name { get; init; } = "";
        public string TableName { get; init; } = "";
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
