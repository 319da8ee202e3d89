using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Scope;

public abstract class EntitlementFactsSourceTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    private ScopeStore Catalogue => new(Connections);

    private ContractStore Contracts => new(Connections);

    private EntitlementFactsSource Source => new(Connections);

    private sealed record Seeded(int Organisation, int OtherOrganisation, Product Ledger, Product Payroll, ScopeOfSupport Published, Plan Plan, Contract Contract, Contract Cancelled, Contract Theirs);

    private async Task<Seeded> SeedAsync()
    {
        var organisation = await TestRows.OrganisationAsync(Connections, "Contoso");
        var other = await TestRows.OrganisationAsync(Connections, "Fabrikam");
        var manager = await TestRows.UserAsync(Connections, "manager@helpdesk.test");
        var ledger = (await Catalogue.CreateProductAsync(new Product { Code = "ledger", Name = "Ledger Pro" }))!;
        var payroll = (await Catalogue.CreateProductAsync(new Product { Code = "payroll", Name = "Payroll" }))!;
        await Catalogue.SaveReleaseAsync(new ProductRelease { ProductId = ledger.Id, Name = "2.0", ReleasedOn = new DateOnly(2025, 6, 1) });
        await Catalogue.SaveReleaseAsync(new ProductRelease { ProductId = ledger.Id, Name = "1.0", ReleasedOn = new DateOnly(2024, 6, 1), EndOfSupportOn = new DateOnly(2026, 6, 1) });
        await Catalogue.SaveReleaseAsync(new ProductRelease { ProductId = payroll.Id, Name = "9.0", ReleasedOn = new DateOnly(2025, 1, 1) });
        await Catalogue.SaveEnvironmentAsync(new TargetEnvironment { Code = "windows-11", Name = "Windows 11", Kind = EnvironmentKind.OperatingSystem });
        await Catalogue.SaveEnvironmentAsync(new TargetEnvironment { Code = "ubuntu-24", Name = "Ubuntu 24.04", Kind = EnvironmentKind.OperatingSystem });

        var draft = await Catalogue.SaveDraftAsync(new ScopeOfSupport
        {
            ProductId = ledger.Id,
            EffectiveOn = new DateOnly(2026, 1, 1),
            ReleasesBack = 1,
            EnvironmentCodes = ["windows-11"],
            OutOfScope = [new(RequestCategories.Backport, "Current release only.")],
        });
        var published = (await Catalogue.PublishAsync(draft!.Id, draft.Version, manager, Now))!;
        await Catalogue.SaveDraftAsync(new ScopeOfSupport { ProductId = ledger.Id, EffectiveOn = new DateOnly(2027, 1, 1), EnvironmentCodes = ["ubuntu-24"] });
        var payrollDraft = await Catalogue.SaveDraftAsync(new ScopeOfSupport { ProductId = payroll.Id, EffectiveOn = new DateOnly(2026, 1, 1) });
        await Catalogue.PublishAsync(payrollDraft!.Id, payrollDraft.Version, manager, Now);

        var calendar = await Contracts.SaveCalendarAsync(new HolidayCalendar { Name = "Germany", Days = [new Holiday(new DateOnly(2026, 12, 25), "Christmas Day")] });
        await Contracts.SaveCalendarAsync(new HolidayCalendar { Name = "France", Days = [new Holiday(new DateOnly(2026, 7, 14), "Bastille Day")] });
        var plan = (await Contracts.SavePlanAsync(new Plan
        {
            Code = "standard",
            Name = "Standard",
            IncidentAllowance = 10,
            Channels = SupportChannels.Web,
            Hours = new SupportHours { TimeZone = "Europe/Berlin" },
            HolidayCalendarId = calendar!.Id,
            Targets = [new SlaTarget(Severity.Normal, 240, 2400)],
        }))!;
        var contract = (await Contracts.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan.Id, ProductIds = [ledger.Id, payroll.Id], StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) }))!;
        var cancelled = (await Contracts.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan.Id, ProductIds = [ledger.Id], StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31), Status = ContractStatus.Cancelled }))!;
        var theirs = (await Contracts.SaveContractAsync(new Contract { OrganisationId = other, PlanId = plan.Id, ProductIds = [ledger.Id], StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) }))!;

        var requester = await TestRows.UserAsync(Connections, "a@contoso.example", organisation);
        var theirRequester = await TestRows.UserAsync(Connections, "a@fabrikam.example", other);
        foreach (var (contractId, verdict, productCode) in new[]
        {
            (contract.Id, Verdict.Entitled, "ledger"),
            (contract.Id, Verdict.Entitled, "ledger"),
            (contract.Id, Verdict.OutOfScope, "ledger"),
            (contract.Id, Verdict.Entitled, null),
        })
        {
            await JudgedTickets.CreateAsync(Connections, organisation, requester, JudgedTickets.Decision(verdict, contractId, productCode), Now);
        }

        await JudgedTickets.CreateAsync(Connections, other, theirRequester, JudgedTickets.Decision(Verdict.Entitled, theirs.Id), Now);

        return new Seeded(organisation, other, ledger, payroll, published, plan, contract, cancelled, theirs);
    }

    [SkippableFact]
    public async Task LoadAsync_ReturnsTheProductsCatalogue_AndOnlyItsPublishedScopes()
    {
        var seed = await SeedAsync();

        var facts = await Source.LoadAsync(seed.Organisation, "LEDGER");

        facts.Product.Should().BeEquivalentTo(seed.Ledger);
        facts.Releases.Select(r => r.Name).Should().Equal("1.0", "2.0");
        facts.Releases[0].EndOfSupportOn.Should().Be(new DateOnly(2026, 6, 1));
        facts.Environments.Select(e => e.Code).Should().Equal("ubuntu-24", "windows-11");
        facts.PublishedScopes.Should().ContainSingle().Which.Should().BeEquivalentTo(seed.Published);
    }

    [SkippableFact]
    public async Task LoadAsync_FindsTheProductByItsName_InAnyCase()
    {
        var seed = await SeedAsync();

        var facts = await Source.LoadAsync(seed.Organisation, "ledger PRO");

        facts.Product!.Id.Should().Be(seed.Ledger.Id);
        facts.PublishedScopes.Should().ContainSingle();
    }

    [SkippableFact]
    public async Task LoadAsync_ReturnsOnlyTheOrganisationsContractsNotCancelled_WithPlanHolidaysAndIncidentsUsed()
    {
        var seed = await SeedAsync();

        var facts = await Source.LoadAsync(seed.Organisation, "ledger");

        var contract = facts.Contracts.Should().ContainSingle().Subject;
        contract.Contract.Should().BeEquivalentTo(seed.Contract);
        contract.Plan.Should().BeEquivalentTo(seed.Plan);
        contract.IncidentsUsed.Should().Be(2, "two tickets are entitled on a known product; one is out of scope and one needs classification");
        contract.Holidays.Should().Equal(new Holiday(new DateOnly(2026, 12, 25), "Christmas Day"));
        facts.ProductNames.Should().BeEquivalentTo(new Dictionary<int, string> { [seed.Ledger.Id] = "Ledger Pro", [seed.Payroll.Id] = "Payroll" });

        var theirs = await Source.LoadAsync(seed.OtherOrganisation, "ledger");
        theirs.Contracts.Should().ContainSingle().Which.Should().Match<ContractFacts>(c => c.Contract.Id == seed.Theirs.Id && c.IncidentsUsed == 1);
    }

    [SkippableFact]
    public async Task LoadAsync_ForAnUnknownOrNoProduct_StillReturnsTheEnvironmentsAndContracts()
    {
        var seed = await SeedAsync();

        foreach (var product in new[] { "accounts", null })
        {
            var facts = await Source.LoadAsync(seed.Organisation, product);

            facts.Product.Should().BeNull();
            facts.Releases.Should().BeEmpty();
            facts.PublishedScopes.Should().BeEmpty();
            facts.Environments.Should().HaveCount(2);
            facts.Contracts.Should().ContainSingle();
        }
    }

    [SkippableFact]
    public async Task LoadAsync_ReadsTheCatalogueAndTheContracts_InOneStatementEach()
    {
        var seed = await SeedAsync();
        var recorder = new RecordingConnectionFactory(Connections);

        await new EntitlementFactsSource(recorder).LoadAsync(seed.Organisation, "ledger");

        recorder.Statements.Should().HaveCount(2, "the facts are loaded on every intake: the catalogue in one round trip, the contracts in another");
    }

    [SkippableFact]
    public async Task LoadAsync_WithTheCache_ReadsOnlyTheContracts_UntilAStoreChangesTheCatalogue()
    {
        var seed = await SeedAsync();
        var cache = new EntitlementFactsCache();
        await new EntitlementFactsSource(Connections, cache).LoadAsync(seed.Organisation, "ledger");

        var second = new RecordingConnectionFactory(Connections);
        var cached = await new EntitlementFactsSource(second, cache).LoadAsync(seed.Organisation, "ledger");

        second.Statements.Should().ContainSingle("the catalogue, scope and plans come from the cache; contracts and incidents never do");
        cached.Contracts.Should().NotBeEmpty();

        await new ScopeStore(Connections, factsCache: cache).SaveReleaseAsync(
            new ProductRelease { ProductId = cached.Product!.Id, Name = "99.0", ReleasedOn = new DateOnly(2026, 1, 1) });
        var third = new RecordingConnectionFactory(Connections);
        var fresh = await new EntitlementFactsSource(third, cache).LoadAsync(seed.Organisation, "ledger");

        third.Statements.Should().HaveCount(3, "a store that changes the catalogue drops every copy: the catalogue and the contracts are read again, with the counts");
        fresh.Releases.Should().Contain(r => r.Name == "99.0");
    }

    [SkippableFact]
    public async Task LoadAsync_WithTheCache_ReadsTheContractsAgain_WhenAnyNodeChangesThem()
    {
        var seed = await SeedAsync();
        var cache = new EntitlementFactsCache();
        var source = new EntitlementFactsSource(Connections, cache);
        await source.LoadAsync(seed.Organisation, "ledger");

        // Another node's store, which cannot drop this node's cache; and counts moved without a new version.
        var elsewhere = new ContractStore(Connections);
        await elsewhere.SaveContractAsync(seed.Contract with { ProductIds = [seed.Ledger.Id], EndsOn = new DateOnly(2027, 6, 30) });
        var added = (await elsewhere.SaveContractAsync(new Contract
        {
            OrganisationId = seed.Organisation, PlanId = seed.Plan.Id, ProductIds = [seed.Payroll.Id], StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 12, 31),
        }))!;
        await ExecuteAsync("UPDATE Contracts SET IncidentsBought = 5, IncidentsUsed = 7 WHERE Id = @Id", new { seed.Contract.Id });

        var facts = await source.LoadAsync(seed.Organisation, "ledger");

        facts.Contracts.Select(c => c.Contract.Id).Should().Equal(seed.Contract.Id, added.Id);
        facts.Contracts[0].Contract.EndsOn.Should().Be(new DateOnly(2027, 6, 30));
        facts.Contracts[0].Contract.ProductIds.Should().Equal(seed.Ledger.Id);
        facts.Contracts[0].Contract.IncidentsBought.Should().Be(5);
        facts.Contracts[0].IncidentsUsed.Should().Be(7);

        var recorder = new RecordingConnectionFactory(Connections);
        var unchanged = await new EntitlementFactsSource(recorder, cache).LoadAsync(seed.Organisation, "ledger");
        recorder.Statements.Should().ContainSingle("nothing changed: only the versions and counts are read");
        unchanged.Contracts.Should().BeEquivalentTo(facts.Contracts);

        await ExecuteAsync("UPDATE Contracts SET Status = 'Cancelled', Version = Version + 1 WHERE Id = @Id", new { added.Id });
        var cancelled = await source.LoadAsync(seed.Organisation, "ledger");
        cancelled.Contracts.Should().ContainSingle().Which.Contract.Id.Should().Be(seed.Contract.Id);
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await Connections.OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    [SkippableFact]
    public async Task LoadAsync_ForAnOrganisationWithoutContracts_ReturnsNone()
    {
        var seed = await SeedAsync();
        var newcomer = await TestRows.OrganisationAsync(Connections, "Northwind");

        var facts = await Source.LoadAsync(newcomer, "payroll");

        facts.Product!.Id.Should().Be(seed.Payroll.Id);
        facts.Releases.Select(r => r.Name).Should().Equal("9.0");
        facts.Contracts.Should().BeEmpty();
        facts.ProductNames.Values.Should().BeEquivalentTo(["Ledger Pro", "Payroll"], "every product is named, whatever the contracts cover");
    }
}

public sealed class SqliteEntitlementFactsSourceTests : EntitlementFactsSourceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerEntitlementFactsSourceTests : EntitlementFactsSourceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
