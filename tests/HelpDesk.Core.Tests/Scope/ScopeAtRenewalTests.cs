using HelpDesk.Core.Scope;
using static HelpDesk.Core.Tests.Scope.EntitlementExamples;

namespace HelpDesk.Core.Tests.Scope;

/// <summary>
/// Version 2 supports only the current release (7.3) and is published on 1 Jul 2026, effective the same day. C-0007
/// runs over 2026, so it started before version 2 was published; C-0008 started on 1 Aug 2026, after it.
/// </summary>
public sealed class ScopeAtRenewalTests
{
    private static readonly ScopeOfSupport V2 = ScopeV1 with
    {
        Id = 11,
        Number = 2,
        EffectiveOn = new(2026, 7, 1),
        PublishedUtc = new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc),
        ReleasesBack = 0,
    };

    private static readonly ScopeOfSupport V2AtRenewal = V2 with { AppliesTo = ScopeApplication.AtRenewal };

    [Fact]
    public void AnApplyNowVersion_JudgesEveryContract_AndTheReasonsAreAsBefore()
    {
        var decision = EntitlementEngine.Decide(Request() with { Release = "7.1" }, Facts(Contract()) with { PublishedScopes = [ScopeV1, V2] });

        decision.Verdict.Should().Be(Verdict.OutOfScope);
        decision.ScopeNumber.Should().Be(2);
        decision.Reasons.Should().NotContain(r => r.Text.StartsWith("Judged by version", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAtRenewalVersion_LeavesAContractThatStartedBeforeItsPublication_OnTheVersionInForceAtItsStart()
    {
        var decision = EntitlementEngine.Decide(Request() with { Release = "7.1" }, Facts(Contract()) with { PublishedScopes = [ScopeV1, V2AtRenewal] });

        decision.Verdict.Should().Be(Verdict.Entitled);
        decision.ScopeNumber.Should().Be(1);
        decision.Reasons.Select(r => r.Text).Should().Contain(
            "Judged by version 1 of the Orders API Scope of Support, the version contract C-0007 is entitled to until it renews: version 2 was published on 1 Jul 2026 to apply only to contracts that start or renew after its publication, and this contract's term started on 1 Jan 2026.");
    }

    [Fact]
    public void AnAtRenewalVersion_JudgesAContractThatStartedAfterItsPublication_AndSaysWhy()
    {
        var decision = EntitlementEngine.Decide(
            Request() with { Release = "7.1" },
            Facts(Contract(id: 8, starts: new(2026, 8, 1))) with { PublishedScopes = [ScopeV1, V2AtRenewal] });

        decision.Verdict.Should().Be(Verdict.OutOfScope);
        decision.ScopeNumber.Should().Be(2);
        decision.Reasons.Select(r => r.Text).Should().Contain(
            "Judged by version 2 of the Orders API Scope of Support, which applies to contracts that start or renew on or after 1 Jul 2026; the term of contract C-0008 started on 1 Aug 2026.");
    }

    [Fact]
    public void TheRenewal_OfARunningContract_MovesItOntoTheAtRenewalVersion()
    {
        var renewal = Contract(id: 9, starts: new(2027, 1, 1), ends: new(2027, 12, 31));
        var decision = EntitlementEngine.Decide(
            Request() with { Release = "7.1", AtUtc = new DateTime(2027, 1, 10, 12, 0, 0, DateTimeKind.Utc) },
            Facts(Contract(), renewal) with { PublishedScopes = [ScopeV1, V2AtRenewal] });

        decision.ContractNumber.Should().Be("C-0009");
        decision.ScopeNumber.Should().Be(2);
        decision.Verdict.Should().Be(Verdict.OutOfScope);
    }

    [Fact]
    public void AnApplyNowVersion_PublishedLater_AppliesToARunningContract_OverAnAtRenewalOne()
    {
        var v3 = ScopeV1 with { Id = 12, Number = 3, EffectiveOn = new(2026, 9, 1), PublishedUtc = new DateTime(2026, 8, 20, 9, 0, 0, DateTimeKind.Utc), ReleasesBack = 1 };

        var decision = EntitlementEngine.Decide(Request() with { Release = "7.1" }, Facts(Contract()) with { PublishedScopes = [ScopeV1, V2AtRenewal, v3] });

        decision.ScopeNumber.Should().Be(3);
        decision.Verdict.Should().Be(Verdict.OutOfScope);
    }

    [Fact]
    public void TwoContracts_AreEachJudgedByTheirOwnVersion_AndTheOneThatComesFurthestWins()
    {
        var decision = EntitlementEngine.Decide(
            Request() with { Release = "7.1" },
            Facts(Contract(id: 8, starts: new(2026, 8, 1), ends: new(2027, 7, 31)), Contract()) with { PublishedScopes = [ScopeV1, V2AtRenewal] });

        decision.Verdict.Should().Be(Verdict.Entitled);
        decision.ContractNumber.Should().Be("C-0007");
        decision.ScopeNumber.Should().Be(1);
    }

    [Fact]
    public void ScopeFor_ComparesThePublicationDay_WithTheContractsStart()
    {
        var onTheDay = Contract(starts: new(2026, 7, 1)).Contract;
        var dayBefore = Contract(starts: new(2026, 6, 30)).Contract;

        EntitlementEngine.ScopeFor([ScopeV1, V2AtRenewal], Orders, onTheDay, Now, DateOnly.FromDateTime(Now))!.Number.Should().Be(2);
        EntitlementEngine.ScopeFor([ScopeV1, V2AtRenewal], Orders, dayBefore, Now, DateOnly.FromDateTime(Now))!.Number.Should().Be(1);
        EntitlementEngine.ScopeFor([V2AtRenewal], Orders, dayBefore, Now, DateOnly.FromDateTime(Now)).Should().BeNull();
    }
}
