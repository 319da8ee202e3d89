using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tests.Scope;

public sealed class ScopeComparisonTests
{
    private static ScopeDocument Build(ScopeOfSupport scope) =>
        ScopeDocument.Build(scope, ScopeSamples.Product, ScopeSamples.Releases, ScopeSamples.Environments, new(2026, 3, 1));

    [Fact]
    public void Compare_FindsNothing_BetweenTheSameScope()
    {
        var comparison = ScopeComparison.Compare(Build(ScopeSamples.Scope()), Build(ScopeSamples.Scope()));

        comparison.HasChanges.Should().BeFalse();
        comparison.Clauses.Should().OnlyContain(c => c.Change == ClauseChange.Unchanged);
        comparison.Settings.Should().BeEmpty();
    }

    [Fact]
    public void Compare_MarksClausesAddedRemovedAndChanged_WithTheLinesBeforeAndAfter()
    {
        var older = ScopeSamples.Scope();
        var newer = older with
        {
            Number = 2,
            ReleasesBack = 1,
            OutOfScope =
            [
                new(RequestCategories.Customization, "We do not change the product for one customer.\n\nOur services team can quote the work."),
                new(RequestCategories.Port, "We build for the listed platforms only."),
            ],
        };

        var comparison = ScopeComparison.Compare(Build(older), Build(newer));

        var releases = comparison.Clauses.Single(c => c.Id == ScopeClauses.SupportedReleases);
        releases.Change.Should().Be(ClauseChange.Changed);
        releases.Before[0].Should().Contain("the current release and the 2 before it");
        releases.After[0].Should().Contain("the current release and the one before it");
        comparison.Clauses.Single(c => c.Id == "out-of-scope-port").Should().BeEquivalentTo(new
        {
            Change = ClauseChange.Added,
            Before = Array.Empty<string>(),
            After = new[] { "We build for the listed platforms only." },
        });
        comparison.Clauses.Single(c => c.Id == "out-of-scope-backport").Change.Should().Be(ClauseChange.Removed);
        comparison.Clauses.Single(c => c.Id == "out-of-scope-customization").Change.Should().Be(ClauseChange.Unchanged);
        comparison.Clauses.Single(c => c.Id == ScopeClauses.ModifiedSource).Change.Should().Be(ClauseChange.Unchanged);
        comparison.Clauses[^1].Id.Should().Be("out-of-scope-backport", "dropped clauses come after the newer version's own");
    }

    [Fact]
    public void Compare_ListsTheSettingsThatChanged()
    {
        var older = ScopeSamples.Scope();
        var newer = older with { Number = 2, EffectiveOn = new(2026, 6, 1), ReleasesBack = null, ModifiedSourceCovered = true };

        var comparison = ScopeComparison.Compare(Build(older), Build(newer));

        comparison.Settings.Should().BeEquivalentTo(new[]
        {
            new SettingChange("Effective date", "1 January 2026", "1 June 2026"),
            new SettingChange("Releases supported", "the current release and the 2 before it", "each release until its end-of-support date"),
            new SettingChange("Modified source", "not covered", "covered"),
        });
    }
}
