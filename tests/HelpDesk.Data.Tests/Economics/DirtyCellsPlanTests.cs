using Dapper;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Economics;

/// <summary>
/// The incremental rollup sums only the dirty (day, organisation) slices: SQLite must seek each source along its
/// day-first index, not scan the whole of it and probe the dirty slices row by row.
/// </summary>
public sealed class DirtyCellsPlanTests : ProviderTestBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task SummingTheDirtyCells_SeeksEverySourceByDay_AndScansNone()
    {
        var sql = FactColumns.SumCellsInto("DailyFacts", "TicketDayFacts", "ContractRevenueDays", dirtyOnly: true);
        // A raw connection: EXPLAIN is SQLite's own, not SQL the stores run on both engines.
        await using var connection = EconomicsWorld.OpenRaw(Db);

        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql))
            .Select(row => row.Detail)
            .ToList();

        plan.Should().Contain(d => d.StartsWith("SEARCH t USING INDEX", StringComparison.Ordinal));
        plan.Should().Contain(d => d.StartsWith("SEARCH r USING INDEX", StringComparison.Ordinal));
        plan.Should().Contain(d => d.StartsWith("SEARCH s USING INDEX", StringComparison.Ordinal));
        plan.Should().Contain(d => d.StartsWith("SEARCH n USING INDEX", StringComparison.Ordinal));
        plan.Where(d => d.StartsWith("SCAN ", StringComparison.Ordinal)).Should().OnlyContain(d => d == "SCAN d" || d == "SCAN f", "only the dirty slices and the union of sources are read whole:\n" + string.Join("\n", plan));
    }
}
