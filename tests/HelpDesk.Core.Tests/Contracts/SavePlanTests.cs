using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Contracts;

public sealed class SavePlanTests
{
    private readonly InMemoryContractStore _store = new();

    public static SavePlanRequest Valid() => new()
    {
        Code = "premium",
        Name = "Premium",
        ListPrice = "24,000.00",
        IncidentAllowance = null,
        Channels = SupportChannels.Web | SupportChannels.Phone,
        Targets =
        [
            new(Severity.Critical, 60, 240),
            new(Severity.High, 120, 480),
            new(Severity.Normal, 240, 1440),
            new(Severity.Low, 480, 2880),
        ],
        AroundTheClock = false,
        TimeZone = "Europe/London",
        Opens = new TimeOnly(9, 0),
        Closes = new TimeOnly(17, 30),
        Days = [DayOfWeek.Friday, DayOfWeek.Monday],
    };

    private async Task<Result<Plan>> SaveAsync(SavePlanRequest request) => await new SavePlan(_store, TimeProvider.System, Currency.Default).HandleAsync(request with { ActorId = 7 });

    [Fact]
    public async Task Handle_WritesOneAuditLine_ForTheManager_CreatedThenChanged()
    {
        var created = (await SaveAsync(Valid())).Value!;
        await SaveAsync(Valid() with { Id = created.Id, Version = created.Version, ListPrice = "25,000.00" });

        _store.Audit.Select(a => (a.Subject, a.SubjectId, a.ActorId, a.Action)).Should().Equal(
            (AuditSubjects.Plan, created.Id, 7, "created"), (AuditSubjects.Plan, created.Id, 7, "changed"));
        _store.Audit[1].Detail.Should().Be("Changed the list price from 24,000.00 USD to 25,000.00 USD.");
    }

    [Fact]
    public async Task Handle_SavesThePlan_WhenEverythingIsValid()
    {
        var result = await SaveAsync(Valid());

        result.Succeeded.Should().BeTrue();
        var plan = _store.Plans.Single();
        plan.Code.Should().Be("premium");
        plan.ListPriceCents.Should().Be(2400000);
        plan.IncidentAllowance.Should().BeNull();
        plan.Hours.TimeZone.Should().Be("Europe/London");
        plan.Hours.OpensMinute.Should().Be(540);
        plan.Hours.ClosesMinute.Should().Be(1050);
        plan.Hours.Days.Should().Equal(DayOfWeek.Monday, DayOfWeek.Friday);
        plan.Targets.Should().HaveCount(4);
        plan.TargetFor(Severity.High).Should().Be(new SlaTarget(Severity.High, 120, 480));
    }

    public static TheoryData<string, Func<SavePlanRequest, SavePlanRequest>, string> BrokenRules() => new()
    {
        { "code", r => r with { Code = "" }, "Enter a short code for the plan" },
        { "code", r => r with { Code = "Premium Plus" }, "Use lower-case letters, digits and hyphens only" },
        { "code", r => r with { Code = "gold-" }, "Use lower-case letters, digits and hyphens only" },
        { "name", r => r with { Name = "  " }, "Enter the plan's name." },
        { "listPrice", r => r with { ListPrice = "-5" }, "The amount cannot be negative." },
        { "listPrice", r => r with { ListPrice = "10.001" }, "fraction of a cent" },
        { "listPrice", r => r with { ListPrice = "" }, "Enter an amount" },
        { "incidentAllowance", r => r with { IncidentAllowance = 0 }, "Allow at least 1 incident per term, or leave it empty for unlimited." },
        { "channels", r => r with { Channels = SupportChannels.None }, "Include at least one channel" },
        { "targets[3]", r => r with { Targets = [.. r.Targets.Take(3)] }, "Enter the first-response and resolution targets for severity 4." },
        { "targets[1]", r => r with { Targets = [r.Targets[0], new(Severity.High, null, 480), r.Targets[2], r.Targets[3]] }, "Enter the first-response and resolution targets for severity 2." },
        { "targets[2]", r => r with { Targets = [r.Targets[0], r.Targets[1], new(Severity.Normal, 0, 1440), r.Targets[3]] }, "The targets for severity 3 must be at least 1 minute." },
        { "targets[2]", r => r with { Targets = [r.Targets[0], r.Targets[1], new(Severity.Normal, 2000, 1440), r.Targets[3]] }, "For severity 3 the first response (2000 min) cannot come after the resolution (1440 min)." },
        { "targets[0]", r => r with { Targets = [new(Severity.Critical, 180, 240), .. r.Targets.Skip(1)] }, "Severity 1 must be answered at least as fast as severity 2." },
        { "targets[2]", r => r with { Targets = [r.Targets[0], r.Targets[1], new(Severity.Normal, 240, 4000), r.Targets[3]] }, "Severity 3 must be resolved at least as fast as severity 4." },
        { "timeZone", r => r with { TimeZone = "Mars/Olympus" }, "'Mars/Olympus' is not a time zone" },
        { "timeZone", r => r with { TimeZone = "" }, "Enter the time zone of the support hours" },
        { "closes", r => r with { Opens = new TimeOnly(17, 0), Closes = new TimeOnly(9, 0) }, "Support must open before it closes; it opens at 17:00 and closes at 09:00." },
        { "closes", r => r with { Opens = new TimeOnly(9, 0), Closes = new TimeOnly(9, 0) }, "Support must open before it closes" },
        { "opens", r => r with { Opens = null }, "Enter when support opens and closes" },
        { "days", r => r with { Days = [] }, "Choose at least one day with support hours, or choose 24x7." },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task Handle_RefusesWithAnErrorBesideTheField_WhenARuleIsBroken(string field, Func<SavePlanRequest, SavePlanRequest> change, string message)
    {
        var result = await SaveAsync(change(Valid()));

        result.Failure.Should().Be(Failure.Invalid);
        result.Errors.Should().Contain(e => e.Field == field && e.Message.Contains(message));
        _store.Plans.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_IgnoresBusinessHours_WhenThePlanIsAroundTheClock()
    {
        var result = await SaveAsync(Valid() with { AroundTheClock = true, TimeZone = "", Opens = null, Closes = null, Days = [] });

        result.Succeeded.Should().BeTrue();
        _store.Plans.Single().Hours.AroundTheClock.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_AcceptsEqualTargets_ForNeighbouringSeverities()
    {
        var targets = Enum.GetValues<Severity>().Select(s => new SlaTargetInput(s, 60, 60)).ToList();

        (await SaveAsync(Valid() with { Targets = targets })).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_RefusesACalendarThatDoesNotExist()
    {
        var result = await SaveAsync(Valid() with { HolidayCalendarId = 42 });

        result.Errors.Should().ContainSingle(e => e.Field == "holidayCalendarId").Which.Message.Should().Contain("no longer exists");
    }

    [Fact]
    public async Task Handle_AcceptsAnExistingCalendar()
    {
        _store.Calendars.Add(new HolidayCalendar { Id = 3, Name = "UK", Version = 1 });

        var result = await SaveAsync(Valid() with { HolidayCalendarId = 3 });

        result.Value!.HolidayCalendarId.Should().Be(3);
    }

    [Fact]
    public async Task Handle_RefusesACodeAnotherPlanHas()
    {
        await SaveAsync(Valid());

        var result = await SaveAsync(Valid() with { Name = "Premium two" });

        result.Errors.Should().ContainSingle(e => e.Field == "code").Which.Message.Should().Be("The plan Premium already has the code 'premium'.");
    }

    [Fact]
    public async Task Handle_KeepsItsOwnCode_WhenEditing()
    {
        var saved = (await SaveAsync(Valid())).Value!;

        var result = await SaveAsync(Valid() with { Id = saved.Id, Version = saved.Version, Name = "Premium+" });

        result.Succeeded.Should().BeTrue();
        _store.Plans.Single().Name.Should().Be("Premium+");
    }

    [Fact]
    public async Task Handle_ReportsAConflict_WhenSomeoneElseSavedFirst()
    {
        var saved = (await SaveAsync(Valid())).Value!;
        await SaveAsync(Valid() with { Id = saved.Id, Version = saved.Version, Name = "Theirs" });

        var result = await SaveAsync(Valid() with { Id = saved.Id, Version = saved.Version, Name = "Mine" });

        result.Failure.Should().Be(Failure.Conflict);
        result.Errors.Single().Message.Should().StartWith("Someone else changed the plan Mine").And.Contain("reload");
        _store.Plans.Single().Name.Should().Be("Theirs");
    }

    [Fact]
    public async Task Handle_ReportsNotFound_WhenEditingAPlanThatIsGone()
    {
        (await SaveAsync(Valid() with { Id = 9, Version = 1 })).Failure.Should().Be(Failure.NotFound);
    }
}
