using System.Data.Common;
using Dapper;
using HelpDesk.Core.Economics;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The monthly facts of the incremental run: every (month, key) of a cell the batch marked dirty is marked in
/// EconomicsDirtyMonths and summed again whole from its daily cells into EconomicsMonthSums, which then updates,
/// adds or removes the MonthlyFacts rows, in the batch's transaction, so a monthly cell always equals the sum of its
/// days and a re-run gives the same rows.
/// </summary>
public sealed partial class EconomicsStore
{
    private const string MarkDirtyMonths = """
        INSERT INTO EconomicsDirtyMonths (Month, OrganisationId, ContractId, ProductId, Region)
        SELECT DISTINCT SUBSTRING(d.Day, 1, 7), d.OrganisationId, d.ContractId, d.ProductId, d.Region
        FROM EconomicsDirtyCells d
        """;

    internal static readonly FactGrain Months = new("MonthlyFacts", "EconomicsDirtyMonths", "EconomicsMonthSums", "Month");

    // One month at a time, its first and last day as parameters, so each key's days are sought along the key-first
    // index of DailyFacts. CROSS JOIN keeps the dirty keys outermost on SQLite, which otherwise may scan the days first.
    private static readonly string SumDirtyMonth = $"""
        INSERT INTO EconomicsMonthSums ({FactColumns.MonthKey}, {FactColumns.MeasureList})
        SELECT m.Month, m.OrganisationId, m.ContractId, m.ProductId, m.Region, {FactColumns.Sums}
        FROM EconomicsDirtyMonths m CROSS JOIN DailyFacts f
        WHERE m.Month = @Month AND f.OrganisationId = m.OrganisationId AND f.ContractId = m.ContractId AND f.ProductId = m.ProductId
          AND f.Region = m.Region AND f.Day >= @First AND f.Day <= @Last
        GROUP BY m.Month, m.OrganisationId, m.ContractId, m.ProductId, m.Region
        """;

    private static async Task RecomputeDirtyMonthsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var months = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT m.Month FROM EconomicsDirtyMonths m", transaction: transaction, cancellationToken: cancellationToken));
        foreach (var month in months)
        {
            var first = FactKey.FromDayKey(month.Trim() + "-01");
            await connection.ExecuteAsync(new CommandDefinition(
                SumDirtyMonth,
                new { Month = month.Trim(), First = FactKey.ToDayKey(first), Last = FactKey.ToDayKey(first.AddMonths(1).AddDays(-1)) },
                transaction, cancellationToken: cancellationToken));
        }

        foreach (var sql in Months.WriteSums)
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
        }
    }
}
