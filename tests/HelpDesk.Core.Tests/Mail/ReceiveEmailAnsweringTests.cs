using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Mail;

/// <summary>Intake's rules for reused Message-IDs, mail that is filed but not answered, sender-less bounces and mended senders.</summary>
public sealed class ReceiveEmailAnsweringTests
{
    private readonly MailWorld _world = new();

    [Fact]
    public async Task A_different_message_with_a_Message_ID_seen_before_makes_a_ticket_of_its_own_that_says_so()
    {
        var first = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", "Printer", messageId: "same@mail.example"));

        var second = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", "Scanner", messageId: "same@mail.example"));

        second.Result.Should().Be(IntakeResult.Ticket);
        second.TicketId.Should().NotBe(first.TicketId);
        _world.Tickets.All.Should().HaveCount(2);
        (await _world.Tickets.ListAuditAsync(second.TicketId!.Value)).Should()
            .Contain(a => a.Field == "mail" && a.NewValue!.StartsWith("This mail reuses the Message-ID <same@mail.example> of a different message", StringComparison.Ordinal));
        _world.Mail.Received.Select(r => r.Entry.MessageKey).Should().ContainSingle(k => k == "mid:same@mail.example")
            .And.ContainSingle(k => k.StartsWith("mid-reused:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_reusing_an_ID_sent_again_is_a_duplicate_of_itself()
    {
        await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", "Printer", messageId: "same@mail.example"));
        var raw = _world.Mail.Raw(MailWorld.From("ann@contoso.example", "Scanner", messageId: "same@mail.example"));
        var second = await _world.Intake.ReceiveAsync(raw, "api");

        var third = await _world.Intake.ReceiveAsync(raw, "imap:support");

        third.Result.Should().Be(IntakeResult.Duplicate);
        third.InboundId.Should().Be(second.InboundId);
        _world.Tickets.All.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_record_stored_under_the_plain_Message_ID_key_is_still_recognised()
    {
        // As every message was recorded before contents were compared.
        var email = MailWorld.From("ann@contoso.example", messageId: "old@mail.example");
        var raw = _world.Mail.Raw(email);
        _world.Mail.Received.Add((new InboundMessageEntry { Id = 99, MessageKey = "mid:old@mail.example", MessageId = "old@mail.example", Status = InboundStatus.Processed }, raw));

        var outcome = await _world.Intake.ReceiveAsync(raw, "api");

        outcome.Result.Should().Be(IntakeResult.Duplicate);
        outcome.InboundId.Should().Be(99);
    }

    [Fact]
    public async Task Mail_that_must_not_be_answered_makes_a_ticket_without_an_acknowledgement_and_the_audit_says_why()
    {
        var outcome = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example") with { Headers = [KeyValuePair.Create("X-Spam-Flag", "YES")] });

        outcome.Result.Should().Be(IntakeResult.Ticket);
        outcome.Reason.Should().Contain("not answered");
        _world.Tickets.Mail.Should().NotContain(m => m.Kind == TicketMail.Acknowledgement);
        (await _world.Tickets.ListAuditAsync(outcome.TicketId!.Value)).Should()
            .Contain(a => a.Field == "mail" && a.NewValue!.StartsWith("Not acknowledged: X-Spam-Flag: YES", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_foreign_X_Loop_makes_a_ticket_that_is_not_answered()
    {
        var outcome = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example") with { Robot = new RobotHeaders { XLoop = ["desk@partner.example"] } });

        outcome.Result.Should().Be(IntakeResult.Ticket);
        _world.Tickets.Mail.Should().NotContain(m => m.Kind == TicketMail.Acknowledgement);
    }

    [Fact]
    public async Task An_unanswered_mail_takes_nothing_from_the_acknowledgement_budget()
    {
        _world.Settings = _world.Settings with { Acknowledgements = new AcknowledgementLimits { PerAddress = 1, PerDomain = 1, Total = 10 } };

        await _world.ReceiveAsync(MailWorld.From("noreply@contoso.example"));
        await _world.ReceiveAsync(MailWorld.From("abuse@contoso.example"));
        await _world.ReceiveAsync(MailWorld.From("bob@contoso.example"));

        _world.Tickets.Mail.Should().ContainSingle(m => m.Kind == TicketMail.Acknowledgement).Which.ToAddress.Should().Be("bob@contoso.example");
    }

    [Fact]
    public async Task A_mail_systems_message_without_a_sender_is_held_as_a_bounce_and_cannot_be_released_into_a_ticket()
    {
        var outcome = await _world.ReceiveAsync(MailWorld.From("x@y.example", "Undelivered Mail") with { FromAddress = "", FromName = "MAILER-DAEMON" });

        outcome.Result.Should().Be(IntakeResult.Held);
        var held = _world.Mail.Entries(InboundStatus.Held).Single();
        held.Kind.Should().Be(MailKind.Bounce);
        held.Reason.Should().StartWith("robot: Bounce: no sender address (From: MAILER-DAEMON)");

        var released = await _world.Intake.ReleaseAsync(held.Id, MailWorld.Eve);

        released.Succeeded.Should().BeFalse();
        _world.Tickets.All.Should().BeEmpty();
    }

    [Fact]
    public async Task A_sender_read_from_a_broken_From_is_flagged_for_triage_with_what_was_mended()
    {
        const string repair = "The From header \"Ann ann@contoso.example\" has its address without angle brackets; it was read as ann@contoso.example.";

        var outcome = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example") with { Repairs = [repair] });

        outcome.Result.Should().Be(IntakeResult.Ticket);
        _world.Tickets[outcome.TicketId!.Value].TriageReason.Should().Be("The sender was read from a broken header: " + repair);
        (await _world.Tickets.ListAuditAsync(outcome.TicketId.Value)).Should().Contain(a => a.NewValue == repair);
    }
}
