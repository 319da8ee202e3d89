using HelpDesk.Core.Routing;

namespace HelpDesk.Core.Tests.Routing;

public sealed class SkillRemovalTests
{
    private static readonly EngineerProfile Ana = new()
    {
        UserId = 1,
        Name = "Ana",
        Skills = [new EngineerSkill(1, "keel", null, 4), new EngineerSkill(1, "keel", "cortex-m4", 5) { AreaName = "Cortex-M4" }, new EngineerSkill(2, "mooring", null, 3)],
    };

    private static readonly Dictionary<string, string> Names = new() { ["keel"] = "Keel RTOS", ["mooring"] = "Mooring" };

    [Fact]
    public void Removed_IsEverySkillTheFormNoLongerHas_MatchingProductAndAreaInAnyCase()
    {
        var removed = SkillRemoval.Removed(Ana, [("KEEL", null), ("mooring", "")]);

        removed.Should().Equal(Ana.Skills[1]);
        SkillRemoval.Removed(Ana, [("keel", null), ("keel", "Cortex-M4"), ("mooring", null)]).Should().BeEmpty();
    }

    [Fact]
    public void Token_IsTheSameForTheSameRemovals_InAnyOrder()
    {
        SkillRemoval.Token([Ana.Skills[2], Ana.Skills[1]]).Should().Be(SkillRemoval.Token([Ana.Skills[1], Ana.Skills[2]]));
        SkillRemoval.Token([Ana.Skills[1]]).Should().NotBe(SkillRemoval.Token([Ana.Skills[2]]));
    }

    [Fact]
    public void Describe_SaysTheRouterStopsGivingTheProduct_TheOpenTicketsStay_AndNobodyElseKnowsIt()
    {
        var described = SkillRemoval.Describe(Ana, [Ana.Skills[2]], ["keel"], [Ana], Names, new Dictionary<string, int> { ["mooring"] = 3 });

        described.Single().Consequences.Should().Equal(
            "The router no longer gives Ana Mooring tickets.",
            "The 3 open Mooring tickets Ana holds stay with them.",
            "No other engineer has a Mooring skill: new Mooring tickets will wait in the queue until someone who has it is added.");
    }

    [Fact]
    public void Describe_SaysWhenAnotherSkillStillCoversTheProduct_AndNamesTheColleaguesWhoKnowIt()
    {
        var ben = new EngineerProfile { UserId = 2, Name = "Ben", Skills = [new EngineerSkill(1, "keel", null, 2)] };

        var described = SkillRemoval.Describe(Ana, [Ana.Skills[1]], ["keel", "mooring"], [Ana, ben], Names, new Dictionary<string, int>());

        described.Single().Consequences.Should().Equal(
            "Ana keeps another Keel RTOS skill, so the router still gives them the Keel RTOS tickets it covers.",
            "Ana holds no open Keel RTOS ticket.",
            "Ben also has a Keel RTOS skill.");
    }
}
