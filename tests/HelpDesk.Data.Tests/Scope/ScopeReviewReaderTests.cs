using HelpDesk.Core.Economics;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Economics;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Scope;

/// <summary>
/// The scope review's tickets over a rolled-up world: their summed facts are the dashboard reader's to the cent, and
/// the tickets it calls goodwill carry all of the period's goodwill cost.
/// </summary>
public sealed class ScopeReviewReaderTests : ProviderTestBase
{
    private static readonly EconomicsFilter Period = new(new DateOnly(2026, 2, 12), new DateOnly(2026, 3, 31));

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task Tickets_AddUpToTheDashboardsFigures_AndCarryAllTheGoodwill()
    {
        await EconomicsWorld.SeedAsync(Connections);
        var rollup = new MetricsRollup(new EconomicsStore(Connections), new RollupSettings(), new FakeTimeProvider(EconomicsWorld.AsOf));
        (await rollup.RebuildAsync()).AlreadyRunning.Should().BeFalse();

        var tickets = await new ScopeReviewReader(Connections).TicketsAsync(Period.From, Period.To);
        var total = await new EconomicsReader(Connections).TotalAsync(Period);

        tickets.Sum(t => t.Measures.LabourCostCents).Should().Be(total.LabourCostCents).And.BePositive();
        tickets.Sum(t => t.Measures.TicketsOpened).Should().Be(total.TicketsOpened);
        tickets.Where(t => t.IsGoodwill).Sum(t => t.Measures.GoodwillCostCents).Should().Be(total.GoodwillCostCents).And.BePositive();
        tickets.Where(t => !t.IsGoodwill).Should().OnlyContain(t => t.Measures.GoodwillCostCents == 0);
        var releases = ScopeReview.Rows(ScopeReviewTable.Release, tickets);
        releases.Sum(r => r.Measures.LabourCostCents).Should().Be(total.LabourCostCents);
        ScopeReview.Rows(ScopeReviewTable.GoodwillEngineer, tickets).Sum(r => r.Measures.GoodwillCostCents).Should().Be(total.GoodwillCostCents);
    }
}
