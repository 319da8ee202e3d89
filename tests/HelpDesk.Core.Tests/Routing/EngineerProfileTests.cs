using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using static HelpDesk.Core.Tests.Routing.RoutingWorld;

namespace HelpDesk.Core.Tests.Routing;

public sealed class EngineerProfileTests
{
    private readonly RoutingWorld _world = new();

    public EngineerProfileTests()
    {
        _world.People.Add(1, "Priya Shah");
    }

    private static EngineerProfileInput Input() => new()
    {
        UserId = 1,
        Tier = 2,
        Skills = [new("KEEL", " cortex-m4 ", 4), new("harbor", null, 2)],
        Languages = ["EN", "de", "en"],
        Categories = [RequestCategories.Problem, "QUESTION"],
        Capacity = 6,
        Available = true,
    };

    [Fact]
    public async Task Save_CreatesAProfile_WithSkillsFromTheCatalogue_AndCleanCodes()
    {
        var result = await _world.SaveProfile.HandleAsync(Input());

        result.Succeeded.Should().BeTrue();
        var saved = result.Value!;
        saved.Name.Should().Be("Priya Shah");
        saved.Sourcing.Should().Be(Sourcing.InHouse);
        saved.Skills.Should().Equal(new EngineerSkill(1, "keel", "cortex-m4", 4), new EngineerSkill(2, "harbor", null, 2));
        saved.Languages.Should().Equal("en", "de");
        saved.Categories.Should().Equal(RequestCategories.Problem, RequestCategories.Question);
        saved.Version.Should().Be(1);
    }

    [Fact]
    public async Task Save_ReportsEveryWrongField_ByItsName()
    {
        var input = Input() with
        {
            Tier = 4,
            Sourcing = "contractor",
            Skills = [new("widgets", null, 3), new("keel", "mainframe", 7), new(" ", null, 2)],
            Languages = ["xx"],
            Categories = ["gossip"],
            Capacity = -1,
        };

        var result = await _world.SaveProfile.HandleAsync(input);

        result.Failure.Should().Be(Failure.Invalid);
        result.Errors.Select(e => e.Field).Should().BeEquivalentTo(
            "tier", "sourcing", "skills[0].product", "skills[1].area", "skills[1].proficiency", "skills[2].product", "languages", "categories", "capacity");
        result.Errors.Should().Contain(new FieldError("skills[0].product", "'widgets' is not a product in the catalogue."));
        _world.Engineers.All.Should().BeEmpty();
    }

    [Fact]
    public async Task Save_NeedsAtLeastOneLanguage_AndOneLinePerProductAndArea()
    {
        var result = await _world.SaveProfile.HandleAsync(Input() with { Languages = [], Skills = [new("keel", null, 3), new("Keel", null, 4)] });

        result.Errors.Should().BeEquivalentTo([
            new FieldError("skills", "Keel RTOS is listed twice; keep one line per product and area."),
            new FieldError("languages", "Choose at least one language the engineer speaks."),
        ]);
    }

    [Fact]
    public async Task Save_NeedsTheSuppliersNameAndPrice_ForASupplier()
    {
        var missing = await _world.SaveProfile.HandleAsync(Input() with { Sourcing = "Supplier" });
        var saved = await _world.SaveProfile.HandleAsync(Input() with { Sourcing = "Supplier", Supplier = " Northpole Support ", PricePerCase = "1,450.50" });

        missing.Errors.Select(e => e.Field).Should().BeEquivalentTo("supplier", "pricePerCase");
        saved.Value!.Sourcing.Should().Be(Sourcing.Supplier);
        saved.Value.Supplier.Should().Be("Northpole Support");
        saved.Value.PricePerCaseCents.Should().Be(145_050);
    }

    [Fact]
    public async Task Save_RefusesStaleVersions_AndASecondNewProfile()
    {
        var created = (await _world.SaveProfile.HandleAsync(Input())).Value!;

        var again = await _world.SaveProfile.HandleAsync(Input());
        var updated = await _world.SaveProfile.HandleAsync(Input() with { Capacity = 8, ExpectedVersion = created.Version });
        var stale = await _world.SaveProfile.HandleAsync(Input() with { Capacity = 9, ExpectedVersion = created.Version });

        again.Failure.Should().Be(Failure.Conflict);
        updated.Value!.Capacity.Should().Be(8);
        stale.Failure.Should().Be(Failure.Conflict);
        _world.Engineers[1].Capacity.Should().Be(8);
    }

    [Fact]
    public async Task Save_RefusesSomeoneWhoIsNotStaff()
    {
        var result = await _world.SaveProfile.HandleAsync(Input() with { UserId = Customer });

        result.Failure.Should().Be(Failure.NotFound);
    }

    [Fact]
    public async Task Save_PullsWaitingTickets_WhenCapacityIsRaised()
    {
        var engineer = _world.Engineer(2, "Sam Lee", capacity: 1);
        _world.Ticket(assignee: 2);
        var waiting = _world.Waiting();

        await _world.SaveProfile.HandleAsync(new EngineerProfileInput
        {
            UserId = 2,
            Tier = 1,
            Skills = [new("keel", null, 3)],
            Languages = ["en"],
            Capacity = 2,
            Available = true,
            ExpectedVersion = engineer.Version,
        });

        _world.Tickets[waiting.Id].AssigneeId.Should().Be(2);
    }

    [Fact]
    public async Task AddCostRate_AddsARateFromTodayOrLater()
    {
        _world.Engineer(2, "Sam Lee");

        var result = await _world.AddRate.HandleAsync(2, new DateOnly(2026, 4, 1), "72.50", 9);

        result.Value!.Rates.Should().Equal(new CostRate(new DateOnly(2026, 1, 1), 6_000), new CostRate(new DateOnly(2026, 4, 1), 7_250));
        result.Value.HourlyCentsOn(new DateOnly(2026, 3, 31)).Should().Be(6_000);
        _world.Engineers.Audit.Should().ContainSingle().Which.Should().Match<HelpDesk.Core.Audit.ManageAuditEntry>(a =>
            a.SubjectId == 2 && a.ActorId == 9 && a.Detail == "Changed the hourly rate from 60.00 USD to 72.50 USD from 1 Apr 2026.");
    }

    [Fact]
    public async Task AddCostRate_NeverRewritesThePast()
    {
        _world.Engineer(2, "Sam Lee", edit: e => e with { Rates = [new(new DateOnly(2026, 3, 2), 6_000)] });

        var past = await _world.AddRate.HandleAsync(2, new DateOnly(2026, 3, 1), "70", 9);
        var today = await _world.AddRate.HandleAsync(2, new DateOnly(2026, 3, 2), "70", 9);
        var noAmount = await _world.AddRate.HandleAsync(2, new DateOnly(2026, 3, 9), "abc", 9);

        past.Errors.Should().Equal(new FieldError("effectiveFrom", "A rate cannot start before today; past costs keep the rate they had."));
        today.Errors.Should().ContainSingle(e => e.Field == "effectiveFrom" && e.Message.StartsWith("A rate already started on 2 Mar 2026", StringComparison.Ordinal));
        noAmount.Errors.Should().ContainSingle(e => e.Field == "hourly");
        _world.Engineers[2].Rates.Should().ContainSingle();
    }

    [Fact]
    public async Task SetAvailability_PullsWaitingTickets_WhenTheEngineerIsBack()
    {
        _world.Engineer(2, "Sam Lee", edit: e => e with { Available = false });
        var waiting = _world.Waiting();

        var back = await _world.Availability.HandleAsync(2, true, 9);

        back.Value!.Available.Should().BeTrue();
        _world.Tickets[waiting.Id].AssigneeId.Should().Be(2);
    }

    [Fact]
    public async Task SetAvailability_Away_PullsNothing()
    {
        _world.Engineer(2, "Sam Lee");
        var waiting = _world.Waiting();

        var away = await _world.Availability.HandleAsync(2, false, 9);

        away.Value!.Available.Should().BeFalse();
        _world.Tickets[waiting.Id].AssigneeId.Should().BeNull();
        (await _world.Availability.HandleAsync(77, true, 9)).Failure.Should().Be(Failure.NotFound);
    }
}
