using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Tickets;

public sealed class TicketWorkflowTests
{
    public static TheoryData<TicketStatus, TicketStatus, ActorKind, bool> Transitions => new()
    {
        { TicketStatus.New, TicketStatus.Open, ActorKind.Staff, true },
        { TicketStatus.New, TicketStatus.Resolved, ActorKind.Staff, true },
        { TicketStatus.Open, TicketStatus.PendingCustomer, ActorKind.Staff, true },
        { TicketStatus.PendingCustomer, TicketStatus.OnHold, ActorKind.Staff, true },
        { TicketStatus.OnHold, TicketStatus.Open, ActorKind.Staff, true },
        { TicketStatus.Resolved, TicketStatus.Open, ActorKind.Staff, true },
        { TicketStatus.Resolved, TicketStatus.Closed, ActorKind.Staff, true },
        { TicketStatus.Resolved, TicketStatus.PendingCustomer, ActorKind.Staff, false },
        { TicketStatus.Open, TicketStatus.New, ActorKind.Staff, false },
        { TicketStatus.Closed, TicketStatus.Open, ActorKind.Staff, false },
        { TicketStatus.Open, TicketStatus.Open, ActorKind.Staff, false },
        { TicketStatus.Open, TicketStatus.Resolved, ActorKind.Customer, true },
        { TicketStatus.New, TicketStatus.Resolved, ActorKind.Customer, true },
        { TicketStatus.Open, TicketStatus.Closed, ActorKind.Customer, false },
        { TicketStatus.Resolved, TicketStatus.Open, ActorKind.Customer, false },
        { TicketStatus.Open, TicketStatus.OnHold, ActorKind.Customer, false },
        { TicketStatus.Resolved, TicketStatus.Closed, ActorKind.System, true },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Decide_AllowsExactlyTheWrittenTransitions(TicketStatus from, TicketStatus to, ActorKind actor, bool allowed)
    {
        var decision = TicketWorkflow.Decide(from, to, actor);

        decision.Allowed.Should().Be(allowed);
        decision.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Decide_ExplainsHowACustomerReopens_WhenTheyTryToSetAStatus()
    {
        TicketWorkflow.Decide(TicketStatus.Resolved, TicketStatus.Open, ActorKind.Customer).Reason.Should().Contain("reply");
    }

    [Fact]
    public void Decide_NeverLetsAClosedTicketChange_ForAnyone()
    {
        foreach (var actor in Enum.GetValues<ActorKind>())
        {
            foreach (var to in Enum.GetValues<TicketStatus>())
            {
                TicketWorkflow.Decide(TicketStatus.Closed, to, actor).Allowed.Should().BeFalse($"{actor} → {to}");
            }
        }
    }

    [Theory]
    [InlineData(TicketStatus.Resolved, ActorKind.Customer, TicketStatus.Open)]
    [InlineData(TicketStatus.PendingCustomer, ActorKind.Customer, TicketStatus.Open)]
    [InlineData(TicketStatus.New, ActorKind.Customer, TicketStatus.New)]
    [InlineData(TicketStatus.OnHold, ActorKind.Customer, TicketStatus.OnHold)]
    [InlineData(TicketStatus.New, ActorKind.Staff, TicketStatus.Open)]
    [InlineData(TicketStatus.PendingCustomer, ActorKind.Staff, TicketStatus.PendingCustomer)]
    public void AfterReply_ReopensForTheCustomer_AndStartsWorkForStaff(TicketStatus current, ActorKind actor, TicketStatus expected)
    {
        TicketWorkflow.AfterReply(current, actor).Should().Be(expected);
    }

    [Fact]
    public void Apply_CountsEachResolution_AndClearsItOnReopen()
    {
        var now = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
        var ticket = new Ticket { Subject = "x", Status = TicketStatus.Open };

        var resolved = TicketWorkflow.Apply(ticket, TicketStatus.Resolved, now);
        var reopened = TicketWorkflow.Apply(resolved, TicketStatus.Open, now.AddHours(1));
        var again = TicketWorkflow.Apply(reopened, TicketStatus.Resolved, now.AddHours(2));
        var closed = TicketWorkflow.Apply(again, TicketStatus.Closed, now.AddDays(8));

        resolved.Should().Match<Ticket>(t => t.Resolutions == 1 && t.ResolvedUtc == now);
        reopened.Should().Match<Ticket>(t => t.Resolutions == 1 && t.ResolvedUtc == null);
        again.Resolutions.Should().Be(2);
        closed.Should().Match<Ticket>(t => t.ClosedUtc == now.AddDays(8) && t.ResolvedUtc == now.AddHours(2));
    }
}
