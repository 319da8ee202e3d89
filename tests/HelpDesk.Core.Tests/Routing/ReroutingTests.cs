using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Routing.RoutingWorld;

namespace HelpDesk.Core.Tests.Routing;

public sealed class ReroutingTests
{
    private static readonly TicketActor Priya = TicketActor.Staff(1);
    private readonly RoutingWorld _world = new();

    public ReroutingTests()
    {
        _world.Engineer(1, "Priya Shah", tier: 1);
        _world.Engineer(2, "Sam Lee", tier: 2);
    }

    [Fact]
    public async Task Escalate_RaisesTheTier_AndTheRouterChoosesAmongTheHigherTier()
    {
        var ticket = _world.Ticket(assignee: 1);

        var result = await _world.Escalate.HandleAsync(new(Priya, ticket.Id, "  Needs a kernel debugger session.  ", ticket.Version));

        result.Succeeded.Should().BeTrue();
        var saved = result.Value!;
        saved.Tier.Should().Be(2);
        saved.AssigneeId.Should().Be(2);
        saved.Routing!.Trigger.Should().Be(RoutingTrigger.Escalated);
        saved.Routing.Note.Should().Be("Needs a kernel debugger session.");
        saved.Routing.Excluded.Should().ContainSingle(e => e.EngineerId == 1 && e.Reason == ExclusionReason.TierTooLow);
        var audit = await _world.Tickets.ListAuditAsync(ticket.Id);
        audit.Select(a => (a.Field, a.OldValue, a.NewValue)).Should().Equal(
            ("escalated", null, "Needs a kernel debugger session."),
            ("tier", "1", "2"),
            ("assignee", "Priya Shah", "Sam Lee"),
            ("routing", null, "Assigned to Sam Lee (the only one qualified, proficiency first: strategic customer)"));
        audit.Should().OnlyContain(a => a.ActorId == 1);
    }

    [Fact]
    public async Task Escalate_QueuesTheTicketInTheHigherTiersQueue_WhenNobodyThereIsFree()
    {
        _world.Engineers.Set(_world.Engineers[2] with { Available = false });
        var ticket = _world.Ticket(assignee: 1);

        var saved = (await _world.Escalate.HandleAsync(new(Priya, ticket.Id, "Beyond tier 1.", null))).Value!;

        saved.AssigneeId.Should().BeNull();
        saved.Queue.Should().Be("keel/tier-2");
        saved.Routing!.Summary.Should().Be("Queued in keel/tier-2: nobody qualified is free (1 away; 1 other does not qualify)");
    }

    [Fact]
    public async Task Escalate_LetsTheEngineerWhoGaveItUpPullTheNextWaitingTicket()
    {
        var ticket = _world.Ticket(assignee: 1);
        var waiting = _world.Waiting();

        await _world.Escalate.HandleAsync(new(Priya, ticket.Id, "Beyond tier 1.", null));

        _world.Tickets[waiting.Id].AssigneeId.Should().Be(1);
    }

    [Fact]
    public async Task Escalate_NeedsAReason_AndStopsAtTierThree()
    {
        var ticket = _world.Ticket(assignee: 1);
        var top = _world.Ticket(assignee: 2, tier: 3);

        var noReason = await _world.Escalate.HandleAsync(new(Priya, ticket.Id, " ", null));
        var atTop = await _world.Escalate.HandleAsync(new(Priya, top.Id, "Still stuck.", null));

        noReason.Errors.Should().ContainSingle(e => e.Field == "reason");
        atTop.Failure.Should().Be(Failure.Invalid);
        atTop.Errors.Should().ContainSingle().Which.Should().Be(new FieldError("tier", $"{top.Number} is already at tier 3, the highest; reassign it or hand it back instead."));
    }

    [Fact]
    public async Task Escalate_SavesNothing_WhenTheTicketChangedSinceItWasRead_OrIsResolved_OrTheActorIsACustomer()
    {
        var ticket = _world.Ticket(assignee: 1);
        var resolved = _world.Tickets.Add(_world.Ticket(assignee: 1) with { Status = TicketStatus.Resolved });

        (await _world.Escalate.HandleAsync(new(Priya, ticket.Id, "Why", ticket.Version - 1))).Failure.Should().Be(Failure.Conflict);
        (await _world.Escalate.HandleAsync(new(Priya, resolved.Id, "Why", null))).Errors.Should().ContainSingle(e => e.Field == "status");
        (await _world.Escalate.HandleAsync(new(TicketActor.Customer(Customer, Acme), ticket.Id, "Why", null))).Failure.Should().Be(Failure.NotFound);
        _world.Tickets[ticket.Id].Tier.Should().Be(1);
    }

    [Fact]
    public async Task Escalate_GivesAConflict_WhenSomeoneChangesTheTicketWhileTheRouterDecides()
    {
        var ticket = _world.Ticket(assignee: 1);
        _world.Tickets.AfterGet = id => _world.Tickets.Touch(id);

        var result = await _world.Escalate.HandleAsync(new(Priya, ticket.Id, "Beyond tier 1.", null));

        result.Failure.Should().Be(Failure.Conflict);
    }

    [Fact]
    public async Task HandBack_ReroutesToSomeoneElse()
    {
        _world.Engineer(3, "Ola Berg");
        var ticket = _world.Ticket(assignee: 1, organisation: Bolt);

        var saved = (await _world.HandBack.HandleAsync(new(Priya, ticket.Id, "On leave from tomorrow.", ticket.Version))).Value!;

        saved.AssigneeId.Should().Be(3, "for a self-service customer Ola, at tier 1, is less over-qualified than Sam; Priya handed it back");
        saved.Routing!.Trigger.Should().Be(RoutingTrigger.HandedBack);
        saved.Routing.Excluded.Should().Contain(new ExcludedEngineer(1, "Priya Shah", ExclusionReason.GaveUp, "handed the ticket back"));
        (await _world.AuditFieldsAsync(ticket.Id)).Should().Equal("handed back", "assignee", "routing");
    }

    [Fact]
    public async Task HandBack_LeavesTheTicketInItsQueue_WhenNobodyElseIsFree_AndTheEngineerDoesNotPullItBack()
    {
        _world.Engineers.Set(_world.Engineers[2] with { Available = false });
        var ticket = _world.Ticket(assignee: 1);
        var other = _world.Waiting(created: Monday.AddHours(1));

        var saved = (await _world.HandBack.HandleAsync(new(Priya, ticket.Id, "Wrong product area for me.", null))).Value!;

        saved.Queue.Should().Be("keel/tier-1");
        saved.AssigneeId.Should().BeNull();
        saved.Routing!.Summary.Should().Be("Queued in keel/tier-1: nobody qualified is free (1 away and 1 handed it back)");
        _world.Tickets[ticket.Id].AssigneeId.Should().BeNull();
        _world.Tickets[other.Id].AssigneeId.Should().Be(1, "with room again, Priya pulls the next ticket, not the one she handed back");
        (await _world.AuditFieldsAsync(ticket.Id)).Should().Equal("handed back", "assignee", "queue", "routing");
    }

    [Fact]
    public async Task HandBack_NeedsAnAssigneeAndAReason()
    {
        var waiting = _world.Waiting();
        var ticket = _world.Ticket(assignee: 1);

        (await _world.HandBack.HandleAsync(new(Priya, waiting.Id, "x", null))).Errors.Should().ContainSingle()
            .Which.Message.Should().Be($"{waiting.Number} is not assigned to anyone, so there is nothing to hand back.");
        (await _world.HandBack.HandleAsync(new(Priya, ticket.Id, null, null))).Errors.Should().ContainSingle(e => e.Field == "reason");
    }

    [Fact]
    public async Task Reassign_GivesTheTicketToTheNamedEngineer_EvenAtCapacity_AndSaysSo()
    {
        _world.Engineer(3, "Ola Berg", capacity: 1);
        _world.Ticket(assignee: 3);
        var ticket = _world.Ticket(assignee: 1);

        var result = await _world.Reassign.HandleAsync(new(TicketActor.Staff(Manager), ticket.Id, 3, "Ola knows this customer.", ticket.Version));

        var saved = result.Value!;
        saved.AssigneeId.Should().Be(3);
        saved.Queue.Should().BeNull();
        saved.Routing!.Trigger.Should().Be(RoutingTrigger.Reassigned);
        saved.Routing.Summary.Should().Be("Assigned to Ola Berg by a manager, although the router would not have chosen them: at capacity (1 of 1 open)");
        saved.Routing.Note.Should().Be("Ola knows this customer.");
        (await _world.Tickets.ListAuditAsync(ticket.Id)).Select(a => (a.Field, a.NewValue)).Should().StartWith([("reassigned", "Ola knows this customer."), ("assignee", "Ola Berg")]);
    }

    [Fact]
    public async Task Reassign_WithoutAnEngineer_LetsTheRouterChooseAnyoneButTheCurrentAssignee()
    {
        var ticket = _world.Ticket(assignee: 2);
        var saved = (await _world.Reassign.HandleAsync(new(TicketActor.Staff(Manager), ticket.Id, null, null, null))).Value!;

        saved.AssigneeId.Should().Be(1);
        saved.Routing!.Excluded.Should().ContainSingle(e => e.EngineerId == 2 && e.Text == "had the ticket before the reassignment");
        (await _world.AuditFieldsAsync(ticket.Id)).Should().Equal("assignee", "routing");
    }

    [Fact]
    public async Task Reassign_RefusesAnEngineerWithoutAProfile_OrTheCurrentAssignee()
    {
        _world.People.Add(50, "No Profile");
        var ticket = _world.Ticket(assignee: 1);

        var unknown = await _world.Reassign.HandleAsync(new(TicketActor.Staff(Manager), ticket.Id, 50, null, null));
        var same = await _world.Reassign.HandleAsync(new(TicketActor.Staff(Manager), ticket.Id, 1, null, null));

        unknown.Errors.Should().ContainSingle(e => e.Field == "engineerId" && e.Message.Contains("routing profile"));
        same.Errors.Should().ContainSingle(e => e.Field == "engineerId");
        _world.Tickets[ticket.Id].AssigneeId.Should().Be(1);
    }

    [Fact]
    public async Task Escalate_NeverGivesTheTicketStraightBackToTheEngineerWhoEscalatedIt_ItWaitsAndSaysSo()
    {
        // Priya is of tier 2 and so qualifies for the escalated ticket, but she is the one who sent it up.
        _world.Engineers.Set(_world.Engineers[1] with { Tier = 2 });
        _world.Engineers.Set(_world.Engineers[2] with { Available = false });
        var ticket = _world.Ticket(assignee: 1);

        var saved = (await _world.Escalate.HandleAsync(new(Priya, ticket.Id, "Needs a kernel debugger.", ticket.Version))).Value!;

        saved.AssigneeId.Should().BeNull();
        saved.Queue.Should().Be("keel/tier-2");
        saved.Routing!.Summary.Should().Be("Queued in keel/tier-2: nobody qualified is free (1 away and 1 escalated it)");
        saved.Routing.Excluded.Should().Contain(new ExcludedEngineer(1, "Priya Shah", ExclusionReason.GaveUp, "escalated the ticket"));
        (await _world.Pull.FillAsync(1)).Should().NotContain(ticket.Id, "she does not pull back the ticket she escalated");
        _world.Tickets[ticket.Id].AssigneeId.Should().BeNull();
    }

    [Fact]
    public async Task Escalate_ByAnotherEngineer_LeavesOutTheAssigneeAndThemBoth()
    {
        _world.Engineers.Set(_world.Engineers[1] with { Tier = 2 });
        _world.Engineer(3, "Ola Berg", tier: 3);
        var ticket = _world.Ticket(assignee: 1);

        var saved = (await _world.Escalate.HandleAsync(new(TicketActor.Staff(2), ticket.Id, "Priya is stuck; needs tier 2.", null))).Value!;

        saved.AssigneeId.Should().Be(3);
        saved.Routing!.Excluded.Select(e => (e.EngineerId, e.Text)).Should().BeEquivalentTo([(1, "escalated the ticket"), (2, "escalated the ticket")]);
    }

    [Fact]
    public async Task HandedBackTicket_IsNeverPulledBackByTheEngineerWhoGaveItUp_EvenLater()
    {
        _world.Engineers.Set(_world.Engineers[2] with { Available = false });
        var ticket = _world.Ticket(assignee: 1);
        await _world.HandBack.HandleAsync(new(Priya, ticket.Id, "Wrong product area for me.", null));

        var pulled = await _world.Pull.FillAllAsync();
        await _world.Availability.HandleAsync(2, available: true, actorId: 9);

        pulled.Should().Be(0, "the only engineer with room handed it back");
        _world.Tickets[ticket.Id].AssigneeId.Should().Be(2, "Sam, back from away, pulls it");
        (await _world.Routing.ListGivenUpAsync(ticket.Id)).Should().Equal(new GivenUp(1, GiveUp.HandedBack));
    }

    [Fact]
    public async Task ReturnedTicket_IsNotPulledBackByTheEngineerWhoReturnedIt()
    {
        _world.Engineers.Set(_world.Engineers[2] with { Available = false });
        var ticket = _world.Ticket(assignee: 1);

        (await _world.Assign.HandleAsync(new(Priya, ticket.Id, null, null))).Succeeded.Should().BeTrue();
        await _world.Pull.FillAllAsync();

        _world.Tickets[ticket.Id].AssigneeId.Should().BeNull();
        _world.Tickets[ticket.Id].Queue.Should().Be("keel/tier-1");
        (await _world.Routing.ListGivenUpAsync(ticket.Id)).Should().Equal(new GivenUp(1, GiveUp.Returned));
    }

    [Fact]
    public async Task Reassign_ByTheRouter_LeavesOutWhoeverGaveTheTicketUp()
    {
        _world.Engineer(3, "Ola Berg", tier: 2);
        var ticket = _world.Ticket(assignee: 1);
        await _world.HandBack.HandleAsync(new(Priya, ticket.Id, "Leaving for a week.", null));
        var current = _world.Tickets[ticket.Id].AssigneeId!.Value;

        var saved = (await _world.Reassign.HandleAsync(new(TicketActor.Staff(Manager), ticket.Id, null, "Spread the load.", null))).Value!;

        saved.AssigneeId.Should().NotBe(1).And.NotBe(current);
        saved.Routing!.Excluded.Should().Contain(e => e.EngineerId == 1 && e.Text == "handed the ticket back");
    }
}
