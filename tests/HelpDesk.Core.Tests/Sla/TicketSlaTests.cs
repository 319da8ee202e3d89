using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tests.Routing;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Routing.RoutingWorld;

namespace HelpDesk.Core.Tests.Sla;

/// <summary>How status changes, replies and assignments move a ticket's SLA clock and its place in the queues.</summary>
public sealed class TicketSlaTests
{
    private static readonly TicketActor Priya = TicketActor.Staff(1);
    private static readonly TicketActor Carl = TicketActor.Customer(Customer, Acme);
    private readonly RoutingWorld _world = new();

    public TicketSlaTests()
    {
        _world.Engineer(1, "Priya Shah");
    }

    private static DateTime At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ChangeStatus_StopsTheClock_WhileTheTicketWaitsOnTheCustomer()
    {
        var ticket = _world.Ticket(assignee: 1);
        _world.Clock.SetUtcNow(At(2, 11));

        var saved = (await _world.ChangeStatus.HandleAsync(new(Priya, ticket.Id, TicketStatus.PendingCustomer, ticket.Version))).Value!;

        saved.SlaPausedUtc.Should().Be(At(2, 11));
        saved.SlaCheckUtc.Should().BeNull();
        (await _world.Tickets.ListAuditAsync(ticket.Id)).Select(a => (a.Field, a.NewValue)).Should().Equal(
            ("status", "PendingCustomer"),
            ("sla", "paused: waiting on the customer"));
    }

    [Fact]
    public async Task ChangeStatus_MovesTheDueTimesOnByTheWait_InTheContractsSupportHours_WhenTheClockStartsAgain()
    {
        var ticket = _world.Ticket(assignee: 1);
        _world.Clock.SetUtcNow(At(2, 16));
        var paused = (await _world.ChangeStatus.HandleAsync(new(Priya, ticket.Id, TicketStatus.PendingCustomer, null))).Value!;

        // Waiting from Monday 16:00 to Tuesday 09:30 is 1 h 30 min of business hours.
        _world.Clock.SetUtcNow(At(3, 9, 30));
        var resumed = (await _world.ChangeStatus.HandleAsync(new(Priya, ticket.Id, TicketStatus.Open, paused.Version))).Value!;

        resumed.SlaPausedUtc.Should().BeNull();
        resumed.FirstResponseDueUtc.Should().Be(At(2, 15, 30), "due Monday 14:00 (already late) plus 1 h 30 min of support time");
        resumed.ResolveDueUtc.Should().Be(At(3, 11, 30));
        resumed.ResolveAtRiskUtc.Should().Be(At(3, 9, 30));
        var audit = (await _world.Tickets.ListAuditAsync(ticket.Id)).Skip(2).Select(a => (a.Field, a.OldValue, a.NewValue));
        audit.Should().Equal(
            ("status", "PendingCustomer", "Open"),
            ("sla", "paused", "resumed: waited on the customer for 1 h 30 min of support time"),
            ("first response due", "2 Mar 2026 14:00 UTC", "2 Mar 2026 15:30 UTC"),
            ("resolve due", "3 Mar 2026 10:00 UTC", "3 Mar 2026 11:30 UTC"));
    }

    [Fact]
    public async Task Reply_FromTheCustomer_StartsTheClockAgain()
    {
        var ticket = _world.Ticket(assignee: 1);
        _world.Clock.SetUtcNow(At(2, 12));
        await _world.ChangeStatus.HandleAsync(new(Priya, ticket.Id, TicketStatus.PendingCustomer, null));
        _world.Clock.SetUtcNow(At(2, 13));

        var answered = (await _world.Reply.HandleAsync(new ReplyToTicketRequest { Actor = Carl, TicketId = ticket.Id, Body = "Here is the trace." })).Value!;

        answered.Status.Should().Be(TicketStatus.Open);
        answered.SlaPausedUtc.Should().BeNull();
        answered.ResolveDueUtc.Should().Be(At(3, 11));
    }

    [Fact]
    public async Task ChangeStatus_RecordsWhetherTheResolutionWasOnTime_AndTheEngineerPullsTheNextTicket()
    {
        _world.Engineers.Set(_world.Engineers[1] with { Capacity = 1 });
        var ticket = _world.Ticket(assignee: 1);
        var waiting = _world.Waiting();
        _world.Clock.SetUtcNow(At(2, 15));

        var resolved = (await _world.ChangeStatus.HandleAsync(new(Priya, ticket.Id, TicketStatus.Resolved, null))).Value!;

        resolved.ResolveMet.Should().BeTrue();
        resolved.SlaCheckUtc.Should().BeNull();
        _world.Tickets[waiting.Id].AssigneeId.Should().Be(1);
        _world.Tickets[waiting.Id].Routing!.Trigger.Should().Be(RoutingTrigger.Pulled);
    }

    [Fact]
    public async Task ChangeStatus_RecordsALateResolution()
    {
        var ticket = _world.Ticket(assignee: 1);
        _world.Clock.SetUtcNow(At(3, 10, 1));

        var resolved = (await _world.ChangeStatus.HandleAsync(new(Priya, ticket.Id, TicketStatus.Resolved, null))).Value!;

        resolved.ResolveMet.Should().BeFalse();
    }

    [Fact]
    public async Task ChangeStatus_TakesAWaitingTicketOutOfItsQueue_WhenResolved_AndPutsItBack_WhenReopened()
    {
        var waiting = _world.Waiting();

        var resolved = (await _world.ChangeStatus.HandleAsync(new(Priya, waiting.Id, TicketStatus.Resolved, null))).Value!;
        var reopened = (await _world.ChangeStatus.HandleAsync(new(Priya, waiting.Id, TicketStatus.Open, null))).Value!;

        resolved.Queue.Should().BeNull();
        reopened.Queue.Should().Be("keel/tier-1");
        (await _world.Tickets.ListAuditAsync(waiting.Id)).Select(a => (a.Field, a.OldValue, a.NewValue)).Should().Equal(
            ("status", "Open", "Resolved"),
            ("queue", "keel/tier-1", null),
            ("status", "Resolved", "Open"),
            ("queue", null, "keel/tier-1"));
    }

    [Fact]
    public async Task Reply_FirstStaffReply_RecordsWhetherTheFirstResponseWasOnTime()
    {
        var onTime = _world.Ticket(assignee: 1);
        var late = _world.Ticket(assignee: 1, created: At(2, 5));
        _world.Clock.SetUtcNow(At(2, 13));

        var first = (await _world.Reply.HandleAsync(new ReplyToTicketRequest { Actor = Priya, TicketId = onTime.Id, Body = "Looking." })).Value!;
        var second = (await _world.Reply.HandleAsync(new ReplyToTicketRequest { Actor = Priya, TicketId = late.Id, Body = "Sorry for the wait." })).Value!;

        first.FirstResponseMet.Should().BeTrue();
        first.SlaCheckUtc.Should().Be(At(2, 16), "the resolution's at-risk time is what is left to watch");
        second.FirstResponseMet.Should().BeFalse();
    }

    [Fact]
    public async Task Reply_ANote_IsNotAFirstResponse()
    {
        var ticket = _world.Ticket(assignee: 1);

        var noted = (await _world.Reply.HandleAsync(new ReplyToTicketRequest { Actor = Priya, TicketId = ticket.Id, Body = "Internal.", Kind = MessageKind.Note })).Value!;

        noted.FirstResponseMet.Should().BeNull();
        noted.FirstResponseUtc.Should().BeNull();
    }

    [Fact]
    public async Task Assign_TakesTheTicketOutOfItsQueue_AndUnassigningPutsItBack()
    {
        var waiting = _world.Waiting();

        var taken = (await _world.Assign.HandleAsync(new(Priya, waiting.Id, 1, null))).Value!;
        var returned = (await _world.Assign.HandleAsync(new(Priya, waiting.Id, null, null))).Value!;

        taken.Queue.Should().BeNull();
        returned.Queue.Should().Be("keel/tier-1");
        (await _world.Tickets.ListAuditAsync(waiting.Id)).Select(a => (a.Field, a.OldValue, a.NewValue)).Should().Equal(
            ("assignee", null, "Priya Shah"),
            ("queue", "keel/tier-1", null),
            ("assignee", "Priya Shah", null),
            ("queue", null, "keel/tier-1"));
    }

    [Fact]
    public void Workflow_Apply_KeepsAnAssignedTicketOutOfTheQueues_OnReopen()
    {
        var resolved = new Ticket { Subject = "x", Status = TicketStatus.Resolved, AssigneeId = 1, Routing = new RoutingDecision { Queue = "keel/tier-1" } };

        TicketWorkflow.Apply(resolved, TicketStatus.Open, At(2, 10)).Queue.Should().BeNull();
        TicketWorkflow.Apply(resolved with { AssigneeId = null }, TicketStatus.Open, At(2, 10)).Queue.Should().Be("keel/tier-1");
        TicketWorkflow.Apply(resolved with { AssigneeId = null, Status = TicketStatus.Open, Queue = "keel/tier-1" }, TicketStatus.Closed, At(2, 10)).Queue.Should().BeNull();
    }
}
