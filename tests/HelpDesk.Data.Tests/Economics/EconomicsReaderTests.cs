using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Economics;

/// <summary>
/// The dashboards' reads against the seeded quarter: a period and the one before summed in one pass equal each
/// summed on its own, at every level; a ticket's costed time log adds up to its facts; the ended contracts carry
/// their organisation's ratings over the term as the raw ratings give them.
/// </summary>
public sealed class EconomicsReaderTests : ProviderTestBase
{
    private static readonly DateOnly PreviousFrom = new(2026, 1, 1);
    private static readonly EconomicsFilter Period = new(new DateOnly(2026, 2, 12), new DateOnly(2026, 3, 31));
    private static readonly EconomicsFilter Previous = new(PreviousFrom, new DateOnly(2026, 2, 11));

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private EconomicsReader Reader => new(Connections);

    [Fact]
    public async Task Compared_EqualsEachPeriodSummedOnItsOwn_AtEveryLevel()
    {
        await SeedAsync();

        var totals = await Reader.TotalComparedAsync(Period, PreviousFrom);

        totals.Current.Should().BeEquivalentTo(await Reader.TotalAsync(Period));
        totals.Previous.Should().BeEquivalentTo(await Reader.TotalAsync(Previous));
        totals.Current.LabourCostCents.Should().BePositive();
        totals.Previous.LabourCostCents.Should().BePositive();
        foreach (var level in Enum.GetValues<EconomicsLevel>())
        {
            var compared = await Reader.ByLevelComparedAsync(level, Period, PreviousFrom);
            var current = (await Reader.ByLevelAsync(level, Period)).ToDictionary(r => r.Key);
            var previous = (await Reader.ByLevelAsync(level, Previous)).ToDictionary(r => r.Key);

            compared.Select(r => r.Key).Should().BeEquivalentTo(current.Keys.Union(previous.Keys), level.ToString());
            foreach (var row in compared)
            {
                row.Current.Should().BeEquivalentTo(current.TryGetValue(row.Key, out var now) ? now.Measures : new Measures(), $"{level} {row.Key}");
                row.Previous.Should().BeEquivalentTo(previous.TryGetValue(row.Key, out var before) ? before.Measures : new Measures(), $"{level} {row.Key}");
                row.Name.Should().Be(current.TryGetValue(row.Key, out var named) ? named.Name : previous[row.Key].Name);
            }
        }
    }

    [Fact]
    public async Task TimeLog_CostsEveryEntry_AddingUpToTheTicketsFacts()
    {
        var world = await SeedAsync();
        var all = new EconomicsFilter(new DateOnly(2025, 1, 1), new DateOnly(2027, 1, 1));
        await using var c = await Connections.OpenAsync();
        var facts = (await c.QueryAsync<(long TicketId, long Cents, long Minutes)>(
            "SELECT TicketId, SUM(LabourCostCents), SUM(MinutesWorked) FROM TicketDayFacts GROUP BY TicketId")).ToDictionary(f => (int)f.TicketId);

        foreach (var ticket in world.Tickets)
        {
            var log = await Reader.TimeLogAsync(ticket, all);

            log.Should().NotBeNull();
            log!.Lines.Sum(l => l.Costed.CostCents).Should().Be(facts.TryGetValue(ticket, out var f) ? f.Cents : 0);
            log.FactLabourCentsInPeriod.Should().Be(facts.TryGetValue(ticket, out var g) ? g.Cents : 0);
            log.Lines.All(l => l.EngineerName.Length > 0 && l.Costed.Entry.EntryId > 0).Should().BeTrue();
        }

        (await Reader.TimeLogAsync(999_999, all)).Should().BeNull();
    }

    [Fact]
    public async Task EndedContracts_CarryRenewalAndTheRatingsOverTheirTerm()
    {
        var world = await SeedAsync();
        await using (var c = await Connections.OpenAsync())
        {
            await c.ExecuteAsync("""
                INSERT INTO Contracts (OrganisationId, PlanId, StartsOn, EndsOn, TimeZone, ValueCents, RenewsContractId, Status, CreatedUtc, UpdatedUtc, Version)
                SELECT OrganisationId, PlanId, '2026-11-15', '2027-11-14', 'UTC', 1000, Id, 'Active', CreatedUtc, UpdatedUtc, 1 FROM Contracts WHERE Id = @Id
                """, new { Id = world.Contracts[1] });
        }

        var ended = await Reader.EndedContractsAsync(new EconomicsFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));

        ended.Select(e => (e.Contract.ContractId, e.Contract.Renewed)).Should().Equal((world.Contracts[0], false), (world.Contracts[1], true), (world.Contracts[2], false));
        await using var raw = await Connections.OpenAsync();
        foreach (var e in ended)
        {
            var (sum, count) = await raw.QuerySingleAsync<(long, long)>("""
                SELECT COALESCE(SUM(r.Score), 0), COUNT(r.Score) FROM TicketRatings r JOIN Tickets t ON t.Id = r.TicketId
                WHERE t.OrganisationId = @Organisation AND r.CreatedUtc >= '2025-11-15' AND r.CreatedUtc < '2026-11-15'
                """, new { Organisation = e.Contract.OrganisationId });
            (e.Contract.CsatSum, e.Contract.CsatCount).Should().Be((sum, count));
        }

        ended.Should().Contain(e => e.Contract.CsatCount > 0);
        (await Reader.EndedContractsAsync(new EconomicsFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)) { OrganisationId = world.Organisations[1] }))
            .Select(e => e.Contract.ContractId).Should().Equal(world.Contracts[1]);
    }

    private async Task<EconomicsWorld> SeedAsync()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);
        var rollup = new MetricsRollup(new EconomicsStore(Connections), new RollupSettings(), new FakeTimeProvider(EconomicsWorld.AsOf));
        (await rollup.RebuildAsync()).AlreadyRunning.Should().BeFalse();
        return world;
    }
}
