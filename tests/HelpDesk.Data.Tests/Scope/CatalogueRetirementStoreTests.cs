using Dapper;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Audit;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Scope;

/// <summary>Releases and environments that anything refers to are retired, never deleted; each change writes its audit line.</summary>
public abstract class CatalogueRetirementStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    private ScopeStore Store => new(Connections);

    private ManageAuditStore Audit => new(Connections);

    private static ManageAuditEntry Line(string subject, int subjectId, int? actor, string action) =>
        new() { Subject = subject, SubjectId = subjectId, ActorId = actor, Action = action, Detail = "What followed.", AtUtc = Now };

    private async Task<(Product Keel, ProductRelease Old, ProductRelease Next)> KeelAsync()
    {
        var keel = (await Store.CreateProductAsync(new Product { Code = "keel", Name = "Keel RTOS" }))!;
        var old = (await Store.SaveReleaseAsync(new ProductRelease { ProductId = keel.Id, Name = "4.0", ReleasedOn = new DateOnly(2021, 1, 10) }))!;
        var next = (await Store.SaveReleaseAsync(new ProductRelease { ProductId = keel.Id, Name = "6.0", ReleasedOn = new DateOnly(2026, 9, 1) }))!;
        await Store.SaveReleaseAsync(new ProductRelease { ProductId = keel.Id, Name = "5.2", ReleasedOn = new DateOnly(2025, 5, 1) });
        return (keel, old, next);
    }

    private async Task PublishAsync(int productId, params string[] environments)
    {
        var manager = await TestRows.UserAsync(Connections, $"publisher-{Guid.NewGuid():N}@helpdesk.test");
        var draft = await Store.SaveDraftAsync(new ScopeOfSupport
        {
            ProductId = productId,
            EffectiveOn = new DateOnly(2026, 1, 1),
            Summary = "Support for the current release.",
            ReleasesBack = 0,
            EnvironmentCodes = environments,
        });
        await Store.PublishAsync(draft!.Id, draft.Version, manager, Now);
    }

    private async Task TicketAsync(string? product, string? release, string? environment, string status = "New")
    {
        var organisation = await TestRows.OrganisationAsync(Connections, $"Org {Guid.NewGuid():N}");
        var requester = await TestRows.UserAsync(Connections, $"{Guid.NewGuid():N}@example.test", organisation);
        await using var connection = await Connections.OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Product, ProductRelease, Environment, Severity, Status, CreatedUtc, UpdatedUtc)
            VALUES (@Organisation, @Requester, 'Help', 'Web', @Product, @Release, @Environment, 3, @Status, @Now, @Now)
            """, new { Organisation = organisation, Requester = requester, Product = product, Release = release, Environment = environment, Status = status, Now });
    }

    [SkippableFact]
    public async Task SetReleaseRetiredAsync_RetiresAndReinstates_KeepingTheRelease_WithAnAuditLineEachTime()
    {
        var (keel, old, _) = await KeelAsync();
        var manager = await TestRows.UserAsync(Connections, "manager@helpdesk.test");

        var retired = await Store.SetReleaseRetiredAsync(old.Id, Now, Line(AuditSubjects.Product, keel.Id, manager, "retired release 4.0"));
        var again = await Store.SetReleaseRetiredAsync(old.Id, Now.AddHours(1), Line(AuditSubjects.Product, keel.Id, manager, "retired release 4.0"));
        var stored = await Store.GetReleaseAsync(old.Id);
        var reinstated = await Store.SetReleaseRetiredAsync(old.Id, null, Line(AuditSubjects.Product, keel.Id, manager, "reinstated release 4.0"));

        retired.Should().BeTrue();
        again.Should().BeFalse("it was already retired");
        stored!.RetiredUtc.Should().Be(Now);
        reinstated.Should().BeTrue();
        (await Store.GetReleaseAsync(old.Id))!.RetiredUtc.Should().BeNull();
        (await Store.ListReleasesAsync(keel.Id)).Select(r => r.Name).Should().Contain("4.0");
        var history = await Audit.ListAsync(AuditSubjects.Product, keel.Id);
        history.Select(h => h.Action).Should().Equal("reinstated release 4.0", "retired release 4.0");
        history[0].Should().BeEquivalentTo(new { ActorId = manager, ActorName = "manager@helpdesk.test", Detail = "What followed.", AtUtc = Now });
    }

    [SkippableFact]
    public async Task DeleteReleaseAsync_RefusesARelease_ATicketNames_OrAPublishedScopeLists()
    {
        var (keel, old, next) = await KeelAsync();
        await TicketAsync("Keel RTOS", "4.0", null, status: "Closed");

        var namedByTicket = await Store.DeleteReleaseAsync(old.Id, Today, Line(AuditSubjects.Product, keel.Id, null, "deleted release 4.0"));
        var references = await Store.ReleaseReferencesAsync(old, keel);
        await PublishAsync(keel.Id);
        var fivePointTwo = (await Store.ListReleasesAsync(keel.Id)).Single(r => r.Name == "5.2");
        var listedByScope = await Store.DeleteReleaseAsync(fivePointTwo.Id, Today, Line(AuditSubjects.Product, keel.Id, null, "deleted release 5.2"));
        var notOutYet = await Store.DeleteReleaseAsync(next.Id, Today, Line(AuditSubjects.Product, keel.Id, null, "deleted release 6.0"));

        namedByTicket.Should().BeFalse();
        references.Should().Be(new CatalogueReferences(1, 0));
        listedByScope.Should().BeFalse();
        notOutYet.Should().BeTrue("6.0 is not out yet, so no published page lists it and no ticket names it");
        (await Store.ListReleasesAsync(keel.Id)).Select(r => r.Name).Should().Equal("4.0", "5.2");
        (await Audit.ListAsync(AuditSubjects.Product, keel.Id)).Select(h => h.Action).Should().Equal("deleted release 6.0");
    }

    [SkippableFact]
    public async Task ReleaseReferencesAsync_CountsTicketsByTheProductsCodeOrName_InAnyCase()
    {
        var (keel, old, _) = await KeelAsync();
        await TicketAsync("Keel RTOS", "4.0", null);
        await TicketAsync("keel", "4.0", null, status: "Resolved");
        await TicketAsync("KEEL RTOS", "4.0", null, status: "PendingCustomer");
        await TicketAsync("Keel RTOS", "5.2", null);
        await TicketAsync("Mooring", "4.0", null);

        (await Store.ReleaseReferencesAsync(old, keel)).Should().Be(new CatalogueReferences(3, 2));
    }

    [SkippableFact]
    public async Task Environments_AreRetiredAndReinstated_AndDeletedOnlyWhenNothingNamesThem()
    {
        var (keel, _, _) = await KeelAsync();
        var old = (await Store.SaveEnvironmentAsync(new TargetEnvironment { Code = "win-2012", Name = "Windows Server 2012", Kind = EnvironmentKind.OperatingSystem }))!;
        var listed = (await Store.SaveEnvironmentAsync(new TargetEnvironment { Code = "ubuntu-24.04", Name = "Ubuntu 24.04", Kind = EnvironmentKind.OperatingSystem }))!;
        var skilled = (await Store.SaveEnvironmentAsync(new TargetEnvironment { Code = "cortex-m4", Name = "Cortex-M4", Kind = EnvironmentKind.Platform }))!;
        var unused = (await Store.SaveEnvironmentAsync(new TargetEnvironment { Code = "typo-env", Name = "Typo", Kind = EnvironmentKind.Platform }))!;
        await PublishAsync(keel.Id, "ubuntu-24.04");
        await TicketAsync("Keel RTOS", "5.2", "Windows Server 2012");
        var engineer = await TestRows.UserAsync(Connections, "engineer@helpdesk.test");
        await using (var connection = await Connections.OpenAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO EngineerProfiles (UserId, Tier, Sourcing, Languages, Categories, Capacity, Available, UpdatedUtc, Version)
                VALUES (@User, 1, 'InHouse', 'en', '', 5, 1, @Now, 1);
                INSERT INTO EngineerSkills (UserId, ProductId, Area, Proficiency) VALUES (@User, @Product, 'cortex-m4', 3);
                """, new { User = engineer, Product = keel.Id, Now });
        }

        (await Store.SetEnvironmentRetiredAsync(old.Id, Now, Line(AuditSubjects.Environment, old.Id, null, "retired Windows Server 2012"))).Should().BeTrue();
        (await Store.ListEnvironmentsAsync()).Single(e => e.Id == old.Id).RetiredUtc.Should().Be(Now);
        (await Store.EnvironmentReferencesAsync(old)).Should().Be(new CatalogueReferences(1, 1, 0));
        (await Store.EnvironmentReferencesAsync(skilled)).Should().Be(new CatalogueReferences(0, 0, 1));
        (await Store.DeleteEnvironmentAsync(old.Id, Line(AuditSubjects.Environment, old.Id, null, "deleted"))).Should().BeFalse("a ticket names it");
        (await Store.DeleteEnvironmentAsync(listed.Id, Line(AuditSubjects.Environment, listed.Id, null, "deleted"))).Should().BeFalse("a published scope lists it");
        (await Store.DeleteEnvironmentAsync(skilled.Id, Line(AuditSubjects.Environment, skilled.Id, null, "deleted"))).Should().BeFalse("a skill is narrowed to it");
        (await Store.DeleteEnvironmentAsync(unused.Id, Line(AuditSubjects.Environment, unused.Id, null, "deleted Typo"))).Should().BeTrue();
        (await Store.SetEnvironmentRetiredAsync(old.Id, null, Line(AuditSubjects.Environment, old.Id, null, "reinstated Windows Server 2012"))).Should().BeTrue();

        (await Store.ListEnvironmentsAsync()).Select(e => (e.Code, e.RetiredUtc)).Should().BeEquivalentTo(new (string, DateTime?)[]
        {
            ("cortex-m4", null), ("ubuntu-24.04", null), ("win-2012", null),
        });
        (await Audit.ListAsync(AuditSubjects.Environment, old.Id)).Select(h => h.Action).Should().Equal("reinstated Windows Server 2012", "retired Windows Server 2012");
        (await Audit.ListAsync(AuditSubjects.Environment, unused.Id)).Select(h => h.Action).Should().Equal("deleted Typo");
    }

    [SkippableFact]
    public async Task ListScopesNamingEnvironmentAsync_ReturnsEveryVersionOfTheProductsThatNameIt()
    {
        var (keel, _, _) = await KeelAsync();
        var mooring = (await Store.CreateProductAsync(new Product { Code = "mooring", Name = "Mooring" }))!;
        await Store.SaveReleaseAsync(new ProductRelease { ProductId = mooring.Id, Name = "1.0", ReleasedOn = new DateOnly(2025, 1, 1) });
        await PublishAsync(keel.Id, "ubuntu-24.04");
        await PublishAsync(keel.Id);
        await PublishAsync(mooring.Id, "debian-12");

        var versions = await Store.ListScopesNamingEnvironmentAsync("Ubuntu-24.04");

        versions.Select(v => (v.ProductId, v.Number)).Should().BeEquivalentTo(new[] { (keel.Id, 1), (keel.Id, 2) });
    }
}

public sealed class SqliteCatalogueRetirementStoreTests : CatalogueRetirementStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerCatalogueRetirementStoreTests : CatalogueRetirementStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
