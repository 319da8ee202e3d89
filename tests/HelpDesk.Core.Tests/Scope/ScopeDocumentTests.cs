using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tests.Scope;

public sealed class ScopeDocumentTests
{
    private static ScopeDocument Build(ScopeOfSupport scope, DateOnly asOf) =>
        ScopeDocument.Build(scope, ScopeSamples.Product, ScopeSamples.Releases, ScopeSamples.Environments, asOf);

    [Fact]
    public void Build_WritesTheClausesInOrder_WithOneClausePerExcludedCategoryInTheCataloguesOrder()
    {
        var document = Build(ScopeSamples.Scope(), new(2026, 3, 1));

        document.Clauses.Select(c => c.Id).Should().Equal(
            ScopeClauses.SupportedReleases,
            ScopeClauses.SupportedEnvironments,
            ScopeClauses.ModifiedSource,
            ScopeClauses.ThirdPartyIntegration,
            "out-of-scope-backport",
            "out-of-scope-customization");
        document.ProductCode.Should().Be("data-bridge");
        document.Number.Should().Be(1);
        document.IsDraft.Should().BeFalse();
    }

    [Fact]
    public void Build_SupportedReleases_StatesTheRuleAndListsTheReleasesInTheWindowWithTheirEndOfSupport()
    {
        var clause = Build(ScopeSamples.Scope(releasesBack: 2), new(2026, 3, 1)).Clause(ScopeClauses.SupportedReleases)!;

        clause.Paragraphs[0].Should().Contain("the current release and the 2 before it");
        clause.Paragraphs.Should().Contain("As of 1 March 2026, these releases are supported:");
        clause.Items.Should().Equal(
            "3.1 — released 1 February 2024; supported while it is within the window",
            "4.0 — released 15 January 2025; supported until 31 January 2027",
            "4.1 — released 1 February 2026; supported while it is within the window");
        clause.Paragraphs.Should().Contain(p => p.StartsWith("No longer supported: 3.0.", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SupportedReleases_LeavesOutAReleaseReleasedAfterTheDay()
    {
        var clause = Build(ScopeSamples.Scope(releasesBack: 1), new(2026, 1, 31)).Clause(ScopeClauses.SupportedReleases)!;

        clause.Paragraphs[0].Should().Contain("the current release and the one before it");
        clause.Items.Select(i => i.Split(' ')[0]).Should().Equal("3.1", "4.0");
    }

    [Fact]
    public void Build_SupportedReleases_GoesByEndOfSupportDatesAlone_WhenReleasesBackIsEmpty()
    {
        var clause = Build(ScopeSamples.Scope(releasesBack: null), new(2027, 2, 1)).Clause(ScopeClauses.SupportedReleases)!;

        clause.Paragraphs[0].Should().Be("Each release of DataBridge is supported until its end-of-support date.");
        clause.Items.Select(i => i.Split(' ')[0]).Should().Equal("3.1", "4.1");
    }

    [Fact]
    public void Build_SupportedReleases_SaysSoWhenNoReleaseIsSupported()
    {
        var clause = Build(ScopeSamples.Scope(), new(2020, 1, 1)).Clause(ScopeClauses.SupportedReleases)!;

        clause.Items.Should().BeEmpty();
        clause.Paragraphs.Should().Contain("As of 1 January 2020, no release of DataBridge is supported.");
    }

    [Fact]
    public void Build_SupportedEnvironments_GroupsTheEnvironmentsByKind()
    {
        var clause = Build(ScopeSamples.Scope(), new(2026, 3, 1)).Clause(ScopeClauses.SupportedEnvironments)!;

        clause.Items.Should().Equal("Operating systems: Ubuntu 24.04 LTS, Windows Server 2022", "Toolchains: .NET 8");
    }

    [Fact]
    public void Build_ModifiedSourceAndThirdParty_SayWhetherTheyAreCovered()
    {
        var document = Build(ScopeSamples.Scope() with { ModifiedSourceCovered = true, ThirdPartyIntegrationCovered = false }, new(2026, 3, 1));

        document.Clause(ScopeClauses.ModifiedSource)!.Paragraphs[0].Should().StartWith("Support covers DataBridge when you have modified its source code.");
        document.Clause(ScopeClauses.ThirdPartyIntegration)!.Paragraphs[0].Should().Contain("are not covered by support");
    }

    [Fact]
    public void Build_OutOfScopeClause_CarriesTheCategoryLabelAndTheExplanationAsParagraphs()
    {
        var clause = Build(ScopeSamples.Scope(), new(2026, 3, 1)).Clause("out-of-scope-customization")!;

        clause.Title.Should().Be("Not covered: " + RequestCategories.LabelOf(RequestCategories.Customization));
        clause.Paragraphs.Should().Equal("We do not change the product for one customer.", "Our services team can quote the work.");
    }

    [Theory]
    [InlineData(null, "each release until its end-of-support date")]
    [InlineData(0, "the current release only")]
    [InlineData(1, "the current release and the one before it")]
    [InlineData(2, "the current release and the 2 before it")]
    public void ReleaseRule_SaysTheWindowInWords(int? back, string expected) =>
        ScopeDocument.ReleaseRule(back).Should().Be(expected);
}
