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
        var world = await SeedAsync();
        string region;
        await using (var c = await Connections.OpenAsync())
        {
            region = await c.QuerySingleAsync<string>("SELECT Region FROM Organisations WHERE Id = @Id", new { Id = world.Organisations[0] });
        }

        foreach (var filter in new[] { Period, Period with { Region = region }, Period with { OrganisationId = world.Organisations[1] } })
        {
            var previousFilter = filter with { From = Previous.From, To = Previous.To };
            var compared = await Reader.ComparedAsync(Enum.GetValues<EconomicsLevel>(), filter, PreviousFrom);

            compared.Total.Current.Should().BeEquivalentTo(await Reader.TotalAsync(filter));
            compared.Total.Previous.Should().BeEquivalentTo(await Reader.TotalAsync(previousFilter));
            compared.Total.Current.LabourCostCents.Should().BePositive();
            compared.Total.Previous.LabourCostCents.Should().BePositive();
            foreach (var level in Enum.GetValues<EconomicsLevel>())
            {
                var current = (await Reader.ByLevelAsync(level, filter)).ToDictionary(r => r.Key);
                var previous = (await Reader.ByLevelAsync(level, previousFilter)).ToDictionary(r => r.Key);
                var rows = compared.Of(level);

                rows.Select(r => r.Key).Should().BeEquivalentTo(current.Keys.Union(previous.Keys), $"{level} of {filter}");
                rows.Select(r => r.Current.LabourCostCents).Should().BeInDescendingOrder();
                foreach (var row in rows)
                {
                    row.Current.Should().BeEquivalentTo(current.TryGetValue(row.Key, out var now) ? now.Measures : new Measures(), $"{level} {row.Key}");
                    row.Previous.Should().BeEquivalentTo(previous.TryGetValue(row.Key, out var before) ? before.Measures : new Measures(), $"{level} {row.Key}");
                    row.Name.Should().Be(current.TryGetValue(row.Key, out var named) ? named.Name : previous[row.Key].Name);
                }

                // The same level read alone, at its own grain, gives the same rows.
                (await Reader.ComparedAsync([level], filter, PreviousFrom)).Of(level).Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
            }

            (await Reader.ComparedAsync([], filter, PreviousFrom)).Total.Should().BeEquivalentTo(compared.Total);
        }

        // Years before any fact: zero in total, no rows at any level.
        var empty = await Reader.ComparedAsync([], new EconomicsFilter(new DateOnly(2019, 4, 1), new DateOnly(2019, 6, 30)), new DateOnly(2019, 1, 1));
        empty.Total.Current.Should().BeEquivalentTo(new Measures());
        empty.Total.Previous.Should().BeEquivalentTo(new Measures());
        (await Reader.ComparedAsync(Enum.GetValues<EconomicsLevel>(), new EconomicsFilter(new DateOnly(2019, 4, 1), new DateOnly(2019, 6, 30)), new DateOnly(2019, 1, 1)))
            .Levels.Values.Should().OnlyContain(rows => rows.Count == 0);
    }

    [Fact]
    public async Task Compared_NamesEachContract_WithItsOrganisationPlanAndTerm()
    {
        var world = await SeedAsync();

        var rows = (await Reader.ComparedAsync([EconomicsLevel.Contract], Period, PreviousFrom)).Of(EconomicsLevel.Contract);

        rows.Should().Contain(r => r.Key == world.Contracts[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        rows.Where(r => r.Key != "0").Should().OnlyContain(r => r.Detail.Contains(" – ", StringComparison.Ordinal) && r.Name.Length > 0);
    }

    [Fact]
    public async Task Tickets_AreTheCostliestInTheFilter_EachWithItsMeasuresOfTheFiltersDays()
    {
        var world = await SeedAsync();
        List<(long TicketId, long Labour, long Minutes, long Opened)> expected;
        await using (var raw = await Connections.OpenAsync())
        {
            expected = [.. await raw.QueryAsync<(long, long, long, long)>("""
                SELECT TicketId, SUM(LabourCostCents), SUM(MinutesWorked), SUM(TicketsOpened) FROM TicketDayFacts
                WHERE Day >= @From AND Day <= @To AND OrganisationId = @Organisation
                GROUP BY TicketId ORDER BY SUM(LabourCostCents) DESC, TicketId
                """, new { From = FactKey.ToDayKey(Period.From), To = FactKey.ToDayKey(Period.To), Organisation = world.Organisations[0] })];
        }

        expected.Count.Should().BeGreaterThan(3);
        foreach (var take in new[] { 1, 3, expected.Count, expected.Count + 5 })
        {
            var tickets = await Reader.TicketsAsync(Period with { OrganisationId = world.Organisations[0] }, take);

            tickets.Select(t => ((long)t.TicketId, t.Measures.LabourCostCents, t.Measures.MinutesWorked, t.Measures.TicketsOpened))
                .Should().Equal(expected.Take(take), $"the {take} costliest");
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

    [Theory]
    [InlineData("2025-12-01", "2026-11-30")] // whole months only
    [InlineData("2026-01-01", "2026-11-20")] // whole months, then days
    [InlineData("2025-11-20", "2026-11-30")] // days, then whole months
    [InlineData("2026-03-03", "2026-03-20")] // days inside one month
    [InlineData("2024-03-10", "2026-11-05")] // years, with days at both edges
    public async Task EndedContracts_SumTheRatingsOfEveryTermShape_AsTheRawRatingsGiveThem(string startsOn, string endsOn)
    {
        var world = await SeedAsync();
        await using (var c = await Connections.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE Contracts SET StartsOn = @StartsOn, EndsOn = @EndsOn WHERE Id IN @Ids", new { StartsOn = startsOn, EndsOn = endsOn, Ids = world.Contracts });
        }

        await new MetricsRollup(new EconomicsStore(Connections), new RollupSettings(), new FakeTimeProvider(EconomicsWorld.AsOf)).RebuildAsync();
        var ends = DateOnly.Parse(endsOn, System.Globalization.CultureInfo.InvariantCulture);
        var endMonth = new DateOnly(ends.Year, ends.Month, 1);
        var ended = await Reader.EndedContractsAsync(new EconomicsFilter(endMonth, endMonth.AddMonths(1).AddDays(-1)));

        ended.Select(e => e.Contract.ContractId).Should().BeEquivalentTo(world.Contracts);
        await using var raw = await Connections.OpenAsync();
        foreach (var e in ended)
        {
            var (sum, count) = await raw.QuerySingleAsync<(long, long)>("""
                SELECT COALESCE(SUM(r.Score), 0), COUNT(r.Score) FROM TicketRatings r JOIN Tickets t ON t.Id = r.TicketId
                WHERE t.OrganisationId = @Organisation AND substr(r.CreatedUtc, 1, 10) >= @StartsOn AND substr(r.CreatedUtc, 1, 10) <= @EndsOn
                """, new { Organisation = e.Contract.OrganisationId, StartsOn = startsOn, EndsOn = endsOn });
            (e.Contract.CsatSum, e.Contract.CsatCount).Should().Be((sum, count), $"contract {e.Contract.ContractId} from {startsOn} to {endsOn}");
        }

        ended.Sum(e => e.Contract.CsatCount).Should().BePositive();
    }

    private async Task<EconomicsWorld> SeedAsync()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);
        var rollup = new MetricsRollup(new EconomicsStore(Connections), new RollupSettings(), new FakeTimeProvider(EconomicsWorld.AsOf));
        (await rollup.RebuildAsync()).AlreadyRunning.Should().BeFalse();
        return world;
    }
}
