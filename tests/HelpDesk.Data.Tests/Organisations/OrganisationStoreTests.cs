using Dapper;
using HelpDesk.Core.Organisations;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Organisations;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Organisations;

public abstract class OrganisationStoreTests : ProviderTestBase
{
    private OrganisationStore Store => new(Connections);

    private static Organisation Contoso => new()
    {
        Name = "Contoso",
        Region = Region.Emea,
        Segment = CustomerSegment.SelfService,
        EmailDomains = ["Contoso.com", " contoso.co.uk "],
        CreatedUtc = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc),
    };

    [SkippableFact]
    public async Task CreateAsync_SavesTheOrganisationAndItsDomains_LowerCased()
    {
        var result = await Store.CreateAsync(Contoso);

        result.Succeeded.Should().BeTrue();
        result.Version.Should().Be(1);
        var saved = await Store.GetAsync(result.Id);
        saved.Should().BeEquivalentTo(Contoso with { Id = result.Id, Version = 1, EmailDomains = ["contoso.co.uk", "contoso.com"] });
    }

    [SkippableFact]
    public async Task CreateAsync_StoresRegionAndSegmentAsTheirNames()
    {
        var result = await Store.CreateAsync(Contoso);

        await using var connection = await Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Region, string Segment)>(
            "SELECT Region, Segment FROM Organisations WHERE Id = @Id", new { result.Id });
        row.Should().Be(("Emea", "SelfService"));
    }

    [SkippableFact]
    public async Task CreateAsync_FailsAndSavesNothing_WhenADomainBelongsToAnotherOrganisation()
    {
        await Store.CreateAsync(Contoso);

        var result = await Store.CreateAsync(new Organisation { Name = "Fabrikam", EmailDomains = ["fabrikam.com", "CONTOSO.com"] });

        result.Succeeded.Should().BeFalse();
        result.Problem.Should().Be(OrganisationSaveProblem.DomainTaken);
        result.ConflictingDomains.Should().Equal("contoso.com");
        (await Store.ListAsync()).Select(o => o.Name).Should().Equal("Contoso");
        (await Store.FindByEmailDomainAsync("fabrikam.com")).Should().BeNull();
    }

    [SkippableFact]
    public async Task CreateAsync_Fails_WhenTheNameIsTaken()
    {
        await Store.CreateAsync(Contoso);

        var result = await Store.CreateAsync(Contoso with { EmailDomains = ["other.example"] });

        result.Problem.Should().Be(OrganisationSaveProblem.NameTaken);
        (await Store.FindByEmailDomainAsync("other.example")).Should().BeNull();
    }

    [SkippableFact]
    public async Task FindByEmailDomainAsync_IgnoresCase_AndReturnsAllTheOrganisationsDomains()
    {
        var contoso = await Store.CreateAsync(Contoso);
        await Store.CreateAsync(new Organisation { Name = "Fabrikam", EmailDomains = ["fabrikam.com"] });

        var found = await Store.FindByEmailDomainAsync("CONTOSO.COM");

        found!.Id.Should().Be(contoso.Id);
        found.EmailDomains.Should().Equal("contoso.co.uk", "contoso.com");
        (await Store.FindByEmailDomainAsync("nobody.example")).Should().BeNull();
    }

    [SkippableFact]
    public async Task FindByEmailDomainAsync_NeverPlacesByAPublicMailProvidersDomain_EvenOneListedBeforeTheRule()
    {
        // Stored straight through the store, as an organisation saved before public domains were refused would be.
        await Store.CreateAsync(new Organisation { Name = "Freelancers", EmailDomains = ["gmail.com", "freelancers.example"] });

        (await Store.FindByEmailDomainAsync("gmail.com")).Should().BeNull("anyone can have a gmail.com address");
        (await Store.FindByEmailDomainAsync("freelancers.example")).Should().NotBeNull();
    }

    [SkippableFact]
    public async Task ListAsync_ReturnsEveryOrganisation_ByName_WithItsOwnDomains()
    {
        await Store.CreateAsync(new Organisation { Name = "Fabrikam", Region = Region.Apac, Segment = CustomerSegment.Strategic, EmailDomains = ["fabrikam.com"] });
        await Store.CreateAsync(Contoso);
        await Store.CreateAsync(new Organisation { Name = "Northwind" });

        var all = await Store.ListAsync();

        all.Select(o => (o.Name, o.Region, o.Segment, string.Join(",", o.EmailDomains))).Should().Equal(
            ("Contoso", Region.Emea, CustomerSegment.SelfService, "contoso.co.uk,contoso.com"),
            ("Fabrikam", Region.Apac, CustomerSegment.Strategic, "fabrikam.com"),
            ("Northwind", Region.Emea, CustomerSegment.Strategic, ""));
    }

    [SkippableFact]
    public async Task UpdateAsync_SavesChangesAndDomains_AndBumpsTheVersion()
    {
        var created = await Store.CreateAsync(Contoso);
        var loaded = await Store.GetAsync(created.Id);

        var result = await Store.UpdateAsync(loaded! with { Name = "Contoso Ltd", Segment = CustomerSegment.Key, EmailDomains = ["contoso.com", "contoso.de"] });

        result.Succeeded.Should().BeTrue();
        result.Version.Should().Be(2);
        var saved = await Store.GetAsync(created.Id);
        saved!.Name.Should().Be("Contoso Ltd");
        saved.Segment.Should().Be(CustomerSegment.Key);
        saved.Version.Should().Be(2);
        saved.EmailDomains.Should().Equal("contoso.com", "contoso.de");
        (await Store.FindByEmailDomainAsync("contoso.co.uk")).Should().BeNull();
    }

    [SkippableFact]
    public async Task GetRecentAsync_WithTheCache_ReadsOnce_UntilTheStoreUpdatesAnOrganisation()
    {
        var recorder = new RecordingConnectionFactory(Connections);
        var store = new OrganisationStore(recorder, new OrganisationCache());
        var created = await store.CreateAsync(Contoso);
        (await store.GetRecentAsync(created.Id + 1)).Should().BeNull();

        var first = await store.GetRecentAsync(created.Id);
        var executions = recorder.Executions;
        var second = await store.GetRecentAsync(created.Id);

        recorder.Executions.Should().Be(executions, "the organisation read is kept");
        second.Should().BeEquivalentTo(first);

        await store.UpdateAsync(first! with { Segment = CustomerSegment.Strategic });

        (await store.GetRecentAsync(created.Id))!.Segment.Should().Be(CustomerSegment.Strategic, "an update drops the copies");
        (await Store.GetRecentAsync(created.Id))!.Segment.Should().Be(CustomerSegment.Strategic, "without a cache every read is fresh");
    }

    [SkippableFact]
    public async Task UpdateAsync_Fails_WhenTheVersionIsStale_AndKeepsTheFirstWrite()
    {
        var created = await Store.CreateAsync(Contoso);
        var first = await Store.GetAsync(created.Id);
        var second = await Store.GetAsync(created.Id);

        (await Store.UpdateAsync(first! with { Name = "First" })).Succeeded.Should().BeTrue();
        var stale = await Store.UpdateAsync(second! with { Name = "Second", EmailDomains = [] });

        stale.Succeeded.Should().BeFalse();
        stale.Problem.Should().Be(OrganisationSaveProblem.StaleVersion);
        var saved = await Store.GetAsync(created.Id);
        saved!.Name.Should().Be("First");
        saved.EmailDomains.Should().HaveCount(2);
    }

    [SkippableFact]
    public async Task UpdateAsync_FailsAndChangesNothing_WhenANewDomainBelongsToAnotherOrganisation()
    {
        var contoso = await Store.CreateAsync(Contoso);
        await Store.CreateAsync(new Organisation { Name = "Fabrikam", EmailDomains = ["fabrikam.com"] });
        var loaded = await Store.GetAsync(contoso.Id);

        var result = await Store.UpdateAsync(loaded! with { Name = "Renamed", EmailDomains = ["fabrikam.com"] });

        result.Problem.Should().Be(OrganisationSaveProblem.DomainTaken);
        result.ConflictingDomains.Should().Equal("fabrikam.com");
        var saved = await Store.GetAsync(contoso.Id);
        saved.Should().BeEquivalentTo(loaded);
    }
}

public sealed class SqliteOrganisationStoreTests : OrganisationStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerOrganisationStoreTests : OrganisationStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
