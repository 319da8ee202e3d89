using Dapper;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Economics;

/// <summary>
/// The incremental rollup sums and writes only the dirty cells: SQLite must seek each source, and the daily cells it
/// updates, cell by cell along their day-first indexes, not scan the whole of them and probe the dirty cells row by row.
/// A dashboard's ticket list chooses its tickets from the cell index alone and then seeks only those tickets' days.
/// </summary>
public sealed class DirtyCellsPlanTests : ProviderTestBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task SummingTheDirtyCells_SeeksEverySourceByDay_AndScansNone()
    {
        var plan = await PlanAsync(FactColumns.SumCellsInto("EconomicsCellSums", "TicketDayFacts", "ContractRevenueDays", dirtyOnly: true));

        plan.Should().Contain(d => d.StartsWith("SEARCH t USING INDEX", StringComparison.Ordinal));
        plan.Should().Contain(d => d.StartsWith("SEARCH r USING INDEX", StringComparison.Ordinal));
        plan.Should().Contain(d => d.StartsWith("SEARCH s USING INDEX", StringComparison.Ordinal));
        plan.Should().Contain(d => d.StartsWith("SEARCH n USING INDEX", StringComparison.Ordinal));
        plan.Where(d => d.StartsWith("SCAN ", StringComparison.Ordinal)).Should().OnlyContain(d => d == "SCAN d" || d == "SCAN f", "only the dirty cells and the union of sources are read whole:\n" + string.Join("\n", plan));
    }

    [Fact]
    public async Task UpdatingTheDirtyCells_SeeksEachDailyCellByItsKey()
    {
        var plan = await PlanAsync(EconomicsStore.Days.Update);

        plan.Should().Contain(
            d => d.StartsWith("SEARCH DailyFacts USING", StringComparison.Ordinal)
                 && d.Contains("(Day=? AND OrganisationId=? AND ContractId=? AND ProductId=? AND Region=?)", StringComparison.Ordinal),
            string.Join("\n", plan));
        plan.Where(d => d.StartsWith("SCAN ", StringComparison.Ordinal)).Should().OnlyContain(d => d == "SCAN s", "only the summed cells are read whole:\n" + string.Join("\n", plan));
    }

    [Fact]
    public async Task SummingTheMonthChanges_SeeksEachCellsSumAndStoredRowByItsKey()
    {
        var plan = await PlanAsync(EconomicsStore.SumMonthChanges);

        const string cellKey = "(Day=? AND OrganisationId=? AND ContractId=? AND ProductId=? AND Region=?)";
        plan.Should().Contain(d => d.StartsWith("SEARCH n USING", StringComparison.Ordinal) && d.Contains(cellKey, StringComparison.Ordinal), string.Join("\n", plan));
        plan.Should().Contain(d => d.StartsWith("SEARCH o USING", StringComparison.Ordinal) && d.Contains(cellKey, StringComparison.Ordinal), string.Join("\n", plan));
        plan.Should().Contain(d => d.StartsWith("SEARCH m USING", StringComparison.Ordinal) && d.Contains("(Month=? AND OrganisationId=? AND ContractId=? AND ProductId=? AND Region=?)", StringComparison.Ordinal), string.Join("\n", plan));
        plan.Where(d => d.StartsWith("SCAN ", StringComparison.Ordinal)).Should().OnlyContain(d => d == "SCAN d" || d == "SCAN c", "only the dirty cells and their months' changes are read whole:\n" + string.Join("\n", plan));
    }

    [Fact]
    public async Task UpdatingTheTouchedMonths_SeeksEachMonthlyCellByItsKey()
    {
        var plan = await PlanAsync(EconomicsStore.Months.Update);

        plan.Should().Contain(
            d => d.StartsWith("SEARCH MonthlyFacts USING", StringComparison.Ordinal)
                 && d.Contains("(Month=? AND OrganisationId=? AND ContractId=? AND ProductId=? AND Region=?)", StringComparison.Ordinal),
            string.Join("\n", plan));
        plan.Where(d => d.StartsWith("SCAN ", StringComparison.Ordinal)).Should().OnlyContain(d => d == "SCAN s", "only the months' new sums are read whole:\n" + string.Join("\n", plan));
    }

    [Fact]
    public async Task AddingAndRemovingMonths_SeeksTheDailyCellsByKey_AndScansNoFacts()
    {
        foreach (var sql in new[] { EconomicsStore.AddNewMonths, EconomicsStore.RemoveEmptiedMonths })
        {
            var plan = await PlanAsync(sql);

            plan.Should().Contain(d => d.StartsWith("SEARCH f ", StringComparison.Ordinal) && d.Contains("IX_DailyFacts_Key", StringComparison.Ordinal), string.Join("\n", plan));
            plan.Should().NotContain(d => d.StartsWith("SCAN MonthlyFacts", StringComparison.Ordinal) || d.StartsWith("SCAN f", StringComparison.Ordinal) || d.StartsWith("SCAN m", StringComparison.Ordinal), string.Join("\n", plan));
        }
    }

    [Fact]
    public async Task RemovingEmptiedCells_ReadsOnlyTheDirtyCells_NotTheWholeFacts()
    {
        var plan = await PlanAsync(EconomicsStore.Days.RemoveEmptied);

        plan.Should().NotContain("SCAN DailyFacts", string.Join("\n", plan));
    }

    [Fact]
    public async Task ChangingACellByItsRowsDifference_SeeksTheCellAndEachSourceByKey_AndScansNothing()
    {
        foreach (var (sql, table) in new[]
        {
            (EconomicsStore.AddDayChange, "DailyFacts"), (EconomicsStore.AddMonthChange, "MonthlyFacts"),
            (EconomicsStore.RemoveSourcelessDay, "DailyFacts"), (EconomicsStore.RemoveDaylessMonth, "MonthlyFacts"),
        })
        {
            var plan = await PlanAsync(sql);

            plan.Should().Contain(
                d => d.StartsWith($"SEARCH {table} USING", StringComparison.Ordinal) && d.Contains("OrganisationId=? AND ContractId=? AND ProductId=? AND Region=?", StringComparison.Ordinal),
                string.Join("\n", plan));
            plan.Should().NotContain(d => d.StartsWith("SCAN ", StringComparison.Ordinal), "each row and source is sought by its key:\n" + string.Join("\n", plan));
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task ATicketList_ChoosesItsTicketsFromTheCellIndexAlone_ThenSeeksEachTicketsDays(bool byContract, bool byRegion)
    {
        var filter = new HelpDesk.Core.Economics.EconomicsFilter(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30))
        {
            ContractId = byContract ? 2 : null,
            Region = byRegion ? "EMEA" : null,
        };

        var plan = await PlanAsync(EconomicsReader.TicketsQuery(filter, 200, SqlDialect.Sqlite).Sql);

        plan.Should().Contain(d => d.StartsWith("SEARCH c USING COVERING INDEX IX_TicketDayFacts_Cell (Day>? AND Day<?)", StringComparison.Ordinal), string.Join("\n", plan));
        plan.Should().Contain(d => d.StartsWith("SEARCH f USING INDEX sqlite_autoindex_TicketDayFacts_1 (TicketId=?", StringComparison.Ordinal), string.Join("\n", plan));
        plan.Should().NotContain(d => d.StartsWith("SCAN ", StringComparison.Ordinal) && d != "SCAN g", "only the chosen tickets' sums are read whole:\n" + string.Join("\n", plan));
    }

    private async Task<List<string>> PlanAsync(string sql)
    {
        // A raw connection: EXPLAIN is SQLite's own, not SQL the stores run on both engines.
        await using var connection = EconomicsWorld.OpenRaw(Db);
        return (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql))
            .Select(row => row.Detail)
            .ToList();
    }
}
