using System.Data.Common;
using Dapper;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The cells of the incremental run that are summed again whole: a batch's ticket rows change their cells by
/// difference (EconomicsStore.CellChanges), and then it marks in EconomicsDirtyCells every cell (day, organisation,
/// contract, product, region) its contracts' rows count in, before and after they are replaced, and every cell of the
/// (day, organisation) slices whose services revenue or NPS answers changed; each marked cell is
/// then summed again whole from its sources into EconomicsCellSums, which updates the DailyFacts rows in place, adds
/// the new ones and removes those left with no sources (<see cref="Days"/>). Only the cells whose rows changed are
/// written, not every cell of their slices.
/// </summary>
public sealed partial class EconomicsStore
{
    private const string ClearDirty = """
        DELETE FROM EconomicsDirtyDays;
        DELETE FROM EconomicsDirtyCells;
        DELETE FROM EconomicsCellSums;
        DELETE FROM EconomicsMonthSums;
        """;

    private readonly string _markContractCells = MarkCellsOf("ContractRevenueDays", "ContractId", connections.Dialect.IdList("Ids"));

    // A slice's cells as they stand and as its services revenue and NPS answers now name them.
    private const string MarkSliceCells = """
        INSERT INTO EconomicsDirtyCells (Day, OrganisationId, ContractId, ProductId, Region)
        SELECT DISTINCT c.Day, c.OrganisationId, c.ContractId, c.ProductId, c.Region
        FROM (
            SELECT f.Day, f.OrganisationId, f.ContractId, f.ProductId, f.Region
            FROM EconomicsDirtyDays s CROSS JOIN DailyFacts f
            WHERE f.Day = s.Day AND f.OrganisationId = s.OrganisationId
            UNION ALL
            SELECT v.Day, v.OrganisationId, COALESCE(v.ContractId, 0), COALESCE(v.ProductId, 0), v.Region
            FROM EconomicsDirtyDays s CROSS JOIN ServicesRevenue v
            WHERE v.Day = s.Day AND v.OrganisationId = s.OrganisationId
            UNION ALL
            SELECT n.Day, n.OrganisationId, 0, 0, o.Region
            FROM EconomicsDirtyDays s CROSS JOIN NpsAnswers n JOIN Organisations o ON o.Id = n.OrganisationId
            WHERE n.Day = s.Day AND n.OrganisationId = s.OrganisationId
        ) c
        WHERE NOT EXISTS (
            SELECT 1 FROM EconomicsDirtyCells d
            WHERE d.Day = c.Day AND d.OrganisationId = c.OrganisationId AND d.ContractId = c.ContractId AND d.ProductId = c.ProductId AND d.Region = c.Region)
        """;

    private static readonly string SumDirtyCells = FactColumns.SumCellsInto("EconomicsCellSums", "TicketDayFacts", "ContractRevenueDays", dirtyOnly: true);

    internal static readonly FactGrain Days = new("DailyFacts", "EconomicsDirtyCells", "EconomicsCellSums", "Day");

    /// <summary>Marks the cells the rows of <paramref name="table"/> whose <paramref name="owner"/> is among <paramref name="ids"/> count in.</summary>
    private static string MarkCellsOf(string table, string owner, string ids) => $"""
        INSERT INTO EconomicsDirtyCells (Day, OrganisationId, ContractId, ProductId, Region)
        SELECT DISTINCT f.Day, f.OrganisationId, f.ContractId, f.ProductId, f.Region FROM {table} f
        WHERE f.{owner} IN {ids}
          AND NOT EXISTS (
              SELECT 1 FROM EconomicsDirtyCells d
              WHERE d.Day = f.Day AND d.OrganisationId = f.OrganisationId AND d.ContractId = f.ContractId AND d.ProductId = f.ProductId AND d.Region = f.Region)
        """;

    private static async Task RecomputeDirtyCellsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var sql in (string[])[SumDirtyCells, SumMonthChanges, .. Days.WriteSums])
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
        }

        await WriteMonthChangesAsync(connection, transaction, cancellationToken);
    }
}
