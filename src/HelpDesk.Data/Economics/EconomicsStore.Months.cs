using System.Data.Common;
using Dapper;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The monthly facts of the incremental run, kept by difference: before the daily cells a batch marked dirty are
/// written, each one's change (its new sum less its stored row, a missing one counting as zero) is summed by month
/// and key and added to the stored monthly row into EconomicsMonthSums; after the days are written, each touched
/// monthly row takes its new sum, a month that gained its first daily cell is added, and one left with none is
/// removed. All of it is in the batch's transaction, so a monthly cell equals the sum of its days whenever the days
/// are committed, and a failed batch changes neither. Summing each touched month again from all its days read about
/// thirty daily cells per dirty cell; the difference reads one.
/// </summary>
public sealed partial class EconomicsStore
{
    // Each touched month's new sum: its stored row (none counting as zero) plus, for each of its dirty cells, the cell's
    // new sum less its stored row. The dirty cells drive, so the sums and the daily cells are each sought by the cell's
    // key and the monthly row by the month's (DirtyCellsPlanTests reads the plan).
    internal static readonly string SumMonthChanges = $"""
        INSERT INTO EconomicsMonthSums ({FactColumns.MonthKey}, {FactColumns.MeasureList})
        SELECT c.Month, c.OrganisationId, c.ContractId, c.ProductId, c.Region,
               {string.Join(", ", FactColumns.Measures.Select(m => $"COALESCE(m.{m}, 0) + c.{m}"))}
        FROM (
            SELECT SUBSTRING(d.Day, 1, 7) AS Month, d.OrganisationId, d.ContractId, d.ProductId, d.Region,
                   {string.Join(", ", FactColumns.Measures.Select(m => $"SUM(COALESCE(n.{m}, 0) - COALESCE(o.{m}, 0)) AS {m}"))}
            FROM EconomicsDirtyCells d
            LEFT JOIN EconomicsCellSums n ON {FactColumns.Match(FactColumns.CellKey, "n", "d")}
            LEFT JOIN DailyFacts o ON {FactColumns.Match(FactColumns.CellKey, "o", "d")}
            GROUP BY SUBSTRING(d.Day, 1, 7), d.OrganisationId, d.ContractId, d.ProductId, d.Region
        ) c
        LEFT JOIN MonthlyFacts m ON {FactColumns.Match(FactColumns.MonthKey, "m", "c")}
        """;

    /// <summary>Writes the touched months' new sums over their rows; <see cref="FactGrain.Update"/> of the monthly grain.</summary>
    internal static readonly FactGrain Months = new("MonthlyFacts", "EconomicsMonthSums", "EconomicsMonthSums", "Month");

    // A month with no row had no daily cells, so its new sum is its change; it is added only once it has a cell.
    internal static readonly string AddNewMonths = $"""
        INSERT INTO MonthlyFacts ({FactColumns.MonthKey}, {FactColumns.MeasureList})
        SELECT {string.Join(", ", FactColumns.MonthKey.Split(", ").Select(k => "s." + k))}, {string.Join(", ", FactColumns.Measures.Select(m => "s." + m))}
        FROM EconomicsMonthSums s
        WHERE NOT EXISTS (SELECT 1 FROM MonthlyFacts m WHERE {FactColumns.Match(FactColumns.MonthKey, "m", "s")})
          AND {HasDays("s")}
        """;

    // The months left with no daily cell are listed first (almost always none), so the monthly rows are sought by month.
    internal static readonly string RemoveEmptiedMonths = $"""
        DELETE FROM MonthlyFacts
        WHERE MonthlyFacts.Month IN (SELECT s.Month FROM EconomicsMonthSums s WHERE NOT {HasDays("s")})
          AND EXISTS (
              SELECT 1 FROM EconomicsMonthSums s
              WHERE {FactColumns.Match(FactColumns.MonthKey, "MonthlyFacts", "s")} AND NOT {HasDays("s")})
        """;

    /// <summary>Whether the key of <paramref name="month"/> has a daily cell in that month, sought along the key-first index.</summary>
    private static string HasDays(string month) => $"""
        EXISTS (
            SELECT 1 FROM DailyFacts f
            WHERE f.OrganisationId = {month}.OrganisationId AND f.ContractId = {month}.ContractId AND f.ProductId = {month}.ProductId
              AND f.Region = {month}.Region AND f.Day >= {month}.Month AND SUBSTRING(f.Day, 1, 7) = {month}.Month)
        """;

    private static async Task WriteMonthChangesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var sql in (string[])[Months.Update, AddNewMonths, RemoveEmptiedMonths])
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
        }
    }
}
