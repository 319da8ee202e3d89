using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tests.Routing;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Routing.RoutingWorld;

namespace HelpDesk.Core.Tests.Tickets;

/// <summary>
/// Taking a ticket is the taker's call; giving it to a colleague follows the router's own rules and says why not;
/// only a manager's reassignment (with a reason) moves a ticket to anyone.
/// </summary>
public sealed class AssignTicketTests
{
    private static readonly TicketActor Priya = TicketActor.Staff(1);
    private readonly RoutingWorld _world = new();

    public AssignTicketTests()
    {
        _world.Engineer(1, "Priya Shah");
        _world.Engineer(2, "Sam Lee", proficiency: 4, tier: 2);
    }

    public static TheoryData<string, Func<EngineerProfile, EngineerProfile>, string> Unqualified => new()
    {
        { "no skill in the product", e => e with { Skills = [new EngineerSkill(2, "harbor", null, 5)] }, "Ola Berg cannot take HD-1 now: no keel skill." },
        { "too little proficiency for the severity", e => e with { Skills = [new EngineerSkill(1, "keel", null, 2)] }, "Ola Berg cannot take HD-1 now: keel proficiency 2; a critical ticket needs 4." },
        { "a lower tier", e => e with { Tier = 1 }, "Ola Berg cannot take HD-1 now: tier 1; the ticket needs tier 2." },
        { "another language", e => e with { Languages = ["de"] }, "Ola Berg cannot take HD-1 now: does not speak English." },
        { "away", e => e with { Available = false }, "Ola Berg cannot take HD-1 now: away." },
        { "at capacity", e => e with { Capacity = 0 }, "Ola Berg cannot take HD-1 now: at capacity (0 of 0 open)." },
    };

    [Theory]
    [MemberData(nameof(Unqualified))]
    public async Task GivingToAColleague_IsRefusedInWords_WhenTheRouterWouldNotGiveThemTheTicket(string why, Func<EngineerProfile, EngineerProfile> edit, string message)
    {
        _world.Engineer(3, "Ola Berg", proficiency: 5, tier: 2, edit: edit);
        var ticket = _world.Ticket(assignee: 1, severity: Severity.Critical, tier: 2);

        var result = await _world.Assign.HandleAsync(new(Priya, ticket.Id, 3, ticket.Version));

        result.Failure.Should().Be(Failure.Invalid, why);
        result.Errors.Should().ContainSingle().Which.Should().Be(new FieldError(
            "assigneeId",
            message.Replace("HD-1", ticket.Number, StringComparison.Ordinal)
                + " Give it to someone who can, hand it back for the router to choose, or ask a manager to reassign it with a reason."));
        _world.Tickets[ticket.Id].AssigneeId.Should().Be(1);
    }

    [Fact]
    public async Task GivingToAColleague_WhoGaveTheTicketUp_IsRefused()
    {
        _world.Engineers.Set(_world.Engineers[2] with { Tier = 1 });
        var ticket = _world.Ticket(assignee: 2);
        await _world.HandBack.HandleAsync(new(TicketActor.Staff(2), ticket.Id, "Not my area.", null));
        var handedBack = _world.Tickets[ticket.Id];

        var result = await _world.Assign.HandleAsync(new(Priya, ticket.Id, 2, handedBack.Version));

        result.Errors.Should().ContainSingle(e => e.Field == "assigneeId" && e.Message.StartsWith($"Sam Lee cannot take {ticket.Number} now: handed the ticket back.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivingToAColleague_WithoutARoutingProfile_IsRefused()
    {
        var ticket = _world.Ticket(assignee: 1);

        var result = await _world.Assign.HandleAsync(new(Priya, ticket.Id, Manager, null));

        result.Errors.Should().ContainSingle(e => e.Field == "assigneeId" && e.Message.StartsWith("Maria Manager has no routing profile", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivingToAColleague_WhoQualifiesAndHasRoom_AssignsIt()
    {
        var ticket = _world.Waiting(severity: Severity.High);

        var result = await _world.Assign.HandleAsync(new(Priya, ticket.Id, 2, ticket.Version));

        result.Value!.AssigneeId.Should().Be(2);
        result.Value.Queue.Should().BeNull();
    }

    [Fact]
    public async Task Taking_IsTheTakersCall_EvenWhenTheRouterWouldNotChooseThem()
    {
        // Priya's keel proficiency of 3 is below what a critical ticket needs, and she is away; she takes it anyway.
        _world.Engineers.Set(_world.Engineers[1] with { Available = false });
        var ticket = _world.Waiting(severity: Severity.Critical);

        var result = await _world.Assign.HandleAsync(new(Priya, ticket.Id, 1, ticket.Version));

        result.Value!.AssigneeId.Should().Be(1);
    }

    [Fact]
    public async Task AManagerGivingATicketAway_FollowsTheSameRules_TheirOverrideIsReassign()
    {
        _world.Engineers.Set(_world.Engineers[2] with { Available = false });
        var ticket = _world.Ticket(assignee: 1);

        var assign = await _world.Assign.HandleAsync(new(TicketActor.Staff(Manager), ticket.Id, 2, null));
        var reassign = await _world.Reassign.HandleAsync(new(TicketActor.Staff(Manager), ticket.Id, 2, "Sam knows this customer best.", null));

        assign.Errors.Should().ContainSingle(e => e.Message.StartsWith($"Sam Lee cannot take {ticket.Number} now: away.", StringComparison.Ordinal));
        reassign.Value!.AssigneeId.Should().Be(2);
        reassign.Value.Routing!.Summary.Should().Be("Assigned to Sam Lee by a manager, although the router would not have chosen them: away");
    }
}
