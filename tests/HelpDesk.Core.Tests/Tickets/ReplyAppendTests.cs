using HelpDesk.Core.Common;
using HelpDesk.Core.Tests.Routing;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Routing.RoutingWorld;

namespace HelpDesk.Core.Tests.Tickets;

/// <summary>A reply or note without a version is an append: another change made meanwhile does not refuse it.</summary>
public sealed class ReplyAppendTests
{
    private static readonly TicketActor Priya = TicketActor.Staff(1);
    private readonly RoutingWorld _world = new();

    public ReplyAppendTests() => _world.Engineer(1, "Priya Shah");

    /// <summary>Plays the SLA monitor (or a colleague) changing the ticket between a use case's read and its save, <paramref name="times"/> times.</summary>
    private void ChangedWhileSaving(int times)
    {
        var left = times;
        _world.Tickets.AfterGet = id =>
        {
            if (left-- > 0)
            {
                _world.Tickets.Touch(id);
            }
        };
    }

    [Fact]
    public async Task Reply_WithoutAVersion_IsAdded_WhenTheTicketChangesWhileItIsSaved()
    {
        var ticket = _world.Ticket(assignee: 1);
        ChangedWhileSaving(times: 2);

        var result = await _world.Reply.HandleAsync(new ReplyToTicketRequest { Actor = Priya, TicketId = ticket.Id, Body = "Try the 4.2.1 patch." });

        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
        (await _world.Tickets.ListAuditAsync(ticket.Id)).Should().ContainSingle(a => a.Field == "reply" && a.NewValue == "Try the 4.2.1 patch.");
        _world.Tickets.Mail.Should().ContainSingle(m => m.Kind == TicketMail.Reply, "the reply is mailed once, from the save that counted");
        result.Value!.FirstResponseUtc.Should().Be(Monday);
    }

    [Fact]
    public async Task Note_WithoutAVersion_IsAdded_AndACustomersReplyToo()
    {
        var ticket = _world.Ticket(assignee: 1);
        ChangedWhileSaving(times: 1);
        var note = await _world.Reply.HandleAsync(new ReplyToTicketRequest { Actor = Priya, TicketId = ticket.Id, Body = "Checked the logs.", Kind = MessageKind.Note });
        ChangedWhileSaving(times: 1);
        var customer = await _world.Reply.HandleAsync(new ReplyToTicketRequest { Actor = TicketActor.Customer(Customer, Acme), TicketId = ticket.Id, Body = "Any news?" });

        note.Succeeded.Should().BeTrue();
        customer.Succeeded.Should().BeTrue();
        (await _world.AuditFieldsAsync(ticket.Id)).Should().Equal("note", "reply");
    }

    [Fact]
    public async Task Reply_WithAStatusAndTheVersionRead_IsRefused_WhenTheTicketChangedSince()
    {
        var ticket = _world.Ticket(assignee: 1);
        _world.Tickets.Touch(ticket.Id);

        var result = await _world.Reply.HandleAsync(new ReplyToTicketRequest
        {
            Actor = Priya,
            TicketId = ticket.Id,
            Body = "Waiting for your logs.",
            Status = TicketStatus.PendingCustomer,
            ExpectedVersion = ticket.Version,
        });

        result.Failure.Should().Be(Failure.Conflict);
        _world.Tickets[ticket.Id].Status.Should().Be(TicketStatus.Open);
        (await _world.Tickets.ListAuditAsync(ticket.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Reply_WithTheVersionRead_IsRefused_WhenTheTicketChangesWhileItIsSaved()
    {
        var ticket = _world.Ticket(assignee: 1);
        ChangedWhileSaving(times: 1);

        var result = await _world.Reply.HandleAsync(new ReplyToTicketRequest { Actor = Priya, TicketId = ticket.Id, Body = "Only if nothing changed.", ExpectedVersion = ticket.Version });

        result.Failure.Should().Be(Failure.Conflict, "a writer who sends the version they read asks for nothing to be saved over a change");
    }

    [Fact]
    public async Task Reply_WithoutAVersion_GivesUp_WhenEveryTryLosesTheRace()
    {
        var ticket = _world.Ticket(assignee: 1);
        ChangedWhileSaving(times: int.MaxValue);

        var result = await _world.Reply.HandleAsync(new ReplyToTicketRequest { Actor = Priya, TicketId = ticket.Id, Body = "Busy ticket." });

        result.Failure.Should().Be(Failure.Conflict);
        (await _world.Tickets.ListAuditAsync(ticket.Id)).Should().BeEmpty();
    }
}
