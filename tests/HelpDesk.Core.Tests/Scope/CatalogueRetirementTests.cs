using HelpDesk.Core.Scope;
using static HelpDesk.Core.Tests.Scope.EntitlementExamples;

namespace HelpDesk.Core.Tests.Scope;

/// <summary>
/// Tidying the catalogue never weakens the scope: a retired release or environment is still known to the engine and
/// judged as unsupported, stays on the public page, and cannot be retired while a scope still supports it.
/// </summary>
public sealed class CatalogueRetirementTests
{
    private static readonly DateTime RetiredUtc = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    private static IReadOnlyList<ProductRelease> Retired(string name) =>
        [.. Releases.Select(r => r.Name == name ? r with { RetiredUtc = RetiredUtc } : r)];

    private static IReadOnlyList<TargetEnvironment> RetiredEnvironment(string code) =>
        [.. Environments.Select(e => e.Code == code ? e with { RetiredUtc = RetiredUtc } : e)];

    [Fact]
    public void Decide_JudgesARetiredOldRelease_OutOfScope_AsItDidBeforeItWasRetired()
    {
        var before = EntitlementEngine.Decide(Request() with { Release = "6.9" }, Facts(Contract()));
        var after = EntitlementEngine.Decide(Request() with { Release = "6.9" }, Facts(Contract()) with { Releases = Retired("6.9") });

        after.Verdict.Should().Be(Verdict.OutOfScope).And.Be(before.Verdict);
        after.NeedsReview.Should().BeFalse();
        after.OutOfScopeCategories.Should().Equal(RequestCategories.Backport);
        after.Reasons.Should().Contain(r => r.Clause == ScopeClauses.SupportedReleases
            && r.Text == "Release 6.9 is not supported: Only the current release 7.3 and the 2 before it are supported. The supported releases are 7.1 and 7.3.");
    }

    [Fact]
    public void Decide_WithTheReleaseDeleted_CouldOnlyCallItUnknown()
    {
        // What deleting did, and retiring prevents: the request was judged Entitled, needing review.
        var decision = EntitlementEngine.Decide(Request() with { Release = "6.9" }, Facts(Contract()) with { Releases = [.. Releases.Where(r => r.Name != "6.9")] });

        decision.Verdict.Should().Be(Verdict.Entitled);
        decision.NeedsReview.Should().BeTrue();
    }

    [Fact]
    public void Decide_SaysAReleaseInTheWindowWasRetired_FromTheDayItWas()
    {
        var facts = Facts(Contract()) with { Releases = Retired("7.1") };

        var after = EntitlementEngine.Decide(Request() with { Release = "7.1" }, facts);
        var before = EntitlementEngine.Decide(Request() with { Release = "7.1", AtUtc = RetiredUtc.AddDays(-1) }, facts);

        after.Verdict.Should().Be(Verdict.OutOfScope);
        after.Reasons.Should().Contain(r => r.Text.StartsWith("Release 7.1 is not supported: 7.1 was retired on 1 Nov 2026.", StringComparison.Ordinal));
        before.Verdict.Should().Be(Verdict.Entitled);
    }

    [Fact]
    public void Decide_JudgesARetiredEnvironment_AsKnownAndUnsupported()
    {
        var decision = EntitlementEngine.Decide(Request() with { Environment = "Windows Server 2012" }, Facts(Contract()) with { Environments = RetiredEnvironment("win2012") });

        decision.Verdict.Should().Be(Verdict.OutOfScope);
        decision.NeedsReview.Should().BeFalse();
        decision.OutOfScopeCategories.Should().Equal(RequestCategories.UnsupportedEnvironment);
        decision.Reasons.Should().Contain(r => r.Text == "Windows Server 2012 is not a supported environment for Orders API. The supported environments are Linux x64, Windows x64 and macOS (Apple silicon).");
    }

    [Fact]
    public void Decide_AListedEnvironmentRetiredLater_IsSupportedBeforeItsRetirementOnly()
    {
        var facts = Facts(Contract()) with { Environments = RetiredEnvironment("macos-arm64") };

        var after = EntitlementEngine.Decide(Request() with { Environment = "macos-arm64" }, facts);
        var before = EntitlementEngine.Decide(Request() with { Environment = "macos-arm64", AtUtc = RetiredUtc.AddHours(-1).Date.AddDays(-1) }, facts);

        after.Verdict.Should().Be(Verdict.OutOfScope);
        after.Reasons.Should().Contain(r => r.Text.StartsWith("macOS (Apple silicon) was retired on 1 Nov 2026", StringComparison.Ordinal)
            && r.Text.EndsWith("The supported environments are Linux x64 and Windows x64.", StringComparison.Ordinal));
        before.Verdict.Should().Be(Verdict.Entitled);
    }

    [Fact]
    public void SupportedReleases_KeepsARetiredReleasesPlaceInTheWindow()
    {
        var day = new DateOnly(2026, 11, 30);

        // 7.1 retired: the window is still 7.1, 7.2, 7.3 (7.2 ended); 7.0 does not come back into support.
        ScopeHistory.SupportedReleases(Retired("7.1"), 2, day).Select(r => r.Name).Should().Equal("7.3");
        ScopeHistory.SupportedReleases(Releases, 2, day).Select(r => r.Name).Should().Equal("7.1", "7.3");
    }

    [Fact]
    public void ScopeDocument_StillListsARetiredRelease_AsNoLongerSupported()
    {
        var document = ScopeDocument.Build(ScopeV1, Orders, Retired("6.9"), Environments, new DateOnly(2026, 11, 30));

        document.Clause(ScopeClauses.SupportedReleases)!.Paragraphs
            .Should().Contain(p => p.StartsWith("No longer supported: 6.9, 7.0, 7.2.", StringComparison.Ordinal));
    }

    [Fact]
    public void AssessRelease_RefusesToRetireAReleaseTheScopeInForceSupports()
    {
        var supported = Releases.Single(r => r.Name == "7.3");

        var removal = CatalogueRetirement.AssessRelease(supported, Orders, Releases, [ScopeV1], new CatalogueReferences(0, 0), Now);

        removal.CanRetire.Should().BeFalse();
        removal.RetireRefusal.Should().Be("7.3 is still supported by Orders API version 1. Set its end of support to a day that has passed, or publish a version that no longer supports it, before retiring it.");
    }

    [Fact]
    public void AssessRelease_RefusesToRetireAReleaseADraftWouldSupport()
    {
        var draft = ScopeV1 with { Id = 11, Number = 0, Status = ScopeStatus.Draft, PublishedUtc = null, ReleasesBack = 4 };

        var removal = CatalogueRetirement.AssessRelease(Releases.Single(r => r.Name == "7.0"), Orders, Releases, [ScopeV1, draft], new CatalogueReferences(0, 0), Now);

        removal.RetireRefusal.Should().StartWith("7.0 is still supported by the Orders API draft.");
    }

    [Fact]
    public void AssessRelease_RetiresAnUnsupportedRelease_SayingWhatFollows_AndRefusesToDeleteWhatIsReferredTo()
    {
        var old = Releases.Single(r => r.Name == "6.9");

        var removal = CatalogueRetirement.AssessRelease(old, Orders, Releases, [ScopeV1], new CatalogueReferences(12, 3), Now);

        removal.CanRetire.Should().BeTrue();
        removal.What.Should().Be("release 6.9 of Orders API");
        removal.Consequences.Should().Equal(
            "Customers will no longer be offered 6.9 when they file a ticket.",
            "Orders API version 1 still lists it as no longer supported, and requests that name it are still judged out of scope, not as an unknown release.",
            "12 tickets name it (3 open); they keep their verdicts.",
            "It can be reinstated at any time.");
        removal.CanDelete.Should().BeFalse();
        removal.DeleteRefusal.Should().Be("6.9 cannot be deleted: 12 tickets name it and Orders API version 1 names it.");
    }

    [Fact]
    public void AssessRelease_AllowsDeletingAReleaseNothingRefersTo()
    {
        var future = Releases.Single(r => r.Name == "8.0");

        var removal = CatalogueRetirement.AssessRelease(future, Orders, Releases, [ScopeV1], new CatalogueReferences(0, 0), Now);

        removal.CanDelete.Should().BeTrue();
    }

    [Fact]
    public void AssessEnvironment_RefusesToRetireOneTheScopeInForceLists_AndAllowsAnUnlistedOne()
    {
        var names = new Dictionary<int, string> { [1] = "Orders API" };

        var listed = CatalogueRetirement.AssessEnvironment(Environments[0], [ScopeV1], names, new CatalogueReferences(4, 1), Now);
        var unlisted = CatalogueRetirement.AssessEnvironment(Environments[3], [], names, new CatalogueReferences(2, 0, Skills: 1), Now);

        listed.RetireRefusal.Should().Be("Linux x64 is a supported environment in Orders API version 1. Publish versions without it (and take it out of the drafts) before retiring it.");
        listed.DeleteRefusal.Should().Be("Linux x64 cannot be deleted: 4 tickets name it and Orders API version 1 names it.");
        unlisted.CanRetire.Should().BeTrue();
        unlisted.Consequences.Should().Contain("Requests that name Windows Server 2012 are still judged against it: it stays a known environment, and it is not supported.")
            .And.Contain("One engineer's skill is narrowed to it; the skill stays as it is.");
        unlisted.DeleteRefusal.Should().Be("Windows Server 2012 cannot be deleted: 2 tickets name it and an engineer's skill is narrowed to it.");
    }

    [Fact]
    public void AssessEnvironment_AllowsRetiringOneOnlyAnOlderVersionListed()
    {
        var v2 = ScopeV1 with { Id = 12, Number = 2, EffectiveOn = new(2026, 6, 1), PublishedUtc = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), EnvironmentCodes = ["linux-x64", "win-x64"] };

        var removal = CatalogueRetirement.AssessEnvironment(Environments[2], [ScopeV1, v2], new Dictionary<int, string> { [1] = "Orders API" }, new CatalogueReferences(0, 0), Now);

        removal.CanRetire.Should().BeTrue();
        removal.Consequences.Should().Contain(c => c.StartsWith("Orders API version 1 still lists it as it was published", StringComparison.Ordinal));
        removal.CanDelete.Should().BeFalse();
    }

    [Fact]
    public void CheckDraft_RefusesARetiredEnvironment()
    {
        var draft = ScopeV1 with { Number = 0, Status = ScopeStatus.Draft, EffectiveOn = new(2026, 12, 1), Summary = "Orders API support." };

        var errors = ScopeRules.CheckDraft(draft, Releases, RetiredEnvironment("macos-arm64"));

        errors.Should().ContainSingle().Which.Should().Be(new HelpDesk.Core.Common.FieldError(
            "environmentCodes", "macOS (Apple silicon) is retired; reinstate it in the catalogue first or leave it out."));
    }
}
