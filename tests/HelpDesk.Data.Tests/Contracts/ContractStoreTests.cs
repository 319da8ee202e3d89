using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Contracts;

public abstract class ContractStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    private ContractStore Store => new(Connections, new FakeTimeProvider(new DateTimeOffset(Now)));

    private ScopeStore Catalogue => new(Connections);

    private static Plan Standard(int? calendarId = null) => new()
    {
        Code = "standard",
        Name = "Standard",
        Description = "Business hours, three channels.",
        ListPriceCents = 1_200_000,
        IncidentAllowance = 24,
        Channels = SupportChannels.Web | SupportChannels.Email | SupportChannels.Api,
        Hours = new SupportHours
        {
            TimeZone = "Europe/Berlin",
            OpensMinute = 8 * 60,
            ClosesMinute = 18 * 60,
            Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        },
        HolidayCalendarId = calendarId,
        Targets =
        [
            new SlaTarget(Severity.Critical, 60, 8 * 60),
            new SlaTarget(Severity.Normal, 8 * 60, 5 * 8 * 60),
        ],
    };

    private static HolidayCalendar Germany => new()
    {
        Name = "Germany",
        Days = [new Holiday(new DateOnly(2026, 12, 25), "Christmas Day"), new Holiday(new DateOnly(2026, 1, 1), "New Year's Day")],
    };

    [SkippableFact]
    public async Task SavePlanAsync_RoundTripsTargetsChannelsDaysAndHours()
    {
        var calendar = await Store.SaveCalendarAsync(Germany);

        var saved = await Store.SavePlanAsync(Standard(calendar!.Id));

        saved!.Version.Should().Be(1);
        (await Store.GetPlanAsync(saved.Id)).Should().BeEquivalentTo(Standard(calendar.Id) with { Id = saved.Id, Version = 1 }, o => o.WithStrictOrdering());
        (await Store.ListPlansAsync()).Should().ContainSingle().Which.Should().BeEquivalentTo(saved);
        await using var connection = await Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Channels, string Days)>("SELECT Channels, Days FROM Plans WHERE Id = @Id", new { saved.Id });
        row.Should().Be(("Web,Email,Api", "Monday,Tuesday,Wednesday,Thursday,Friday"));
    }

    [SkippableFact]
    public async Task SavePlanAsync_AroundTheClock_WithUnlimitedIncidents_RoundTrips()
    {
        var premium = Standard() with
        {
            Code = "premium",
            Name = "Premium",
            IncidentAllowance = null,
            Channels = SupportChannels.Web | SupportChannels.Email | SupportChannels.Api | SupportChannels.Phone,
            Hours = SupportHours.TwentyFourSeven,
        };

        var saved = await Store.SavePlanAsync(premium);

        (await Store.GetPlanAsync(saved!.Id)).Should().BeEquivalentTo(premium with { Id = saved.Id, Version = 1 });
    }

    [SkippableFact]
    public async Task SavePlanAsync_ReplacesTheTargets_AndReturnsNull_WhenStaleOrTheCodeIsTaken()
    {
        var first = await Store.SavePlanAsync(Standard());

        var second = await Store.SavePlanAsync(first! with { Targets = [new SlaTarget(Severity.High, 120, 960)], Channels = SupportChannels.Phone });
        var stale = await Store.SavePlanAsync(first with { Name = "Lost" });
        var taken = await Store.SavePlanAsync(Standard() with { Name = "Another standard" });
        var takenInAnotherCase = await Store.SavePlanAsync(Standard() with { Code = "STANDARD", Name = "Another standard" });

        second!.Version.Should().Be(2);
        stale.Should().BeNull();
        taken.Should().BeNull();
        takenInAnotherCase.Should().BeNull();
        var loaded = await Store.GetPlanAsync(first.Id);
        loaded!.Targets.Should().Equal(new SlaTarget(Severity.High, 120, 960));
        loaded.Channels.Should().Be(SupportChannels.Phone);
        loaded.Name.Should().Be("Standard");
        (await Store.ListPlansAsync()).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task SaveCalendarAsync_RoundTripsTheDaysInDateOrder_AndReplacesThemOnUpdate()
    {
        var saved = await Store.SaveCalendarAsync(Germany);

        var loaded = await Store.GetCalendarAsync(saved!.Id);
        loaded!.Days.Should().Equal(new Holiday(new DateOnly(2026, 1, 1), "New Year's Day"), new Holiday(new DateOnly(2026, 12, 25), "Christmas Day"));
        loaded.Version.Should().Be(1);

        var updated = await Store.SaveCalendarAsync(loaded with { Name = "Germany (federal)", Days = [new Holiday(new DateOnly(2026, 10, 3), "German Unity Day")] });
        var stale = await Store.SaveCalendarAsync(loaded with { Name = "Lost" });
        var taken = await Store.SaveCalendarAsync(Germany with { Name = "Germany (federal)" });
        var takenInAnotherCase = await Store.SaveCalendarAsync(Germany with { Name = "GERMANY (Federal)" });

        updated!.Version.Should().Be(2);
        stale.Should().BeNull();
        taken.Should().BeNull();
        takenInAnotherCase.Should().BeNull();
        (await Store.ListCalendarsAsync()).Should().ContainSingle().Which.Should().BeEquivalentTo(
            new HolidayCalendar { Id = saved.Id, Name = "Germany (federal)", Version = 2, Days = [new Holiday(new DateOnly(2026, 10, 3), "German Unity Day")] });
    }

    [SkippableFact]
    public async Task SaveContractAsync_RoundTripsTheContractWithItsProducts_AndReplacesThemOnUpdate()
    {
        var (organisation, plan, ledger, payroll) = await SeedAsync();
        var contract = new Contract
        {
            OrganisationId = organisation,
            PlanId = plan,
            ProductIds = [payroll, ledger],
            StartsOn = new DateOnly(2026, 1, 1),
            EndsOn = new DateOnly(2026, 12, 31),
            TimeZone = "America/New_York",
            ValueCents = 1_150_000,
            CreatedUtc = new DateTime(2025, 12, 20, 12, 0, 0, DateTimeKind.Utc),
        };

        var saved = await Store.SaveContractAsync(contract);

        saved!.Version.Should().Be(1);
        var loaded = await Store.GetContractAsync(saved.Id);
        loaded.Should().BeEquivalentTo(contract with { Id = saved.Id, Version = 1, ProductIds = new[] { ledger, payroll }.Order().ToList() });
        loaded!.Number.Should().Be(Contract.FormatNumber(saved.Id));

        var updated = await Store.SaveContractAsync(loaded with { ProductIds = [ledger], Status = ContractStatus.Cancelled });
        var stale = await Store.SaveContractAsync(loaded with { ValueCents = 1 });

        updated!.Version.Should().Be(2);
        stale.Should().BeNull();
        var reloaded = await Store.GetContractAsync(saved.Id);
        reloaded!.ProductIds.Should().Equal(ledger);
        reloaded.Status.Should().Be(ContractStatus.Cancelled);
        reloaded.ValueCents.Should().Be(1_150_000);
    }

    [SkippableFact]
    public async Task SaveContractAsync_LinksARenewal_AndListContractsAsync_ReturnsNewestStartFirst_PerOrganisation()
    {
        var (organisation, plan, ledger, _) = await SeedAsync();
        var other = await TestRows.OrganisationAsync(Connections, "Fabrikam");
        var last = await Store.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan, ProductIds = [ledger], StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2025, 12, 31) });
        var renewal = await Store.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan, ProductIds = [ledger], StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31), RenewsContractId = last!.Id });
        var theirs = await Store.SaveContractAsync(new Contract { OrganisationId = other, PlanId = plan, ProductIds = [ledger], StartsOn = new DateOnly(2024, 1, 1), EndsOn = new DateOnly(2024, 12, 31) });

        (await Store.ListContractsAsync(organisation)).Select(c => (c.Id, c.RenewsContractId, c.ProductIds.Single())).Should().Equal(
            (renewal!.Id, last.Id, ledger), (last.Id, null, ledger));
        (await Store.ListContractsAsync()).Select(c => c.Id).Should().Equal(renewal.Id, last.Id, theirs!.Id);
    }

    [SkippableFact]
    public async Task CountIncidentsAsync_CountsTheContractsTicketsJudgedEntitled_OnAKnownProduct()
    {
        var (organisation, plan, ledger, _) = await SeedAsync();
        var contract = await Store.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan, ProductIds = [ledger], StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) });
        var otherContract = await Store.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan, ProductIds = [ledger], StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2025, 12, 31) });
        var requester = await TestRows.UserAsync(Connections, "a@contoso.example", organisation);
        foreach (var decision in new[]
        {
            JudgedTickets.Decision(Verdict.Entitled, contract!.Id),
            JudgedTickets.Decision(Verdict.Entitled, contract.Id),
            JudgedTickets.Decision(Verdict.OutOfScope, contract.Id),
            JudgedTickets.Decision(Verdict.Entitled, contract.Id, productCode: null),
            JudgedTickets.Decision(Verdict.Entitled, otherContract!.Id),
            null,
        })
        {
            await JudgedTickets.CreateAsync(Connections, organisation, requester, decision, Now);
        }

        (await Store.CountIncidentsAsync(contract.Id)).Should().Be(2);
        (await Store.CountIncidentsAsync(otherContract.Id)).Should().Be(1);
        (await Store.ListIncidentsAsync(contract.Id)).Should().HaveCount(2).And.OnlyContain(i => !i.GivenBack && i.Subject == "Help");
    }

    private async Task<(int Organisation, int Plan, int Ledger, int Payroll)> SeedAsync()
    {
        var organisation = await TestRows.OrganisationAsync(Connections, "Contoso");
        var plan = await Store.SavePlanAsync(Standard());
        var ledger = await Catalogue.CreateProductAsync(new Product { Code = "ledger", Name = "Ledger" });
        var payroll = await Catalogue.CreateProductAsync(new Product { Code = "payroll", Name = "Payroll" });
        return (organisation, plan!.Id, ledger!.Id, payroll!.Id);
    }
}

public sealed class SqliteContractStoreTests : ContractStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerContractStoreTests : ContractStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
