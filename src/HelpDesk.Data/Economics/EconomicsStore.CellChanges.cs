using System.Data.Common;
using HelpDesk.Core.Economics;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The daily and monthly cells of the incremental run brought up to date from its tickets' changed day rows, by
/// difference: each cell's change (<see cref="TicketFactChanges.CellChanges"/>, its new rows less its old ones) is added
/// to its stored row, and the same changes summed by month to the monthly rows, each with one reused statement sought
/// by its key. A cell that gains its first row is added, and one that lost a row is removed once nothing counts in it
/// any more (no ticket row, contract revenue, services revenue or NPS answer), as is a month left with no daily cell.
/// Summing each such cell again from all its rows read every other ticket of its day; the difference reads none. The
/// cells of contracts and of services and NPS slices are still summed whole (<see cref="RecomputeDirtyCellsAsync"/>),
/// after these, from the rows as they now stand.
/// </summary>
public sealed partial class EconomicsStore
{
    private static readonly string[] DayCell = ["Day", .. FactColumns.Key.Split(", ")];

    private static readonly string[] MonthCell = ["Month", .. FactColumns.Key.Split(", ")];

    private static string WhereCell(IReadOnlyList<string> key, string table) =>
        string.Join(" AND ", key.Select((k, i) => $"{table}.{k} = @p{i}"));

    private static string AddChangeSql(string table, string[] key) => $"""
        UPDATE {table} SET {string.Join(", ", FactColumns.Measures.Select((m, i) => $"{m} = {m} + @p{i + key.Length}"))}
        WHERE {WhereCell(key, table)}
        """;

    // A daily cell is kept while any source counts in it, as the rebuild's GROUP BY keeps it.
    internal static readonly string RemoveSourcelessDay = $"""
        DELETE FROM DailyFacts
        WHERE {WhereCell(DayCell, "DailyFacts")}
          AND NOT EXISTS (
              SELECT 1 FROM TicketDayFacts t
              WHERE t.Day = @p0 AND t.OrganisationId = @p1 AND t.ContractId = @p2 AND t.ProductId = @p3 AND t.Region = @p4)
          AND NOT EXISTS (
              SELECT 1 FROM ContractRevenueDays r
              WHERE r.Day = @p0 AND r.OrganisationId = @p1 AND r.ContractId = @p2 AND r.ProductId = @p3 AND r.Region = @p4)
          AND NOT EXISTS (
              SELECT 1 FROM ServicesRevenue s
              WHERE s.Day = @p0 AND s.OrganisationId = @p1 AND COALESCE(s.ContractId, 0) = @p2 AND COALESCE(s.ProductId, 0) = @p3 AND s.Region = @p4)
          AND NOT EXISTS (
              SELECT 1 FROM NpsAnswers n JOIN Organisations o ON o.Id = n.OrganisationId
              WHERE n.Day = @p0 AND n.OrganisationId = @p1 AND @p2 = 0 AND @p3 = 0 AND o.Region = @p4)
        """;

    internal static readonly string RemoveDaylessMonth = $"""
        DELETE FROM MonthlyFacts
        WHERE {WhereCell(MonthCell, "MonthlyFacts")} AND NOT {HasDays("MonthlyFacts")}
        """;

    internal static readonly string AddDayChange = AddChangeSql("DailyFacts", DayCell);

    internal static readonly string AddMonthChange = AddChangeSql("MonthlyFacts", MonthCell);

    private static async Task ApplyCellChangesAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<CellChange> changes, CancellationToken cancellationToken)
    {
        var written = changes.Where(c => c.Gained || c.ChangesMeasures).ToList();
        await AddChangesAsync(connection, transaction, "DailyFacts", DayCell, [.. written.Select(c => (c.Cell.DayKey, c.Cell, c.Change))], cancellationToken);
        var emptied = await RemoveAsync(connection, transaction, RemoveSourcelessDay, [.. changes.Where(c => c.Lost).Select(c => (c.Cell.DayKey, c.Cell))], cancellationToken);

        // A month is written when one of its cells changed or was added; its key is the cell's with the month for the day.
        var months = new Dictionary<(string Month, int OrganisationId, int ContractId, int ProductId, string Region), (FactKey Cell, long[] Change)>();
        foreach (var change in written)
        {
            var month = (FactKey.ToMonthKey(change.Cell.Day), change.Cell.OrganisationId, change.Cell.ContractId, change.Cell.ProductId, change.Cell.Region);
            if (!months.TryGetValue(month, out var sum))
            {
                sum = (change.Cell, new long[Measures.Count]);
                months[month] = sum;
            }

            for (var i = 0; i < sum.Change.Length; i++)
            {
                sum.Change[i] += change.Change[i];
            }
        }

        await AddChangesAsync(
            connection, transaction, "MonthlyFacts", MonthCell, [.. months.Select(m => (m.Key.Month, m.Value.Cell, (IReadOnlyList<long>)m.Value.Change))], cancellationToken);
        await RemoveAsync(
            connection, transaction, RemoveDaylessMonth, [.. emptied.Select(c => (FactKey.ToMonthKey(c.Day), c)).Distinct()], cancellationToken);
    }

    /// <summary>Adds each change to its cell's row of <paramref name="table"/>, or adds the row where there is none.</summary>
    private static async Task AddChangesAsync(
        DbConnection connection, DbTransaction transaction, string table, string[] key,
        IReadOnlyList<(string Lead, FactKey Cell, IReadOnlyList<long> Change)> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        string[] columns = [.. key, .. FactColumns.Measures];
        await using var update = RowStatement.Prepare(connection, transaction, AddChangeSql(table, key), columns);
        await using var insert = RowStatement.Prepare(connection, transaction, FactRows.InsertSql(table, columns), columns);
        foreach (var (lead, cell, change) in changes)
        {
            Bind(update, lead, cell, change);
            if (await update.ExecuteAsync(cancellationToken) == 0)
            {
                Bind(insert, lead, cell, change);
                await insert.ExecuteAsync(cancellationToken);
            }
        }

        void Bind(RowStatement values, string lead, FactKey cell, IReadOnlyList<long> change)
        {
            FactRows.WriteCell(values, lead, cell);
            for (var i = 0; i < change.Count; i++)
            {
                values.Set(key.Length + i, change[i]);
            }
        }
    }

    /// <summary>Runs <paramref name="sql"/> for each cell; returns the cells it removed.</summary>
    private static async Task<List<FactKey>> RemoveAsync(
        DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<(string Lead, FactKey Cell)> cells, CancellationToken cancellationToken)
    {
        var removed = new List<FactKey>();
        if (cells.Count == 0)
        {
            return removed;
        }

        await using var command = RowStatement.Prepare(connection, transaction, sql, DayCell);
        foreach (var (lead, cell) in cells)
        {
            FactRows.WriteCell(command, lead, cell);
            if (await command.ExecuteAsync(cancellationToken) > 0)
            {
                removed.Add(cell);
            }
        }

        return removed;
    }
}
