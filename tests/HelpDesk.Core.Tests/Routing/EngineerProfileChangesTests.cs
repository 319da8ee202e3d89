using HelpDesk.Core.Contracts;
using HelpDesk.Core.Routing;

namespace HelpDesk.Core.Tests.Routing;

public sealed class EngineerProfileChangesTests
{
    private static readonly EngineerProfile Sam = new()
    {
        UserId = 2,
        Name = "Sam Lee",
        Email = "sam@helpdesk.test",
        Tier = 1,
        Skills = [new EngineerSkill(1, "keel", null, 3)],
        Languages = ["en"],
        Categories = [],
        Capacity = 5,
        Available = true,
    };

    [Fact]
    public void Describe_NamesEachFieldThatChanged_AndOnlyThose()
    {
        var after = Sam with
        {
            Tier = 2,
            Skills = [new EngineerSkill(1, "keel", null, 4), new EngineerSkill(2, "mooring", "aws", 2)],
            Languages = ["en", "de"],
            Capacity = 8,
        };

        EngineerProfileChanges.Describe(Sam, after, Currency.Default).Should().Be(
            "Changed the tier from 1 to 2; added the skills keel at 4 and mooring on aws at 2; removed the skill keel at 3; "
            + "added the language de; changed the capacity from 5 to 8.");
    }

    [Fact]
    public void Describe_SourcingAndAvailability_InWords()
    {
        var after = Sam with { Sourcing = Sourcing.Supplier, Supplier = "Harbour Ltd", PricePerCaseCents = 45_000, Available = false };

        EngineerProfileChanges.Describe(Sam, after, Currency.Default).Should().Be(
            "Changed the sourcing from in-house to supplier Harbour Ltd at 450.00 USD a case; changed the availability from available to away.");
        EngineerProfileChanges.Describe(Sam, Sam, Currency.Default).Should().Be("Saved without changes.");
    }

    [Fact]
    public void DescribeCreated_ListsWhatTheProfileStartsWith()
    {
        EngineerProfileChanges.DescribeCreated(Sam with { Categories = ["bug"] }, Currency.Default).Should().Be(
            "Tier 1, in-house, capacity 5, available; skills keel at 3; languages en; categories bug.");
    }
}
