using Dapper;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Migrations;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Data.Tests.Migrations;

/// <summary>
/// Migration 0012 on a database whose facts are already rolled up: every key's daily cells are summed into its months,
/// so the dashboards read the same figures from the monthly facts as before from the daily ones.
/// </summary>
public abstract class MonthlyFactsBackfillTests : EmptyDatabaseTestBase
{
    private const string Backfill = "0012_monthly_facts.sql";

    [SkippableFact]
    public async Task Migration_SumsEveryKeysDailyCellsIntoItsMonths()
    {
        var db = Database();
        var runner = new MigrationRunner(db.Options, NullLogger<MigrationRunner>.Instance);
        var scripts = MigrationRunner.EmbeddedScripts(Provider);
        scripts.Select(s => s.Name).Should().Contain(Backfill);
        runner.Run([.. scripts.Where(s => string.CompareOrdinal(s.Name, Backfill) < 0)]).Successful.Should().BeTrue();
        var insert = $"""
            INSERT INTO DailyFacts ({FactColumns.CellKey}, {FactColumns.MeasureList})
            VALUES (@Day, @Organisation, @Contract, 0, 'Emea', {string.Join(", ", FactColumns.Measures.Select(m => m switch
            {
                "LabourCostCents" => "@Labour",
                "SupportRevenueCents" => "@Revenue",
                _ => "1",
            }))})
            """;
        await using (var connection = await db.Connections.OpenAsync())
        {
            foreach (var (day, organisation, contract, labour, revenue) in new[]
            {
                ("2026-01-31", 1, 7, 100L, 10L), ("2026-02-01", 1, 7, 200L, 20L), ("2026-02-28", 1, 7, 300L, 30L),
                ("2026-02-14", 1, 8, 5L, 0L), ("2026-02-14", 2, 9, 7L, 70L),
            })
            {
                await connection.ExecuteAsync(insert, new { Day = day, Organisation = organisation, Contract = contract, Labour = labour, Revenue = revenue });
            }
        }

        runner.Run().Successful.Should().BeTrue();

        await using var check = await db.Connections.OpenAsync();
        var months = await check.QueryAsync<(string Month, int Organisation, int Contract, long Labour, long Revenue, long Opened)>(
            "SELECT Month, OrganisationId, ContractId, LabourCostCents, SupportRevenueCents, TicketsOpened FROM MonthlyFacts ORDER BY Month, OrganisationId, ContractId");
        months.Select(m => (m.Month.Trim(), m.Organisation, m.Contract, m.Labour, m.Revenue, m.Opened)).Should().Equal(
            ("2026-01", 1, 7, 100L, 10L, 1L), ("2026-02", 1, 7, 500L, 50L, 2L), ("2026-02", 1, 8, 5L, 0L, 1L), ("2026-02", 2, 9, 7L, 70L, 1L));
    }
}

public sealed class SqliteMonthlyFactsBackfillTests : MonthlyFactsBackfillTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerMonthlyFactsBackfillTests : MonthlyFactsBackfillTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
