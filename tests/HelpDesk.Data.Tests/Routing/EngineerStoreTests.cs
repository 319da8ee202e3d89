using HelpDesk.Core.Routing;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Routing;

public abstract class EngineerStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = RoutingRows.Now;

    private EngineerStore Store => new(Connections);

    [SkippableFact]
    public async Task SaveAsync_InsertsAProfile_AndReadsItBackWithTheUsersNameAndTheProductCodes()
    {
        var keel = await RoutingRows.ProductAsync(Connections, "keel");
        var ledger = await RoutingRows.ProductAsync(Connections, "ledger");
        var userId = await RoutingRows.UserAsync(Connections, "Priya Shah");

        var saved = await Store.SaveAsync(
            new EngineerProfile
            {
                UserId = userId,
                Tier = 3,
                Sourcing = Sourcing.Supplier,
                Supplier = " Acme Support ",
                PricePerCaseCents = 45_000,
                Skills = [new EngineerSkill(keel.Id, "", "arm-cortex-m", 5), new EngineerSkill(0, "LEDGER", null, 2)],
                Languages = ["en", "DE"],
                Categories = ["howto", "defect"],
                Capacity = 7,
                Available = false,
            },
            Now);

        var expected = new EngineerProfile
        {
            UserId = userId,
            Name = "Priya Shah",
            Email = "priya.shah@helpdesk.test",
            Tier = 3,
            Sourcing = Sourcing.Supplier,
            Supplier = "Acme Support",
            PricePerCaseCents = 45_000,
            Skills = [new EngineerSkill(keel.Id, "keel", "arm-cortex-m", 5), new EngineerSkill(ledger.Id, "ledger", null, 2)],
            Languages = ["en", "de"],
            Categories = ["howto", "defect"],
            Capacity = 7,
            Available = false,
            Version = 1,
        };
        saved.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        (await Store.GetAsync(userId)).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        (await Store.ListAsync()).Should().ContainSingle().Which.Should().BeEquivalentTo(expected);
        (await Store.GetAsync(userId + 100)).Should().BeNull();
    }

    [SkippableFact]
    public async Task SaveAsync_ReplacesTheSkills_AndLeavesRatesAndLastAssignmentAlone()
    {
        var keel = await RoutingRows.ProductAsync(Connections, "keel");
        var ledger = await RoutingRows.ProductAsync(Connections, "ledger");
        var engineer = await RoutingRows.EngineerAsync(Connections, "Priya Shah", keel, ledger);
        await Store.AddRateAsync(engineer.UserId, new CostRate(new DateOnly(2026, 1, 1), 6_000), Now);

        var saved = await Store.SaveAsync(
            engineer with { Skills = [new EngineerSkill(ledger.Id, "ledger", "postgres", 3)], Languages = ["en", "fr"], LastAssignedUtc = Now, Rates = [] },
            Now);

        saved!.Skills.Should().Equal(new EngineerSkill(ledger.Id, "ledger", "postgres", 3));
        saved.Languages.Should().Equal("en", "fr");
        saved.Rates.Should().Equal(new CostRate(new DateOnly(2026, 1, 1), 6_000));
        saved.LastAssignedUtc.Should().BeNull("only an assignment sets it");
        saved.Version.Should().Be(2);
    }

    [SkippableFact]
    public async Task SaveAsync_ReturnsNull_AndChangesNothing_WhenTheVersionIsStale()
    {
        var keel = await RoutingRows.ProductAsync(Connections, "keel");
        var engineer = await RoutingRows.EngineerAsync(Connections, "Priya Shah", keel);
        var first = await Store.SaveAsync(engineer with { Capacity = 9 }, Now);

        var stale = await Store.SaveAsync(engineer with { Capacity = 1, Skills = [] }, Now);
        var createdTwice = await Store.SaveAsync(engineer with { Version = 0, Capacity = 2 }, Now);

        first!.Version.Should().Be(2);
        stale.Should().BeNull();
        createdTwice.Should().BeNull("a profile made by someone else meanwhile is as stale as an old version");
        var stored = await Store.GetAsync(engineer.UserId);
        stored!.Capacity.Should().Be(9);
        stored.Skills.Should().ContainSingle();
        stored.Version.Should().Be(2);
    }

    [SkippableFact]
    public async Task SaveAsync_Throws_AndSavesNothing_WhenASkillNamesAProductTheCatalogueDoesNotHave()
    {
        var userId = await RoutingRows.UserAsync(Connections, "Priya Shah");

        var save = () => Store.SaveAsync(new EngineerProfile { UserId = userId, Skills = [new EngineerSkill(0, "nope", null, 3)] }, Now);

        await save.Should().ThrowAsync<ArgumentException>();
        (await Store.GetAsync(userId)).Should().BeNull();
    }

    [SkippableFact]
    public async Task AddRateAsync_AddsRates_ReplacesOneNotStartedYet_AndRefusesToChangeOneThatHasBegun()
    {
        var keel = await RoutingRows.ProductAsync(Connections, "keel");
        var engineer = await RoutingRows.EngineerAsync(Connections, "Priya Shah", keel);
        var today = DateOnly.FromDateTime(Now);

        var past = await Store.AddRateAsync(engineer.UserId, new CostRate(today.AddDays(-30), 5_000), Now);
        var current = await Store.AddRateAsync(engineer.UserId, new CostRate(today, 5_500), Now);
        var future = await Store.AddRateAsync(engineer.UserId, new CostRate(today.AddDays(10), 6_000), Now);
        var futureAgain = await Store.AddRateAsync(engineer.UserId, new CostRate(today.AddDays(10), 6_500), Now);
        var pastAgain = await Store.AddRateAsync(engineer.UserId, new CostRate(today.AddDays(-30), 1), Now);
        var todayAgain = await Store.AddRateAsync(engineer.UserId, new CostRate(today, 1), Now);

        new[] { past, current, future, futureAgain }.Should().AllBeEquivalentTo(true);
        pastAgain.Should().BeFalse("the past keeps the rate it had");
        todayAgain.Should().BeFalse("a rate that started today is already in use");
        var stored = await Store.GetAsync(engineer.UserId);
        stored!.Rates.Should().Equal(
            new CostRate(today.AddDays(-30), 5_000),
            new CostRate(today, 5_500),
            new CostRate(today.AddDays(10), 6_500));
        stored.HourlyCentsOn(today.AddDays(-1)).Should().Be(5_000);
        stored.HourlyCentsOn(today.AddDays(11)).Should().Be(6_500);
    }

    [SkippableFact]
    public async Task ListAsync_ReturnsEveryProfile_ByName()
    {
        var keel = await RoutingRows.ProductAsync(Connections, "keel");
        await RoutingRows.EngineerAsync(Connections, "Sam Lee", keel);
        await RoutingRows.EngineerAsync(Connections, "Ada Byron");
        await RoutingRows.UserAsync(Connections, "No Profile");

        (await Store.ListAsync()).Select(p => p.Name).Should().Equal("Ada Byron", "Sam Lee");
    }
}

public sealed class SqliteEngineerStoreTests : EngineerStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerEngineerStoreTests : EngineerStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
