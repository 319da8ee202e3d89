using HelpDesk.Core.Contracts;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Sla;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Sla;

public abstract class SlaCalendarSourceTests : ProviderTestBase
{
    [SkippableFact]
    public async Task ForContractAsync_ReturnsThePlansSupportHoursAndTheHolidaysOfItsCalendar()
    {
        var contracts = new ContractStore(Connections);
        var organisation = await TestRows.OrganisationAsync(Connections, "Contoso");
        var calendar = await contracts.SaveCalendarAsync(new HolidayCalendar
        {
            Name = "England",
            Days = [new Holiday(new DateOnly(2026, 12, 25), "Christmas Day"), new Holiday(new DateOnly(2026, 12, 28), "Boxing Day (substitute)")],
        });
        await contracts.SaveCalendarAsync(new HolidayCalendar { Name = "Elsewhere", Days = [new Holiday(new DateOnly(2026, 7, 4), "Independence Day")] });
        var hours = new SupportHours { TimeZone = "Europe/London", OpensMinute = 8 * 60, ClosesMinute = 18 * 60, Days = [DayOfWeek.Monday, DayOfWeek.Wednesday] };
        var plan = await contracts.SavePlanAsync(new Plan { Code = "standard", Name = "Standard", Hours = hours, HolidayCalendarId = calendar!.Id });
        var allHours = await contracts.SavePlanAsync(new Plan { Code = "premium", Name = "Premium", Hours = SupportHours.TwentyFourSeven });
        var contract = await contracts.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan!.Id, StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) });
        var roundTheClock = await contracts.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = allHours!.Id, StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) });
        var source = new SlaCalendarSource(Connections);

        var found = await source.ForContractAsync(contract!.Id);
        var always = await source.ForContractAsync(roundTheClock!.Id);
        var missing = await source.ForContractAsync(roundTheClock.Id + 100);

        found!.Hours.Should().BeEquivalentTo(hours);
        found.Holidays.Should().BeEquivalentTo([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)]);
        always!.Hours.AroundTheClock.Should().BeTrue();
        always.Holidays.Should().BeEmpty();
        missing.Should().BeNull();
    }

    [SkippableFact]
    public async Task ForContractAsync_WithTheCache_ReadsOnce_UntilTheContractStoreSavesAContract()
    {
        var cache = new EntitlementFactsCache();
        var contracts = new ContractStore(Connections, factsCache: cache);
        var organisation = await TestRows.OrganisationAsync(Connections, "Contoso");
        var plan = await contracts.SavePlanAsync(new Plan { Code = "standard", Name = "Standard", Hours = new SupportHours { TimeZone = "Europe/London" } });
        var contract = await contracts.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan!.Id, StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) });
        var recorder = new RecordingConnectionFactory(Connections);
        var source = new SlaCalendarSource(recorder, cache);

        (await source.ForContractAsync(contract!.Id))!.Hours.TimeZone.Should().Be("Europe/London");
        (await source.ForContractAsync(contract.Id + 100)).Should().BeNull();
        var reads = recorder.Executions;
        (await source.ForContractAsync(contract.Id))!.Hours.TimeZone.Should().Be("Europe/London");
        recorder.Executions.Should().Be(reads, "the calendar found is kept");
        (await source.ForContractAsync(contract.Id + 100)).Should().BeNull();
        recorder.Executions.Should().Be(reads + 1, "a contract not found is looked for again");

        await contracts.SaveContractAsync(contract with { SupportTimeZone = "America/New_York" });

        (await source.ForContractAsync(contract.Id))!.Hours.TimeZone.Should().Be("America/New_York", "saving a contract drops the copies");
    }
}

public sealed class SqliteSlaCalendarSourceTests : SlaCalendarSourceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerSlaCalendarSourceTests : SlaCalendarSourceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
