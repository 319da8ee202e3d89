using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Routing;

public sealed class RouterTests
{
    private static readonly DateTime Now = new(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc);
    private static readonly RoutingSettings Settings = new();

    /// <summary>A Keel ticket of normal severity at tier 1, in English, from a standard customer.</summary>
    private static readonly RoutingRequest Keel = new()
    {
        ProductCode = "keel",
        Area = "cortex-m4",
        Severity = Severity.Normal,
        Tier = 1,
        Segment = CustomerSegment.Standard,
        Language = "en",
        AtUtc = Now,
    };

    private static EngineerProfile Engineer(int id, string name, int proficiency = 3, int tier = 1, long hourlyCents = 6_000) => new()
    {
        UserId = id,
        Name = name,
        Tier = tier,
        Skills = [new EngineerSkill(1, "keel", null, proficiency)],
        Languages = ["en"],
        Rates = [new CostRate(new DateOnly(2026, 1, 1), hourlyCents)],
        Capacity = 5,
    };

    private static EngineerLoad Load(EngineerProfile engineer, int open = 0) => new(engineer, open);

    private static ExcludedEngineer? Check(EngineerProfile engineer, RoutingRequest? request = null, int open = 0) =>
        Router.Check(request ?? Keel, Load(engineer, open), Settings);

    [Fact]
    public void Check_LeavesOutAnEngineerWhoIsAway()
    {
        var exclusion = Check(Engineer(1, "Ana Diaz") with { Available = false });

        exclusion.Should().Be(new ExcludedEngineer(1, "Ana Diaz", ExclusionReason.Away, "away"));
    }

    [Fact]
    public void Check_LeavesOutAnEngineerWithoutTheProductSkill()
    {
        var exclusion = Check(Engineer(1, "Ana Diaz") with { Skills = [new EngineerSkill(2, "harbor", null, 5)] });

        exclusion!.Reason.Should().Be(ExclusionReason.NoSkill);
        exclusion.Text.Should().Be("no keel skill");
    }

    [Fact]
    public void Check_CountsASkillNarrowedToAnAreaOnlyInThatArea()
    {
        var armOnly = Engineer(1, "Ana Diaz") with { Skills = [new EngineerSkill(1, "keel", "cortex-m4", 3)] };

        Check(armOnly).Should().BeNull();
        Check(armOnly, Keel with { Area = "CORTEX-M4" }).Should().BeNull("areas are environment codes, compared without regard to case");
        var elsewhere = Check(armOnly, Keel with { Area = "riscv32" });
        elsewhere!.Reason.Should().Be(ExclusionReason.NoSkill);
        elsewhere.Text.Should().Be("knows keel only on cortex-m4, not riscv32");
    }

    [Fact]
    public void Check_MatchesAnAreaByTheEnvironmentsNameToo_AsTicketsMayNameEither()
    {
        var armOnly = Engineer(1, "Ana Diaz") with { Skills = [new EngineerSkill(1, "keel", "cortex-m4", 3) { AreaName = "Arm Cortex-M4" }] };

        Check(armOnly, Keel with { Area = "Arm Cortex-M4" }).Should().BeNull();
        Check(armOnly, Keel with { Area = "Arm Cortex-M7" })!.Reason.Should().Be(ExclusionReason.NoSkill);
    }

    [Fact]
    public void Check_UsesTheBestSkillThatMatchesTheArea()
    {
        var engineer = Engineer(1, "Ana Diaz") with
        {
            Skills = [new EngineerSkill(1, "keel", null, 2), new EngineerSkill(1, "keel", "cortex-m4", 4)],
        };
        var high = Keel with { Severity = Severity.High };

        Check(engineer, high).Should().BeNull("on Cortex-M4 the area skill of 4 counts");
        var elsewhere = Check(engineer, high with { Area = "riscv32" });
        elsewhere!.Reason.Should().Be(ExclusionReason.LowProficiency);
        elsewhere.Text.Should().Be("keel proficiency 2; a high ticket needs 3");
    }

    public static TheoryData<Severity, int, bool> ProficiencyBySeverity => new()
    {
        { Severity.Critical, 4, true },
        { Severity.Critical, 3, false },
        { Severity.High, 3, true },
        { Severity.High, 2, false },
        { Severity.Normal, 2, true },
        { Severity.Normal, 1, false },
        { Severity.Low, 1, true },
    };

    [Theory]
    [MemberData(nameof(ProficiencyBySeverity))]
    public void Check_NeedsTheProficiencyOfTheTicketsSeverity(Severity severity, int proficiency, bool qualifies)
    {
        var exclusion = Check(Engineer(1, "Ana Diaz", proficiency), Keel with { Severity = severity });

        if (qualifies)
        {
            exclusion.Should().BeNull();
        }
        else
        {
            exclusion!.Reason.Should().Be(ExclusionReason.LowProficiency);
        }
    }

    [Fact]
    public void Check_NeedsTheTicketsTierOrAbove()
    {
        var tierTwo = Keel with { Tier = 2 };

        var low = Check(Engineer(1, "Ana Diaz", tier: 1), tierTwo);
        low!.Reason.Should().Be(ExclusionReason.TierTooLow);
        low.Text.Should().Be("tier 1; the ticket needs tier 2");
        Check(Engineer(2, "Ben Okafor", tier: 3), tierTwo).Should().BeNull();
    }

    [Fact]
    public void Check_NeedsTheTicketsLanguage()
    {
        var exclusion = Check(Engineer(1, "Ana Diaz"), Keel with { Language = "de" });

        exclusion!.Reason.Should().Be(ExclusionReason.Language);
        exclusion.Text.Should().Be("does not speak German");
        Check(Engineer(1, "Ana Diaz") with { Languages = ["en", "de"] }, Keel with { Language = "de" }).Should().BeNull();
    }

    [Fact]
    public void Check_TakesEveryCategory_WhenTheEngineerListsNone_AndOnlyTheListedOnesOtherwise()
    {
        var backport = Keel with { Category = RequestCategories.Backport };
        var problemsOnly = Engineer(1, "Ana Diaz") with { Categories = [RequestCategories.Problem] };

        Check(Engineer(2, "Ben Okafor"), backport).Should().BeNull();
        Check(problemsOnly, Keel with { Category = RequestCategories.Problem }).Should().BeNull();
        Check(problemsOnly, Keel with { Category = null }).Should().BeNull("a ticket without a category asks for none");
        var exclusion = Check(problemsOnly, backport);
        exclusion!.Reason.Should().Be(ExclusionReason.Category);
        exclusion.Text.Should().Be("does not take backport requests");
    }

    [Fact]
    public void Check_LeavesOutAnEngineerAtCapacity()
    {
        Check(Engineer(1, "Ana Diaz"), open: 4).Should().BeNull();

        var exclusion = Check(Engineer(1, "Ana Diaz"), open: 5);

        exclusion.Should().Be(new ExcludedEngineer(1, "Ana Diaz", ExclusionReason.AtCapacity, "at capacity (5 of 5 open)"));
    }

    [Fact]
    public void Decide_LeavesOutTheEngineersTheRequestExcludes_SayingTheyHandedItBack()
    {
        var decision = Router.Decide(Keel with { Exclude = [1] }, [Load(Engineer(1, "Ana Diaz")), Load(Engineer(2, "Ben Okafor"))], Settings, RoutingTrigger.HandedBack);

        decision.AssigneeId.Should().Be(2);
        decision.Excluded.Should().Equal(new ExcludedEngineer(1, "Ana Diaz", ExclusionReason.Excluded, "handed the ticket back"));
        decision.Trigger.Should().Be(RoutingTrigger.HandedBack);
        decision.Summary.Should().Be("Assigned to Ben Okafor (the only one qualified, cost first: standard customer, normal severity)");
    }

    [Fact]
    public void Check_AsksNoProductSkill_ForATicketOfAnUnknownProduct()
    {
        var general = Keel with { ProductCode = null };

        Check(Engineer(1, "Ana Diaz") with { Skills = [] }, general).Should().BeNull();
        general.Queue.Name.Should().Be("general/tier-1");
    }

    [Fact]
    public void Check_ReportsASkillGapBeforeAbsence_SoAwayCountsOnlyThoseWhoCouldTakeIt()
    {
        var exclusion = Check(Engineer(1, "Ana Diaz") with { Available = false, Languages = ["fr"] });

        exclusion!.Reason.Should().Be(ExclusionReason.Language);
    }

    [Fact]
    public void Decide_RanksTheMostProficientFirst_ForAStrategicCustomer()
    {
        var engineers = new[] { Load(Engineer(1, "Ana Diaz", 2, hourlyCents: 4_000)), Load(Engineer(2, "Ben Okafor", 5, hourlyCents: 9_000)) };

        var decision = Router.Decide(Keel with { Segment = CustomerSegment.Strategic }, engineers, Settings);

        decision.Outcome.Should().Be(RoutingOutcome.Assigned);
        decision.AssigneeId.Should().Be(2);
        decision.Mode.Should().Be(RoutingMode.ProficiencyFirst);
        decision.ModeReason.Should().Be("strategic customer");
    }

    [Theory]
    [InlineData(Severity.Critical, "critical severity")]
    [InlineData(Severity.High, "high severity")]
    public void Decide_RanksTheMostProficientFirst_ForSevereTickets(Severity severity, string reason)
    {
        var engineers = new[] { Load(Engineer(1, "Ana Diaz", 4, hourlyCents: 4_000)), Load(Engineer(2, "Ben Okafor", 5, hourlyCents: 9_000)) };

        var decision = Router.Decide(Keel with { Severity = severity, Segment = CustomerSegment.SelfService }, engineers, Settings);

        decision.AssigneeId.Should().Be(2);
        decision.Mode.Should().Be(RoutingMode.ProficiencyFirst);
        decision.ModeReason.Should().Be(reason);
    }

    [Fact]
    public void Decide_GivesBothReasons_ForAStrategicCustomersCriticalTicket()
    {
        var decision = Router.Decide(Keel with { Severity = Severity.Critical, Segment = CustomerSegment.Strategic }, [], Settings);

        decision.ModeReason.Should().Be("strategic customer, critical severity");
    }

    [Fact]
    public void Decide_RanksTheLeastOverQualifiedFirst_ForOtherSegmentsAtOrdinarySeverity()
    {
        var engineers = new[] { Load(Engineer(1, "Ana Diaz", 5, hourlyCents: 4_000)), Load(Engineer(2, "Ben Okafor", 2, hourlyCents: 9_000)) };

        var decision = Router.Decide(Keel with { Segment = CustomerSegment.SelfService }, engineers, Settings);

        decision.AssigneeId.Should().Be(2, "proficiency 2 is exactly what a normal ticket needs; 5 is three over");
        decision.Mode.Should().Be(RoutingMode.CostFirst);
        decision.ModeReason.Should().Be("self-service customer, normal severity");
        decision.Ranked.Select(r => r.OverQualification).Should().Equal(0, 3);
    }

    [Fact]
    public void Decide_CountsTiersAboveTheTicketsAsOverQualification()
    {
        var engineers = new[] { Load(Engineer(1, "Ana Diaz", 2, tier: 3)), Load(Engineer(2, "Ben Okafor", 2, tier: 1)) };

        var decision = Router.Decide(Keel, engineers, Settings);

        decision.AssigneeId.Should().Be(2);
        decision.Ranked[1].OverQualification.Should().Be(2);
    }

    [Fact]
    public void Decide_ComparesASuppliersPricePerCase_WithTheInHouseRateOverTheExpectedMinutes()
    {
        var inHouse = Engineer(1, "Ana Diaz", 2, hourlyCents: 6_000);
        var supplier = Engineer(2, "Ben Okafor", 2) with { Sourcing = Sourcing.Supplier, Supplier = "Northpole Support", PricePerCaseCents = 10_000, Rates = [] };

        var decision = Router.Decide(Keel, [Load(inHouse), Load(supplier)], Settings);

        decision.AssigneeId.Should().Be(2, "100.00 a case is cheaper than 60.00 an hour for the expected 2 hours");
        decision.Ranked.Select(r => (r.EngineerId, r.ExpectedCostCents, r.CostBasis)).Should().Equal(
            (2, 10_000L, "Northpole Support at 100.00 USD a case"),
            (1, 12_000L, "in-house at 60.00 USD an hour × 2 h"));

        var cheaperInHouse = Router.Decide(Keel, [Load(inHouse with { Rates = [new(new DateOnly(2026, 1, 1), 4_000)] }), Load(supplier)], Settings);
        cheaperInHouse.AssigneeId.Should().Be(1, "at 40.00 an hour the expected 2 hours cost 80.00");
    }

    [Fact]
    public void Decide_CostsInHouseEngineersAtTheRateInForceOnTheTicketsDay()
    {
        var rising = Engineer(1, "Ana Diaz", 2) with
        {
            Rates = [new(new DateOnly(2025, 1, 1), 3_000), new(new DateOnly(2026, 3, 1), 8_000), new(new DateOnly(2026, 6, 1), 9_000)],
        };

        var decision = Router.Decide(Keel, [Load(rising)], Settings);

        decision.Ranked[0].ExpectedCostCents.Should().Be(16_000);
    }

    [Fact]
    public void Decide_TreatsAnEngineerWithoutARateAsTheMostExpensive_AndSaysSo()
    {
        var unpriced = Engineer(1, "Ana Diaz", 2) with { Rates = [] };
        var dear = Engineer(2, "Ben Okafor", 2, hourlyCents: 50_000);

        var decision = Router.Decide(Keel, [Load(unpriced), Load(dear)], Settings);

        decision.AssigneeId.Should().Be(2);
        decision.Ranked[1].CostBasis.Should().Be("no hourly rate on 3 Mar 2026, so counted as the most expensive");
    }

    [Fact]
    public void Decide_BreaksProficiencyTies_ByLoadAsAShareOfCapacity()
    {
        var busy = Engineer(1, "Ana Diaz", 4) with { Capacity = 4 };
        var roomy = Engineer(2, "Ben Okafor", 4) with { Capacity = 10 };

        var decision = Router.Decide(Keel with { Segment = CustomerSegment.Strategic }, [Load(busy, 2), Load(roomy, 2)], Settings);

        decision.AssigneeId.Should().Be(2, "2 of 10 is a lighter load than 2 of 4");
    }

    [Fact]
    public void Decide_BreaksLoadTies_ByTheLongestIdle_NeverAssignedFirst()
    {
        var recent = Engineer(1, "Ana Diaz", 4) with { LastAssignedUtc = Now.AddMinutes(-5) };
        var earlier = Engineer(2, "Ben Okafor", 4) with { LastAssignedUtc = Now.AddHours(-3) };
        var never = Engineer(3, "Cy Lam", 4);
        var strategic = Keel with { Segment = CustomerSegment.Strategic };

        Router.Decide(strategic, [Load(recent), Load(earlier)], Settings).AssigneeId.Should().Be(2);
        Router.Decide(strategic, [Load(recent), Load(earlier), Load(never)], Settings).Ranked.Select(r => r.EngineerId).Should().Equal(3, 2, 1);
    }

    [Fact]
    public void Decide_BreaksFullTies_ByUserId_SoTheSameFactsGiveTheSameAnswer()
    {
        var decision = Router.Decide(Keel, [Load(Engineer(9, "Zoe Park", 2)), Load(Engineer(4, "Ana Diaz", 2))], Settings);

        decision.AssigneeId.Should().Be(4);
    }

    [Fact]
    public void Decide_BreaksCostTies_ByLoadThenIdleTime()
    {
        var a = Engineer(1, "Ana Diaz", 2);
        var b = Engineer(2, "Ben Okafor", 2) with { LastAssignedUtc = Now.AddHours(-1) };

        Router.Decide(Keel, [Load(a, 3), Load(b, 1)], Settings).AssigneeId.Should().Be(2);
        Router.Decide(Keel, [Load(a, 1), Load(b, 1)], Settings).AssigneeId.Should().Be(1, "never assigned goes before assigned an hour ago");
    }

    [Fact]
    public void Decide_ExplainsWhoWasConsideredQualifiedAndRanked_WithTheirFactors()
    {
        var engineers = new[]
        {
            Load(Engineer(1, "Ana Diaz", 3), 1),
            Load(Engineer(2, "Ben Okafor", 2), 4),
            Load(Engineer(3, "Cy Lam", 2), 0),
            Load(Engineer(4, "Dee Moss", 4), 2),
            Load(Engineer(5, "Eli Nash") with { Available = false }),
            Load(Engineer(6, "Fay Ortiz") with { Languages = ["fr"] }),
        };

        var decision = Router.Decide(Keel, engineers, Settings);

        decision.Considered.Should().Be(6);
        decision.Qualified.Should().Be(4);
        decision.Ranked.Should().HaveCount(3);
        decision.Ranked[0].Should().Be(new RankedEngineer(3, "Cy Lam", 1, 2, 0, 12_000, "in-house at 60.00 USD an hour × 2 h", 0, 5, null));
        decision.Ranked.Select(r => (r.Rank, r.Name)).Should().Equal((1, "Cy Lam"), (2, "Ben Okafor"), (3, "Ana Diaz"));
        decision.Summary.Should().Be("Assigned to Cy Lam (best of 4 qualified, cost first: standard customer, normal severity)");
        decision.Queue.Should().Be("keel/tier-1", "an assigned decision still names the queue the ticket belongs to");
        decision.AtUtc.Should().Be(Now);
    }

    [Fact]
    public void Decide_NamesTheFirstExcluded_NearestToTakingItFirst_AndCountsEveryoneByReason()
    {
        var engineers = Enumerable.Range(1, 8).Select(i => Load(Engineer(i, $"Skill-less {i:00}") with { Skills = [] }))
            .Concat(Enumerable.Range(11, 4).Select(i => Load(Engineer(i, $"Busy {i}"), 5)))
            .Append(Load(Engineer(20, "Away Person") with { Available = false }))
            .ToList();

        var decision = Router.Decide(Keel, engineers, Settings with { ExplainExcluded = 6 });

        decision.Outcome.Should().Be(RoutingOutcome.Queued);
        decision.AssigneeId.Should().BeNull();
        decision.Excluded.Should().HaveCount(6);
        decision.Excluded.Select(e => e.Name).Should().Equal("Busy 11", "Busy 12", "Busy 13", "Busy 14", "Away Person", "Skill-less 01");
        decision.ExcludedCounts.Should().BeEquivalentTo(new Dictionary<ExclusionReason, int>
        {
            [ExclusionReason.AtCapacity] = 4,
            [ExclusionReason.Away] = 1,
            [ExclusionReason.NoSkill] = 8,
        });
        decision.Summary.Should().Be("Queued in keel/tier-1: nobody qualified is free (4 at capacity and 1 away; 8 others do not qualify)");
    }

    [Fact]
    public void Decide_SaysNobodyQualifiedIsFree_WhenEveryoneWhoCouldIsBusyOrAway()
    {
        var engineers = new[]
        {
            Load(Engineer(1, "Ana Diaz"), 5),
            Load(Engineer(2, "Ben Okafor"), 5),
            Load(Engineer(3, "Cy Lam"), 5),
            Load(Engineer(4, "Dee Moss") with { Available = false }),
            Load(Engineer(5, "Eli Nash") with { Available = false }),
        };

        var decision = Router.Decide(Keel with { Tier = 2 }, engineers.Select(l => l with { Engineer = l.Engineer with { Tier = 2 } }).ToList(), Settings);

        decision.Summary.Should().Be("Queued in keel/tier-2: nobody qualified is free (3 at capacity and 2 away)");
        decision.Queue.Should().Be("keel/tier-2");
        decision.Ranked.Should().BeEmpty();
    }

    [Fact]
    public void Decide_SaysNoneQualifies_WithTheCountsOfWhatIsMissing()
    {
        var engineers = new[]
        {
            Load(Engineer(1, "Ana Diaz") with { Skills = [] }),
            Load(Engineer(2, "Ben Okafor") with { Skills = [] }),
            Load(Engineer(3, "Cy Lam", 1)),
            Load(Engineer(4, "Dee Moss") with { Languages = ["fr"] }),
        };

        var decision = Router.Decide(Keel, engineers, Settings);

        decision.Summary.Should().Be("Queued in keel/tier-1: none of the 4 engineers qualifies (1 not speaking English, 1 below proficiency 2 and 2 without a keel skill)");
    }

    [Fact]
    public void Decide_SaysWhenNoEngineerHasAProfile()
    {
        Router.Decide(Keel, [], Settings).Summary.Should().Be("Queued in keel/tier-1: no engineer has a routing profile yet");
    }

    [Fact]
    public void SkillQueue_IsNamedByProductAndTier_AndEngineersServeTheirTierAndBelow()
    {
        new SkillQueue("keel", 2).Name.Should().Be("keel/tier-2");
        new SkillQueue(null, 1).Name.Should().Be("general/tier-1");
        SkillQueue.Parse("keel/tier-2").Should().Be(new SkillQueue("keel", 2));
        SkillQueue.Parse("general/tier-3").Should().Be(new SkillQueue(null, 3));

        var engineer = Engineer(1, "Ana Diaz", tier: 2) with { Skills = [new(1, "keel", null, 3), new(1, "keel", "cortex-m4", 5), new(2, "harbor", null, 2)] };
        SkillQueue.For(engineer).Select(q => q.Name).Should().BeEquivalentTo(
            "keel/tier-1", "keel/tier-2", "harbor/tier-1", "harbor/tier-2", "general/tier-1", "general/tier-2");
    }
}
