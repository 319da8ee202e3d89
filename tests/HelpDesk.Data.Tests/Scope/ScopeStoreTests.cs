using Dapper;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Scope;

public abstract class ScopeStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    private ScopeStore Store => new(Connections, new FakeTimeProvider(new DateTimeOffset(Now)));

    private async Task<Product> ProductAsync(string code = "ledger", string name = "Ledger") =>
        (await Store.CreateProductAsync(new Product { Code = code, Name = name, Description = "Double-entry accounts" }))!;

    private static ManageAuditEntry AuditLine(int productId) => new() { Subject = AuditSubjects.Product, SubjectId = productId, Action = "tidied", AtUtc = Now };

    private static ScopeOfSupport Draft(int productId) => new()
    {
        ProductId = productId,
        EffectiveOn = new DateOnly(2026, 4, 1),
        Summary = "We support the current release and the one before it.",
        ChangeNote = "First version.",
        ReleasesBack = 1,
        EnvironmentCodes = ["windows-11", "ubuntu-24"],
        ModifiedSourceCovered = false,
        ThirdPartyIntegrationCovered = true,
        OutOfScope =
        [
            new(RequestCategories.Backport, "Fixes go into the current release only."),
            new(RequestCategories.Customization, "Changes to the product are a paid service."),
        ],
    };

    [SkippableFact]
    public async Task CreateProductAsync_StoresTheCodeLowerCase_AndFindProductAsync_MatchesCodeNameOrIdInAnyCase()
    {
        var product = await ProductAsync(code: " LEDGER ", name: "Ledger Pro");

        product.Code.Should().Be("ledger");
        product.Version.Should().Be(1);
        (await Store.GetProductAsync(product.Id)).Should().BeEquivalentTo(product);
        (await Store.FindProductAsync("Ledger"))!.Id.Should().Be(product.Id);
        (await Store.FindProductAsync("ledger pro"))!.Id.Should().Be(product.Id);
        (await Store.FindProductAsync("LEDGER PRO"))!.Id.Should().Be(product.Id);
        (await Store.FindProductAsync(product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!.Id.Should().Be(product.Id);
        (await Store.FindProductAsync("payroll")).Should().BeNull();
        (await Store.FindProductAsync(" ")).Should().BeNull();
    }

    [SkippableFact]
    public async Task CreateProductAsync_ReturnsNull_WhenTheCodeOrTheNameIsTaken_WhateverTheCase()
    {
        await ProductAsync();

        (await Store.CreateProductAsync(new Product { Code = "LEDGER", Name = "Other" })).Should().BeNull();
        (await Store.CreateProductAsync(new Product { Code = "other", Name = "LEDGER" })).Should().BeNull();
        (await Store.ListProductsAsync()).Select(p => p.Code).Should().Equal("ledger");
    }

    [SkippableFact]
    public async Task UpdateProductAsync_SavesAndBumpsTheVersion_AndReturnsNull_WhenStaleOrTheNameIsTaken()
    {
        var ledger = await ProductAsync();
        var payroll = await ProductAsync("payroll", "Payroll");

        var saved = await Store.UpdateProductAsync(ledger with { Name = "Ledger Cloud", Description = "Hosted" });
        var stale = await Store.UpdateProductAsync(ledger with { Name = "Too late" });
        var taken = await Store.UpdateProductAsync(payroll with { Name = "ledger cloud" });

        saved!.Version.Should().Be(2);
        stale.Should().BeNull();
        taken.Should().BeNull();
        (await Store.GetProductAsync(ledger.Id)).Should().BeEquivalentTo(new Product { Id = ledger.Id, Code = "ledger", Name = "Ledger Cloud", Description = "Hosted", Version = 2 });
        (await Store.GetProductAsync(payroll.Id))!.Name.Should().Be("Payroll");
    }

    [SkippableFact]
    public async Task Releases_RoundTripTheirDates_OldestFirst_AndAProductNamesEachReleaseOnce()
    {
        var product = await ProductAsync();
        var v2 = await Store.SaveReleaseAsync(new ProductRelease { ProductId = product.Id, Name = "2.0", ReleasedOn = new DateOnly(2025, 6, 30) });
        var v1 = await Store.SaveReleaseAsync(new ProductRelease { ProductId = product.Id, Name = "1.0", ReleasedOn = new DateOnly(2024, 1, 15), EndOfSupportOn = new DateOnly(2025, 12, 31) });

        var duplicate = await Store.SaveReleaseAsync(new ProductRelease { ProductId = product.Id, Name = "2.0", ReleasedOn = new DateOnly(2025, 7, 1) });
        var renamed = await Store.SaveReleaseAsync(v2! with { Name = "2.0.1", EndOfSupportOn = new DateOnly(2027, 6, 30) });

        duplicate.Should().BeNull();
        renamed.Should().NotBeNull();
        (await Store.ListReleasesAsync(product.Id)).Should().Equal(v1!, renamed!);
        await using var connection = await Connections.OpenAsync();
        if (Provider == DatabaseProvider.Sqlite)
        {
            (await connection.ExecuteScalarAsync<string>("SELECT ReleasedOn FROM ProductReleases WHERE Id = @Id", new { v1!.Id })).Should().Be("2024-01-15");
        }

        // Nothing refers to 1.0 (no ticket names it, no scope is published), so it may be deleted.
        (await Store.DeleteReleaseAsync(v1!.Id, DateOnly.FromDateTime(Now), AuditLine(product.Id))).Should().BeTrue();
        (await Store.ListReleasesAsync(product.Id)).Should().Equal(renamed!);
    }

    [SkippableFact]
    public async Task Environments_AndThirdPartyProducts_RoundTrip_AndReturnNull_WhenTheCodeOrNameIsTaken()
    {
        var windows = await Store.SaveEnvironmentAsync(new TargetEnvironment { Code = "Windows-11", Name = "Windows 11", Kind = EnvironmentKind.OperatingSystem });
        var arm = await Store.SaveEnvironmentAsync(new TargetEnvironment { Code = "arm64", Name = "ARM64", Kind = EnvironmentKind.Platform });
        var sap = await Store.SaveThirdPartyAsync(new ThirdPartyProduct { Name = "SAP S/4HANA", Vendor = "SAP" });

        (await Store.SaveEnvironmentAsync(new TargetEnvironment { Code = "WINDOWS-11", Name = "Again", Kind = EnvironmentKind.Toolchain })).Should().BeNull();
        (await Store.SaveThirdPartyAsync(new ThirdPartyProduct { Name = "sap s/4hana", Vendor = "Someone" })).Should().BeNull();
        var gcc = await Store.SaveEnvironmentAsync(arm! with { Code = "gcc-14", Name = "GCC 14", Kind = EnvironmentKind.Toolchain });
        var salesforce = await Store.SaveThirdPartyAsync(new ThirdPartyProduct { Name = "Salesforce", Vendor = "Salesforce" });
        (await Store.SaveThirdPartyAsync(salesforce! with { Name = "SAP s/4hana" })).Should().BeNull();
        sap = await Store.SaveThirdPartyAsync(sap! with { Vendor = "SAP SE" });
        await Store.SaveThirdPartyAsync(salesforce with { Name = "Salesforce Sales Cloud" });

        windows!.Code.Should().Be("windows-11");
        (await Store.ListEnvironmentsAsync()).Should().Equal(gcc!, windows);
        (await Store.ListThirdPartyAsync()).Select(t => (t.Name, t.Vendor)).Should().BeEquivalentTo(new[] { ("SAP S/4HANA", "SAP SE"), ("Salesforce Sales Cloud", "Salesforce") });
    }

    [SkippableFact]
    public async Task SaveDraftAsync_RoundTripsEveryClause_AsANumberZeroDraft()
    {
        var product = await ProductAsync();

        var saved = await Store.SaveDraftAsync(Draft(product.Id));

        saved!.Number.Should().Be(0);
        saved.Status.Should().Be(ScopeStatus.Draft);
        saved.Version.Should().Be(1);
        var loaded = await Store.GetScopeAsync(saved.Id);
        loaded.Should().BeEquivalentTo(Draft(product.Id) with
        {
            Id = saved.Id,
            Version = 1,
            CreatedUtc = Now,
            UpdatedUtc = Now,
            EnvironmentCodes = ["ubuntu-24", "windows-11"],
        }, o => o.WithStrictOrdering());
        (await Store.GetDraftAsync(product.Id)).Should().BeEquivalentTo(loaded);
    }

    [SkippableFact]
    public async Task SaveDraftAsync_ReplacesTheClauses_AndReturnsNull_WhenStale()
    {
        var product = await ProductAsync();
        var first = await Store.SaveDraftAsync(Draft(product.Id));

        var second = await Store.SaveDraftAsync(first! with
        {
            ReleasesBack = null,
            EnvironmentCodes = ["macos-15"],
            OutOfScope = [new(RequestCategories.Port, "Ports are quoted separately.")],
        });
        var stale = await Store.SaveDraftAsync(first with { Summary = "Lost" });

        second!.Version.Should().Be(2);
        stale.Should().BeNull();
        var loaded = await Store.GetScopeAsync(first.Id);
        loaded!.ReleasesBack.Should().BeNull();
        loaded.Summary.Should().Be(first.Summary);
        loaded.EnvironmentCodes.Should().Equal("macos-15");
        loaded.OutOfScope.Should().Equal(new OutOfScopeClause(RequestCategories.Port, "Ports are quoted separately."));
    }

    [SkippableFact]
    public async Task SaveDraftAsync_ReturnsNull_WhenTheProductAlreadyHasADraft()
    {
        var product = await ProductAsync();
        await Store.SaveDraftAsync(Draft(product.Id));

        (await Store.SaveDraftAsync(Draft(product.Id) with { Summary = "Second draft" })).Should().BeNull();
        (await Store.ListScopesAsync(product.Id)).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task PublishAsync_NumbersEachProductsVersionsInTurn_AndFreezesThem()
    {
        var ledger = await ProductAsync();
        var payroll = await ProductAsync("payroll", "Payroll");
        var publisher = await TestRows.UserAsync(Connections, "manager@helpdesk.test");
        var at = new DateTime(2026, 3, 3, 9, 15, 0, DateTimeKind.Utc);

        var firstDraft = await Store.SaveDraftAsync(Draft(ledger.Id));
        var first = await Store.PublishAsync(firstDraft!.Id, firstDraft.Version, publisher, at);
        var secondDraft = await Store.SaveDraftAsync(Draft(ledger.Id) with { ChangeNote = "Ubuntu 24 added." });
        var second = await Store.PublishAsync(secondDraft!.Id, secondDraft.Version, publisher, at.AddDays(1));
        var otherDraft = await Store.SaveDraftAsync(Draft(payroll.Id));
        var other = await Store.PublishAsync(otherDraft!.Id, otherDraft.Version, publisher, at);

        first.Should().BeEquivalentTo(firstDraft with { Number = 1, Status = ScopeStatus.Published, PublishedUtc = at, PublishedById = publisher, UpdatedUtc = at, Version = 2 });
        second!.Number.Should().Be(2);
        other!.Number.Should().Be(1);
        (await Store.GetDraftAsync(ledger.Id)).Should().BeNull();
        (await Store.SaveDraftAsync(first! with { Summary = "Changed after publishing" })).Should().BeNull();
        (await Store.PublishAsync(first!.Id, first.Version, publisher, at)).Should().BeNull();
        (await Store.GetScopeAsync(first.Id)).Should().BeEquivalentTo(first);
    }

    [SkippableFact]
    public async Task PublishAsync_StoresWhetherTheVersionAppliesNowOrAtRenewal()
    {
        var ledger = await ProductAsync("renewals", "Renewals");
        var publisher = await TestRows.UserAsync(Connections, "manager@helpdesk.test");

        var firstDraft = await Store.SaveDraftAsync(Draft(ledger.Id));
        var first = await Store.PublishAsync(firstDraft!.Id, firstDraft.Version, publisher, Now);
        var secondDraft = await Store.SaveDraftAsync(Draft(ledger.Id) with { ChangeNote = "Only the current release." });
        var second = await Store.PublishAsync(secondDraft!.Id, secondDraft.Version, publisher, Now, ScopeApplication.AtRenewal);

        first!.AppliesTo.Should().Be(ScopeApplication.Now);
        second!.AppliesTo.Should().Be(ScopeApplication.AtRenewal);
        (await Store.ListScopesAsync(ledger.Id)).Select(v => v.AppliesTo).Should().Equal(ScopeApplication.AtRenewal, ScopeApplication.Now);
    }

    [SkippableFact]
    public async Task PublishAsync_ReturnsNull_WhenTheVersionIsStale()
    {
        var product = await ProductAsync();
        var publisher = await TestRows.UserAsync(Connections, "manager@helpdesk.test");
        var draft = await Store.SaveDraftAsync(Draft(product.Id));
        await Store.SaveDraftAsync(draft! with { Summary = "Edited meanwhile" });

        (await Store.PublishAsync(draft.Id, draft.Version, publisher, Now)).Should().BeNull();
        (await Store.GetScopeAsync(draft.Id))!.Status.Should().Be(ScopeStatus.Draft);
    }

    [SkippableFact]
    public async Task ListScopesAsync_ReturnsTheDraftFirst_ThenThePublishedVersionsNewestFirst()
    {
        var product = await ProductAsync();
        var publisher = await TestRows.UserAsync(Connections, "manager@helpdesk.test");
        for (var i = 0; i < 2; i++)
        {
            var draft = await Store.SaveDraftAsync(Draft(product.Id));
            await Store.PublishAsync(draft!.Id, draft.Version, publisher, Now);
        }

        await Store.SaveDraftAsync(Draft(product.Id));

        (await Store.ListScopesAsync(product.Id)).Select(s => (s.Number, s.Status)).Should().Equal(
            (0, ScopeStatus.Draft), (2, ScopeStatus.Published), (1, ScopeStatus.Published));
    }

    [SkippableFact]
    public async Task DeleteDraftAsync_DeletesTheDraftAndItsClauses_ButNeverAPublishedVersion()
    {
        var product = await ProductAsync();
        var publisher = await TestRows.UserAsync(Connections, "manager@helpdesk.test");
        var published = await Store.SaveDraftAsync(Draft(product.Id));
        published = await Store.PublishAsync(published!.Id, published.Version, publisher, Now);
        var draft = await Store.SaveDraftAsync(Draft(product.Id));

        (await Store.DeleteDraftAsync(draft!.Id, AuditLine(product.Id))).Should().BeTrue();
        (await Store.DeleteDraftAsync(published!.Id, AuditLine(product.Id))).Should().BeFalse();

        (await Store.ListScopesAsync(product.Id)).Should().ContainSingle().Which.Should().BeEquivalentTo(published);
        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ScopeExclusions WHERE ScopeVersionId = @Id", new { draft.Id })).Should().Be(0);
    }
}

public sealed class SqliteScopeStoreTests : ScopeStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerScopeStoreTests : ScopeStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
