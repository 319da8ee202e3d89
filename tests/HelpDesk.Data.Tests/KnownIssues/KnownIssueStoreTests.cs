using Dapper;
using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.KnownIssues;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.KnownIssues;

public abstract class KnownIssueStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task AnIssue_IsSaved_ChangedOnlyAtItsVersion_AndLinkedToOneIssuePerTicket()
    {
        var store = new KnownIssueStore(Connections);
        var product = await ProductAsync("keel");
        var id = await store.AddAsync(Issue(product, "Timer drifts"));
        var other = await store.AddAsync(Issue(product, "Flash wears out"));
        var added = (await store.GetAsync(id))!;

        var changed = await store.UpdateAsync(added with { Status = KnownIssueStatus.Fixed, StatusRelease = "5.3", UpdatedUtc = Now.AddHours(1) });
        var stale = await store.UpdateAsync(added with { Title = "Lost" });

        added.ProductName.Should().Be("Product keel");
        added.Version.Should().Be(1);
        changed.Should().BeTrue();
        stale.Should().BeFalse();
        var stored = (await store.GetAsync(id))!;
        (stored.Title, stored.StatusText, stored.Version).Should().Be(("Timer drifts", "Fixed in 5.3", 2));
        (await store.ListAsync(new KnownIssueFilter(Status: KnownIssueStatus.Open))).Select(i => i.Id).Should().Equal(other);

        var northwind = await TestRows.OrganisationAsync(Connections, "Northwind");
        var contoso = await TestRows.OrganisationAsync(Connections, "Contoso");
        var ticket = await TicketAsync(northwind, "Drift");
        var theirs = await TicketAsync(contoso, "Wear");
        await store.LinkAsync(ticket, other, 0, Now);
        await store.LinkAsync(ticket, id, 0, Now);
        await store.LinkAsync(theirs, other, 0, Now);

        (await store.ForTicketAsync(ticket))!.Id.Should().Be(id, "linking again moves the link");
        (await store.LinkedTicketsAsync([id, other])).Select(t => (t.KnownIssueId, t.TicketId, t.OrganisationName, t.Status))
            .Should().Equal((id, ticket, "Northwind", TicketStatus.Open), (other, theirs, "Contoso", TicketStatus.Open));
        (await store.ListForOrganisationAsync(northwind)).Select(i => i.Id).Should().Equal(id);
        (await store.ListForOrganisationAsync(contoso)).Select(i => i.Id).Should().Equal(other);

        await store.LinkAsync(ticket, null, 0, Now);
        (await store.ForTicketAsync(ticket)).Should().BeNull();
    }

    [SkippableFact]
    public async Task FixedForOrganisation_CountsOnlyTheOrganisationsOwnTicketsOfFixedIssues()
    {
        var store = new KnownIssueStore(Connections);
        var product = await ProductAsync("keel");
        var fixedIssue = await store.AddAsync(Issue(product, "Timer drifts") with { Status = KnownIssueStatus.Fixed, StatusRelease = "5.3" });
        var open = await store.AddAsync(Issue(product, "Flash wears out"));
        var northwind = await TestRows.OrganisationAsync(Connections, "Northwind");
        var contoso = await TestRows.OrganisationAsync(Connections, "Contoso");
        await store.LinkAsync(await TicketAsync(northwind, "Drift"), fixedIssue, 0, Now);
        await store.LinkAsync(await TicketAsync(northwind, "Drift again"), fixedIssue, 0, Now);
        await store.LinkAsync(await TicketAsync(northwind, "Wear"), open, 0, Now);
        await store.LinkAsync(await TicketAsync(contoso, "Drift too"), fixedIssue, 0, Now);

        (await store.FixedForOrganisationAsync(northwind)).Should().Equal(new ReportedFix(fixedIssue, "Timer drifts", "Product keel", "5.3", 2));
        (await store.FixedForOrganisationAsync(contoso)).Should().Equal(new ReportedFix(fixedIssue, "Timer drifts", "Product keel", "5.3", 1));
        (await store.FixedForOrganisationAsync(await TestRows.OrganisationAsync(Connections, "Fabrikam"))).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task CoveredValues_SumTheActiveContractsInForce_ThatCoverTheProduct()
    {
        var store = new KnownIssueStore(Connections);
        var keel = await ProductAsync("keel");
        var mooring = await ProductAsync("mooring");
        var org = await TestRows.OrganisationAsync(Connections, "Northwind");
        await ContractAsync(org, 100_000, "Active", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), keel, mooring);
        await ContractAsync(org, 50_000, "Active", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), keel);
        await ContractAsync(org, 7_000, "Cancelled", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), keel);
        await ContractAsync(org, 9_000, "Active", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), keel);

        var values = await store.CoveredValuesAsync([org], new DateOnly(2026, 3, 2));

        values.Should().BeEquivalentTo([new CoveredValue(org, keel, 150_000), new CoveredValue(org, mooring, 100_000)]);
    }

    [SkippableFact]
    public async Task ANotice_IsClaimedOncePerTicket_UntilReleased()
    {
        var store = new KnownIssueStore(Connections);
        var id = await store.AddAsync(Issue(await ProductAsync("keel"), "Timer drifts"));
        var ticket = await TicketAsync(await TestRows.OrganisationAsync(Connections, "Northwind"), "Drift");

        (await store.ClaimNoticeAsync(id, ticket, Now)).Should().BeTrue();
        (await store.ClaimNoticeAsync(id, ticket, Now)).Should().BeFalse();
        await store.ReleaseNoticeAsync(id, ticket);
        (await store.ClaimNoticeAsync(id, ticket, Now)).Should().BeTrue();
    }

    private static KnownIssue Issue(int product, string title) => new()
    {
        Title = title,
        ProductId = product,
        AffectedReleases = "5.1",
        Kind = KnownIssueKind.Defect,
        Status = KnownIssueStatus.Open,
        PublicNote = "Restart as a workaround.",
        CreatedUtc = Now,
        UpdatedUtc = Now,
        Version = 1,
    };

    private async Task<int> ProductAsync(string code)
    {
        await using var c = await Connections.OpenAsync();
        return await c.ExecuteScalarAsync<int>(
            Connections.Dialect.InsertReturningId("INSERT INTO Products (Code, Name, Description, CreatedUtc, Version) VALUES (@Code, @Name, '', @Now, 1)"),
            new { Code = code, Name = "Product " + code, Now });
    }

    private async Task<int> TicketAsync(int organisation, string subject)
    {
        var requester = await TestRows.UserAsync(Connections, $"{Guid.NewGuid():N}@example.com", organisation);
        await using var c = await Connections.OpenAsync();
        return await c.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId("""
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Severity, Status, CreatedUtc, UpdatedUtc)
            VALUES (@Org, @Requester, @Subject, 'Web', 3, 'Open', @Now, @Now)
            """), new { Org = organisation, Requester = requester, Subject = subject, Now });
    }

    private async Task ContractAsync(int organisation, long value, string status, DateOnly starts, DateOnly ends, params int[] products)
    {
        await using var c = await Connections.OpenAsync();
        var plan = await c.ExecuteScalarAsync<int?>("SELECT MIN(Id) FROM Plans") ?? await c.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId("""
            INSERT INTO Plans (Code, Name, Description, ListPriceCents, IncidentAllowance, Channels, AroundTheClock, TimeZone, OpensMinute, ClosesMinute, Days, HolidayCalendarId, Version)
            VALUES ('gold', 'Gold', '', 100000, NULL, 'Web,Email,Api', 1, 'UTC', 0, 1440, 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday', NULL, 1)
            """));
        var contract = await c.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId("""
            INSERT INTO Contracts (OrganisationId, PlanId, StartsOn, EndsOn, TimeZone, ValueCents, RenewsContractId, Status, CreatedUtc, UpdatedUtc, Version)
            VALUES (@Org, @Plan, @Starts, @Ends, 'UTC', @Value, NULL, @Status, @Now, @Now, 1)
            """), new { Org = organisation, Plan = plan, Starts = starts, Ends = ends, Value = value, Status = status, Now });
        foreach (var product in products)
        {
            await c.ExecuteAsync("INSERT INTO ContractProducts (ContractId, ProductId) VALUES (@Contract, @Product)", new { Contract = contract, Product = product });
        }
    }
}

public sealed class SqliteKnownIssueStoreTests : KnownIssueStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerKnownIssueStoreTests : KnownIssueStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
