using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Sla;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Contracts;

/// <summary>A contract's own support time zone and holiday calendar, as every reader of the SLA calendar sees them.</summary>
public abstract class ContractCalendarStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    private ContractStore Store => new(Connections, new FakeTimeProvider(new DateTimeOffset(Now)));

    private ScopeStore Catalogue => new(Connections);

    private static readonly SupportHours LondonHours = new() { TimeZone = "Europe/London", OpensMinute = 9 * 60, ClosesMinute = (17 * 60) + 30 };

    private sealed record Seeded(int Organisation, int Manager, Product Keel, Plan Basic, HolidayCalendar England, HolidayCalendar Japan);

    private async Task<Seeded> SeedAsync()
    {
        var organisation = await TestRows.OrganisationAsync(Connections, "Fabrikam Robotics");
        var manager = await TestRows.UserAsync(Connections, "manager@helpdesk.test");
        var keel = (await Catalogue.CreateProductAsync(new Product { Code = "keel", Name = "Keel RTOS" }))!;
        var england = (await Store.SaveCalendarAsync(new HolidayCalendar { Name = "England", Days = [new Holiday(new DateOnly(2026, 5, 4), "Early May bank holiday")] }))!;
        var japan = (await Store.SaveCalendarAsync(new HolidayCalendar { Name = "Japan", Days = [new Holiday(new DateOnly(2026, 4, 29), "Showa Day"), new Holiday(new DateOnly(2026, 5, 6), "Substitute holiday")] }))!;
        var basic = (await Store.SavePlanAsync(new Plan
        {
            Code = "basic",
            Name = "Basic",
            Channels = SupportChannels.Web,
            Hours = LondonHours,
            HolidayCalendarId = england.Id,
            Targets = [new SlaTarget(HelpDesk.Core.Tickets.Severity.Normal, 16 * 60, 40 * 60)],
        }))!;
        return new Seeded(organisation, manager, keel, basic, england, japan);
    }

    private static Contract Tokyo(Seeded seeded, string? zone = "Asia/Tokyo", bool ownCalendar = true) => new()
    {
        OrganisationId = seeded.Organisation,
        PlanId = seeded.Basic.Id,
        ProductIds = [seeded.Keel.Id],
        StartsOn = new DateOnly(2026, 1, 1),
        EndsOn = new DateOnly(2026, 12, 31),
        TimeZone = "Asia/Tokyo",
        SupportTimeZone = zone,
        HolidayCalendarId = ownCalendar ? seeded.Japan.Id : null,
        ValueCents = 540_000,
        Status = ContractStatus.Active,
    };

    [SkippableFact]
    public async Task SaveContractAsync_RoundTripsTheSupportTimeZoneAndCalendar()
    {
        var seeded = await SeedAsync();

        var saved = await Store.SaveContractAsync(Tokyo(seeded));
        var plans = await Store.SaveContractAsync(Tokyo(seeded, zone: null, ownCalendar: false) with { StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 12, 31) });

        var reloaded = await Store.GetContractAsync(saved!.Id);
        reloaded!.SupportTimeZone.Should().Be("Asia/Tokyo");
        reloaded.HolidayCalendarId.Should().Be(seeded.Japan.Id);
        (await Store.GetContractAsync(plans!.Id))!.Should().BeEquivalentTo(new { SupportTimeZone = (string?)null, HolidayCalendarId = (int?)null });
    }

    [SkippableFact]
    public async Task SlaCalendarSource_ReadsThePlansHoursInTheContractsZone_WithTheContractsHolidays()
    {
        var seeded = await SeedAsync();
        var tokyo = (await Store.SaveContractAsync(Tokyo(seeded)))!;
        var planOnly = (await Store.SaveContractAsync(Tokyo(seeded, zone: null, ownCalendar: false) with { StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 12, 31) }))!;
        var source = new SlaCalendarSource(Connections);

        var own = await source.ForContractAsync(tokyo.Id);
        var plans = await source.ForContractAsync(planOnly.Id);

        own!.Hours.Should().BeEquivalentTo(LondonHours with { TimeZone = "Asia/Tokyo" });
        own.Holidays.Should().BeEquivalentTo([new DateOnly(2026, 4, 29), new DateOnly(2026, 5, 6)]);
        plans!.Hours.Should().BeEquivalentTo(LondonHours);
        plans.Holidays.Should().BeEquivalentTo([new DateOnly(2026, 5, 4)]);
    }

    [SkippableFact]
    public async Task EntitlementFactsSource_GivesEachContractTheHolidaysOfItsOwnCalendar_ElseThePlans()
    {
        var seeded = await SeedAsync();
        var tokyo = (await Store.SaveContractAsync(Tokyo(seeded)))!;
        var planOnly = (await Store.SaveContractAsync(Tokyo(seeded, zone: null, ownCalendar: false) with { StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 12, 31) }))!;

        var facts = await new EntitlementFactsSource(Connections).LoadAsync(seeded.Organisation, "keel");

        var own = facts.Contracts.Single(c => c.Contract.Id == tokyo.Id);
        own.Holidays.Select(h => h.Name).Should().Equal("Showa Day", "Substitute holiday");
        own.Hours.TimeZone.Should().Be("Asia/Tokyo");
        var plans = facts.Contracts.Single(c => c.Contract.Id == planOnly.Id);
        plans.Holidays.Select(h => h.Name).Should().Equal("Early May bank holiday");
        plans.Hours.TimeZone.Should().Be("Europe/London");
    }
}

public sealed class SqliteContractCalendarStoreTests : ContractCalendarStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerContractCalendarStoreTests : ContractCalendarStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
