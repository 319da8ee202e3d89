using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Scope.EntitlementExamples;

namespace HelpDesk.Core.Tests.Scope;

public sealed class EntitlementEngineTests
{
    /// <summary>One row of the verdict table: what is asked, what is known, and what the engine must answer.</summary>
    public sealed record VerdictExample(
        EntitlementRequest Request,
        EntitlementFacts Facts,
        Verdict Verdict,
        string? Contract = null,
        string[]? Categories = null,
        bool NeedsReview = false);

    private static readonly ScopeOfSupport Covering = ScopeV1 with
    {
        ModifiedSourceCovered = true,
        ThirdPartyIntegrationCovered = true,
        OutOfScope = AllExclusions.Where(c => c.Category != RequestCategories.ThirdPartyIntegration).ToList(),
    };

    private static readonly Dictionary<string, VerdictExample> Cases = new()
    {
        ["in scope, in term, on an included channel"] = new(Request(), Facts(Contract()), Verdict.Entitled, "C-0007"),
        ["no contract at all"] = new(Request(), Facts(), Verdict.NoContract),
        ["the contract covers another product"] = new(Request(), Facts(Contract(products: [2])), Verdict.NoContract),
        ["the contract has not started"] = new(Request(), Facts(Contract(starts: new(2026, 12, 1), ends: new(2027, 11, 30))), Verdict.NoContract),
        ["the contract has ended"] = new(Request(), Facts(Contract(starts: new(2025, 1, 1), ends: new(2025, 12, 31))), Verdict.Expired, "C-0007"),
        ["the contract ended yesterday"] = new(Request(), Facts(Contract(ends: new(2026, 11, 29))), Verdict.Expired, "C-0007"),
        ["the contract ends today"] = new(Request(), Facts(Contract(ends: new(2026, 11, 30))), Verdict.Entitled, "C-0007"),
        ["the plan lacks the channel"] = new(Request() with { Channel = TicketChannel.Email }, Facts(Contract(plan: Basic)), Verdict.ChannelNotIncluded, "C-0007"),
        ["the API is not in the Standard plan"] = new(Request() with { Channel = TicketChannel.Api }, Facts(Contract(plan: Standard)), Verdict.ChannelNotIncluded, "C-0007"),
        ["every incident is used"] = new(Request(), Facts(Contract(plan: Standard, used: 10)), Verdict.AllowanceUsed, "C-0007"),
        ["one incident is left"] = new(Request(), Facts(Contract(plan: Standard, used: 9)), Verdict.Entitled, "C-0007"),
        ["unlimited incidents"] = new(Request(), Facts(Contract(used: 5000)), Verdict.Entitled, "C-0007"),
        ["out of scope with every incident used"] = new(Request() with { Release = "7.0" }, Facts(Contract(plan: Standard, used: 10)), Verdict.OutOfScope, "C-0007", [RequestCategories.Backport]),
        ["a cancelled contract"] = new(Request(), Facts(Contract(status: ContractStatus.Cancelled)), Verdict.NoContract),
        ["a cancelled and an active contract"] = new(Request(), Facts(Contract(id: 3, status: ContractStatus.Cancelled, ends: new(2027, 12, 31)), Contract(id: 8)), Verdict.Entitled, "C-0008"),
        ["another organisation's contract"] = new(Request(), Facts(Contract(organisation: 99)), Verdict.NoContract),
        ["an expired and an active contract"] = new(Request(), Facts(Contract(id: 3, starts: new(2025, 1, 1), ends: new(2025, 12, 31)), Contract(id: 8)), Verdict.Entitled, "C-0008"),
        ["an expired and an upcoming contract"] = new(Request(), Facts(Contract(id: 3, ends: new(2026, 10, 31)), Contract(id: 8, starts: new(2026, 12, 1), ends: new(2027, 11, 30))), Verdict.Expired, "C-0003"),
        ["two in term, one lacks the channel"] = new(Request() with { Channel = TicketChannel.Email }, Facts(Contract(id: 3, plan: Basic, ends: new(2027, 6, 30)), Contract(id: 8, plan: Standard)), Verdict.Entitled, "C-0008"),
        ["two in term, one's incidents are used"] = new(Request(), Facts(Contract(id: 3, plan: Standard, used: 10, ends: new(2027, 6, 30)), Contract(id: 8, plan: Basic, used: 2)), Verdict.Entitled, "C-0008"),
        ["two in term, both lack the channel"] = new(Request() with { Channel = TicketChannel.Api }, Facts(Contract(id: 3, plan: Basic), Contract(id: 8, plan: Standard, ends: new(2027, 3, 31))), Verdict.ChannelNotIncluded, "C-0008"),
        ["two entitle: the later end wins"] = new(Request(), Facts(Contract(id: 3), Contract(id: 8, ends: new(2027, 3, 31))), Verdict.Entitled, "C-0008"),
        ["two entitle to the same day: the lower id wins"] = new(Request(), Facts(Contract(id: 8), Contract(id: 3)), Verdict.Entitled, "C-0003"),
        ["the release exactly 2 back"] = new(Request() with { Release = "7.1" }, Facts(Contract()), Verdict.Entitled, "C-0007"),
        ["the release 3 back"] = new(Request() with { Release = "7.0" }, Facts(Contract()), Verdict.OutOfScope, "C-0007", [RequestCategories.Backport]),
        ["a release past its end of support, within 2 back"] = new(Request() with { Release = "7.2" }, Facts(Contract()), Verdict.OutOfScope, "C-0007", [RequestCategories.Backport]),
        ["a release named with spaces and another case"] = new(Request() with { Release = " 7.3 " }, Facts(Contract()), Verdict.Entitled, "C-0007"),
        ["an unknown release"] = new(Request() with { Release = "9.9" }, Facts(Contract()), Verdict.Entitled, "C-0007", NeedsReview: true),
        ["no release"] = new(Request() with { Release = null }, Facts(Contract()), Verdict.Entitled, "C-0007", NeedsReview: true),
        ["a release not out yet"] = new(Request() with { Release = "8.0" }, Facts(Contract()), Verdict.Entitled, "C-0007", NeedsReview: true),
        ["an unknown environment"] = new(Request() with { Environment = "Plan 9" }, Facts(Contract()), Verdict.Entitled, "C-0007", NeedsReview: true),
        ["no environment"] = new(Request() with { Environment = " " }, Facts(Contract()), Verdict.Entitled, "C-0007", NeedsReview: true),
        ["an environment named by its name"] = new(Request() with { Environment = "windows X64" }, Facts(Contract()), Verdict.Entitled, "C-0007"),
        ["an unsupported environment"] = new(Request() with { Environment = "Windows Server 2012" }, Facts(Contract()), Verdict.OutOfScope, "C-0007", [RequestCategories.UnsupportedEnvironment]),
        ["modified source"] = new(Request() with { ModifiedSource = true }, Facts(Contract()), Verdict.OutOfScope, "C-0007", [RequestCategories.Customization]),
        ["modified source, covered"] = new(Request() with { ModifiedSource = true }, Facts(Contract()) with { PublishedScopes = [Covering] }, Verdict.Entitled, "C-0007"),
        ["third-party integration"] = new(Request() with { Category = RequestCategories.ThirdPartyIntegration }, Facts(Contract()), Verdict.OutOfScope, "C-0007", [RequestCategories.ThirdPartyIntegration]),
        ["third-party integration, covered"] = new(Request() with { Category = RequestCategories.ThirdPartyIntegration }, Facts(Contract()) with { PublishedScopes = [Covering] }, Verdict.Entitled, "C-0007"),
        ["a backport request"] = new(Request() with { Category = RequestCategories.Backport }, Facts(Contract()), Verdict.OutOfScope, "C-0007", [RequestCategories.Backport]),
        ["a customization request"] = new(Request() with { Category = "Customization" }, Facts(Contract()), Verdict.OutOfScope, "C-0007", [RequestCategories.Customization]),
        ["a port request"] = new(Request() with { Category = RequestCategories.Port }, Facts(Contract()), Verdict.OutOfScope, "C-0007", [RequestCategories.Port]),
        ["a consulting request"] = new(Request() with { Category = RequestCategories.ConsultingTraining }, Facts(Contract()), Verdict.OutOfScope, "C-0007", [RequestCategories.ConsultingTraining]),
        ["a category the scope does not exclude"] = new(Request() with { Category = RequestCategories.Port }, Facts(Contract()) with { PublishedScopes = [ScopeV1 with { OutOfScope = [] }] }, Verdict.Entitled, "C-0007"),
        ["several categories at once"] = new(
            Request() with { Release = "7.0", Environment = "win2012", ModifiedSource = true, Category = RequestCategories.ConsultingTraining },
            Facts(Contract()),
            Verdict.OutOfScope,
            "C-0007",
            [RequestCategories.Backport, RequestCategories.Customization, RequestCategories.UnsupportedEnvironment, RequestCategories.ConsultingTraining]),
        ["an unknown product: any contract counts"] = new(Request() with { Product = "Widgets" }, Facts(Contract(products: [2])) with { Product = null }, Verdict.Entitled, "C-0007", NeedsReview: true),
        ["no product: any contract counts"] = new(Request() with { Product = null }, Facts(Contract(products: [2])) with { Product = null }, Verdict.Entitled, "C-0007", NeedsReview: true),
        ["an unknown product and no contract"] = new(Request() with { Product = "Widgets" }, Facts() with { Product = null }, Verdict.NoContract, NeedsReview: true),
        ["no product: the allowance waits for classification"] = new(Request() with { Product = null }, Facts(Contract(plan: Standard, used: 10)) with { Product = null }, Verdict.Entitled, "C-0007", NeedsReview: true),
        ["its own incident does not count against the allowance"] = new(Request() with { HoldsIncidentOf = 7 }, Facts(Contract(plan: Standard, used: 10)), Verdict.Entitled, "C-0007"),
        ["an incident held under another contract does not help"] = new(Request() with { HoldsIncidentOf = 3 }, Facts(Contract(plan: Standard, used: 10)), Verdict.AllowanceUsed, "C-0007"),
        ["no scope in force: the scope is not checked"] = new(Request() with { Release = "6.9" }, Facts(Contract()) with { PublishedScopes = [] }, Verdict.Entitled, "C-0007", NeedsReview: true),
        ["only a draft scope: the scope is not checked"] = new(Request() with { Release = "6.9" }, Facts(Contract()) with { PublishedScopes = [ScopeV1 with { Status = ScopeStatus.Draft, Number = 0 }] }, Verdict.Entitled, "C-0007", NeedsReview: true),
        ["a scope naming no environment restricts none"] = new(Request() with { Environment = "win2012" }, Facts(Contract()) with { PublishedScopes = [ScopeV1 with { EnvironmentCodes = [] }] }, Verdict.Entitled, "C-0007"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Decide_GivesTheWrittenVerdict(string name)
    {
        var example = Cases[name];

        var decision = EntitlementEngine.Decide(example.Request, example.Facts);

        decision.Verdict.Should().Be(example.Verdict);
        decision.ContractNumber.Should().Be(example.Contract);
        decision.OutOfScopeCategories.Should().Equal(example.Categories ?? []);
        decision.NeedsReview.Should().Be(example.NeedsReview);
        decision.Reasons.Should().NotBeEmpty();
        decision.Reasons.Should().OnlyContain(r => !string.IsNullOrWhiteSpace(r.Text));
    }

    [Fact]
    public void Decide_CoversEveryVerdict_InTheTable()
    {
        Cases.Values.Select(c => c.Verdict).Distinct().Should().BeEquivalentTo(Enum.GetValues<Verdict>());
    }

    [Fact]
    public void Decide_SaysWhichContractItRestsOn()
    {
        var decision = EntitlementEngine.Decide(Request(), Facts(Contract()));

        decision.Reasons[0].Should().Be(new EntitlementReason(
            "Judged under contract C-0007, Premium plan, 1 Jan 2026 to 31 Dec 2026. It is in term and covers Orders API, includes requests by the web portal, and its incidents are unlimited.",
            Contract: "C-0007"));
        decision.ContractId.Should().Be(7);
        decision.PlanName.Should().Be("Premium");
        decision.ProductCode.Should().Be("orders");
        decision.ScopeId.Should().Be(10);
        decision.ScopeNumber.Should().Be(1);
    }

    [Fact]
    public void Decide_SaysWhyTheOtherContractsDidNotEntitle()
    {
        var decision = EntitlementEngine.Decide(
            Request() with { Channel = TicketChannel.Email },
            Facts(Contract(id: 3, starts: new(2025, 1, 1), ends: new(2025, 12, 31)), Contract(id: 5, plan: Basic), Contract(id: 8, plan: Standard, used: 4), Contract(id: 9, products: [2])));

        decision.ContractNumber.Should().Be("C-0008");
        decision.Reasons[0].Text.Should().Contain("4 of its 10 incidents are used");
        decision.Reasons.Should().ContainEquivalentOf(new EntitlementReason("Contract C-0003 ended on 31 Dec 2025.", Contract: "C-0003"));
        decision.Reasons.Should().ContainEquivalentOf(new EntitlementReason(
            "The Basic plan of contract C-0005 does not include requests by email; it includes the web portal.", Contract: "C-0005"));
        decision.Reasons.Should().ContainEquivalentOf(new EntitlementReason("Contract C-0009 does not cover Orders API; it covers Billing.", Contract: "C-0009"));
    }

    [Fact]
    public void Decide_ExplainsAnEndedRelease_WithItsDateAndTheSupportedReleases()
    {
        var decision = EntitlementEngine.Decide(Request() with { Release = "7.2" }, Facts(Contract()));

        decision.Reasons.Should().Contain(new EntitlementReason(
            "Release 7.2 is not supported: 7.2 ended support on 31 Oct 2026. The supported releases are 7.1 and 7.3.",
            ScopeClauses.SupportedReleases));
        decision.Reasons.Should().Contain(r => r.Clause == "out-of-scope-backport" && r.Text.Contains("moving a fix to an older release is a paid service", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_ExplainsAReleaseOutsideTheWindow_ByTheCurrentRelease()
    {
        var decision = EntitlementEngine.Decide(Request() with { Release = "7.0" }, Facts(Contract()));

        decision.Reasons.Should().Contain(r => r.Clause == ScopeClauses.SupportedReleases
            && r.Text.Contains("Only the current release 7.3 and the 2 before it are supported.", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_MovesTheWindow_WhenALaterReleaseIsOut()
    {
        // On 1 Mar 2026 the current release is 7.2, so 7.0 is exactly 2 back.
        var march = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

        EntitlementEngine.Decide(Request() with { Release = "7.0", AtUtc = march }, Facts(Contract())).Verdict.Should().Be(Verdict.Entitled);
        EntitlementEngine.Decide(Request() with { Release = "6.9", AtUtc = march }, Facts(Contract())).Verdict.Should().Be(Verdict.OutOfScope);
    }

    [Fact]
    public void Decide_SupportsARelease_OnItsLastDayOfSupport()
    {
        var lastDay = new DateTime(2026, 10, 31, 23, 0, 0, DateTimeKind.Utc);

        EntitlementEngine.Decide(Request() with { Release = "7.2", AtUtc = lastDay }, Facts(Contract())).Verdict.Should().Be(Verdict.Entitled);
    }

    [Theory]
    [InlineData(0, "7.1", "Only the current release 7.3 is supported.")]
    [InlineData(1, "7.1", "Only the current release 7.3 and the one before it are supported.")]
    public void Decide_WordsTheWindow_ForNoneOrOneReleaseBack(int back, string release, string expected)
    {
        var facts = Facts(Contract()) with { PublishedScopes = [ScopeV1 with { ReleasesBack = back }] };

        var decision = EntitlementEngine.Decide(Request() with { Release = release }, facts);

        decision.Verdict.Should().Be(Verdict.OutOfScope);
        decision.Reasons.Should().Contain(r => r.Text.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("6.9", Verdict.Entitled)]
    [InlineData("7.0", Verdict.Entitled)]
    [InlineData("7.2", Verdict.OutOfScope)]
    public void Decide_UsesEndOfSupportDatesAlone_WhenTheScopeCountsNoReleasesBack(string release, Verdict expected)
    {
        var facts = Facts(Contract()) with { PublishedScopes = [ScopeV1 with { ReleasesBack = null }] };

        EntitlementEngine.Decide(Request() with { Release = release }, facts).Verdict.Should().Be(expected);
    }

    [Fact]
    public void Decide_UsesTheEarlierScope_WhenALaterOneWasPublishedAfterTheTicketWasFiled()
    {
        var v2 = ScopeV1 with { Id = 11, Number = 2, EffectiveOn = new(2026, 11, 1), PublishedUtc = Now.AddHours(3), ReleasesBack = 0 };

        var decision = EntitlementEngine.Decide(Request() with { Release = "7.1" }, Facts(Contract()) with { PublishedScopes = [v2, ScopeV1] });

        decision.Verdict.Should().Be(Verdict.Entitled);
        decision.ScopeNumber.Should().Be(1);
        decision.ScopeId.Should().Be(10);
    }

    [Fact]
    public void Decide_UsesTheEarlierScope_WhileTheLaterOneIsNotYetEffective()
    {
        var v2 = ScopeV1 with { Id = 11, Number = 2, EffectiveOn = new(2026, 12, 1), PublishedUtc = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), ReleasesBack = 0 };
        var facts = Facts(Contract()) with { PublishedScopes = [ScopeV1, v2] };

        EntitlementEngine.Decide(Request() with { Release = "7.1" }, facts).ScopeNumber.Should().Be(1);

        var december = EntitlementEngine.Decide(Request() with { Release = "7.1", AtUtc = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) }, facts);
        december.ScopeNumber.Should().Be(2);
        december.Verdict.Should().Be(Verdict.OutOfScope);
    }

    [Fact]
    public void Decide_IgnoresOtherProductsScopes()
    {
        var other = ScopeV1 with { Id = 20, ProductId = 2, Number = 5 };

        EntitlementEngine.Decide(Request(), Facts(Contract()) with { PublishedScopes = [ScopeV1, other] }).ScopeId.Should().Be(10);
    }

    [Fact]
    public void Decide_TreatsAContractEndingTodayInTokyo_AsEnded_WhileItIsStillThatDayInUtc()
    {
        // 30 Nov 16:00 UTC is 1 Dec 01:00 in Tokyo.
        var request = Request() with { AtUtc = new(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc) };

        EntitlementEngine.Decide(request, Facts(Contract(ends: new(2026, 11, 30), timeZone: "Asia/Tokyo"))).Verdict.Should().Be(Verdict.Expired);
        EntitlementEngine.Decide(request, Facts(Contract(ends: new(2026, 11, 30), timeZone: "UTC"))).Verdict.Should().Be(Verdict.Entitled);
    }

    [Fact]
    public void Decide_TreatsAContractEndingTodayInLosAngeles_AsInTerm_AfterThatDayEndedInUtc()
    {
        // 1 Dec 05:00 UTC is still 30 Nov 21:00 in Los Angeles.
        var request = Request() with { AtUtc = new(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc) };

        EntitlementEngine.Decide(request, Facts(Contract(ends: new(2026, 11, 30), timeZone: "America/Los_Angeles"))).Verdict.Should().Be(Verdict.Entitled);
        EntitlementEngine.Decide(request, Facts(Contract(ends: new(2026, 11, 30), timeZone: "UTC"))).Verdict.Should().Be(Verdict.Expired);
    }

    [Fact]
    public void Decide_StartsAContractAtMidnightInItsTimeZone()
    {
        var request = Request() with { AtUtc = new(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc) };

        EntitlementEngine.Decide(request, Facts(Contract(starts: new(2026, 12, 1), ends: new(2027, 11, 30), timeZone: "Asia/Tokyo"))).Verdict.Should().Be(Verdict.Entitled);
        EntitlementEngine.Decide(request, Facts(Contract(starts: new(2026, 12, 1), ends: new(2027, 11, 30), timeZone: "Europe/London"))).Verdict.Should().Be(Verdict.NoContract);
    }

    public static TheoryData<Severity, int, int> PremiumTargets => new()
    {
        { Severity.Critical, 30, 240 },
        { Severity.High, 60, 480 },
        { Severity.Normal, 240, 1440 },
        { Severity.Low, 480, 2880 },
    };

    [Theory]
    [MemberData(nameof(PremiumTargets))]
    public void Decide_CarriesThePlansTarget_ForTheSeverity(Severity severity, int firstResponse, int resolve)
    {
        var decision = EntitlementEngine.Decide(Request() with { Severity = severity }, Facts(Contract()));

        decision.Sla.Should().Be(new SlaTarget(severity, firstResponse, resolve));
        decision.Reasons.Should().Contain(r => r.Text.StartsWith("Under the Premium plan a ", StringComparison.Ordinal) && r.Text.Contains("counted around the clock", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Verdict.OutOfScope, true)]
    [InlineData(Verdict.AllowanceUsed, true)]
    [InlineData(Verdict.NoContract, false)]
    [InlineData(Verdict.Expired, false)]
    [InlineData(Verdict.ChannelNotIncluded, false)]
    public void Decide_KeepsTheFirstResponseTarget_OnlyWhenAContractIsInTermOnTheChannel(Verdict verdict, bool hasTarget)
    {
        var (request, facts) = verdict switch
        {
            Verdict.OutOfScope => (Request() with { Release = "7.0" }, Facts(Contract(plan: Standard))),
            Verdict.AllowanceUsed => (Request(), Facts(Contract(plan: Standard, used: 10))),
            Verdict.NoContract => (Request(), Facts()),
            Verdict.Expired => (Request(), Facts(Contract(ends: new(2026, 6, 30)))),
            _ => (Request() with { Channel = TicketChannel.Api }, Facts(Contract(plan: Standard))),
        };

        var decision = EntitlementEngine.Decide(request, facts);

        decision.Verdict.Should().Be(verdict);
        if (hasTarget)
        {
            decision.Sla.Should().Be(new SlaTarget(Severity.Normal, 480, 2400));
            decision.Reasons.Should().Contain(r => r.Text.Contains("first response within 8 hours for a normal request still applies", StringComparison.Ordinal)
                && r.Text.Contains("Monday to Friday 09:00 to 17:00 Europe/London", StringComparison.Ordinal));
        }
        else
        {
            decision.Sla.Should().BeNull();
        }
    }

    [Fact]
    public void Decide_QuotesTheScopesExplanation_ForAnExcludedCategory()
    {
        var decision = EntitlementEngine.Decide(Request() with { Category = RequestCategories.ConsultingTraining }, Facts(Contract()));

        decision.Reasons.Should().Contain(new EntitlementReason(
            "Consulting or training is outside the Scope of Support: Design reviews, consulting and training are booked separately.",
            "out-of-scope-consulting-training"));
    }

    [Fact]
    public void Decide_CitesEveryClause_WhenSeveralApply()
    {
        var decision = EntitlementEngine.Decide(
            Request() with { Release = "7.0", Environment = "win2012", ModifiedSource = true, Category = RequestCategories.ThirdPartyIntegration },
            Facts(Contract()));

        decision.Reasons.Select(r => r.Clause).OfType<string>().Should().BeEquivalentTo(
        [
            ScopeClauses.SupportedReleases, "out-of-scope-backport",
            ScopeClauses.SupportedEnvironments, "out-of-scope-unsupported-environment",
            ScopeClauses.ModifiedSource, "out-of-scope-customization",
            ScopeClauses.ThirdPartyIntegration, "out-of-scope-third-party-integration",
        ]);
        decision.OutOfScopeCategories.Should().Equal(
            RequestCategories.Backport, RequestCategories.Customization, RequestCategories.ThirdPartyIntegration, RequestCategories.UnsupportedEnvironment);
    }

    [Fact]
    public void Decide_NamesTheSupportedEnvironments_WhenOneIsNotSupported()
    {
        var decision = EntitlementEngine.Decide(Request() with { Environment = "WIN2012" }, Facts(Contract()));

        decision.Reasons.Should().Contain(new EntitlementReason(
            "Windows Server 2012 is not a supported environment for Orders API. The supported environments are Linux x64, Windows x64 and macOS (Apple silicon).",
            ScopeClauses.SupportedEnvironments));
    }

    [Fact]
    public void Decide_SaysWhatCouldNotBeChecked_ForAnUnknownReleaseOrEnvironment()
    {
        var decision = EntitlementEngine.Decide(Request() with { Release = "9.9", Environment = "Plan 9" }, Facts(Contract()));

        decision.Reasons.Should().Contain(new EntitlementReason("9.9 is not a release of Orders API we know, so whether it is supported could not be checked.", ScopeClauses.SupportedReleases));
        decision.Reasons.Should().Contain(new EntitlementReason("Plan 9 is not an environment we know, so whether it is supported could not be checked.", ScopeClauses.SupportedEnvironments));
    }

    [Fact]
    public void Decide_SaysTheProductIsUnknown_AndChecksNoScope()
    {
        var decision = EntitlementEngine.Decide(Request() with { Product = "Widgets", Release = "0.1" }, Facts(Contract()) with { Product = null });

        decision.ProductCode.Should().BeNull();
        decision.ScopeId.Should().BeNull();
        decision.Reasons.Should().Contain(r => r.Text.StartsWith("\"Widgets\" is not a product in our catalogue", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_SaysNoScopeWasInForce()
    {
        var decision = EntitlementEngine.Decide(Request(), Facts(Contract()) with { PublishedScopes = [] });

        decision.ScopeId.Should().BeNull();
        decision.Reasons.Should().Contain(r => r.Text.StartsWith("No Scope of Support for Orders API was in force on 30 Nov 2026", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_NamesNoContract_WhenNoneCovers()
    {
        var decision = EntitlementEngine.Decide(Request(), Facts(Contract(products: [2])));

        decision.ContractId.Should().BeNull();
        decision.PlanName.Should().BeNull();
        decision.Reasons[0].Text.Should().Be("No contract of the organisation covers Orders API on 30 Nov 2026.");
        decision.Reasons.Should().Contain(new EntitlementReason("Contract C-0007 does not cover Orders API; it covers Billing.", Contract: "C-0007"));
    }

    [Fact]
    public void Decide_WordsAnUsedAllowance()
    {
        var decision = EntitlementEngine.Decide(Request(), Facts(Contract(plan: Standard, used: 12)));

        decision.Reasons[0].Text.Should().EndWith("All 10 incidents of contract C-0007 for this term are used.");
    }
}
