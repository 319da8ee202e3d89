using System.Text;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Mail;

public sealed class ReceiveEmailTests
{
    private readonly MailWorld _world = new();

    [Fact]
    public async Task A_known_contact_gets_a_ticket_in_their_organisation_on_the_email_channel_and_an_acknowledgement()
    {
        var outcome = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));

        outcome.Result.Should().Be(IntakeResult.Ticket);
        var ticket = _world.Tickets[outcome.TicketId!.Value];
        ticket.OrganisationId.Should().Be(MailWorld.Contoso);
        ticket.RequesterId.Should().Be(MailWorld.Ann);
        ticket.Channel.Should().Be(TicketChannel.Email);
        ticket.TriageReason.Should().BeNull();
        _world.Tickets.Mail.Should().ContainSingle(m => m.Kind == TicketMail.Acknowledgement && m.ToAddress == "ann@contoso.example");
        _world.Mail.Entries(InboundStatus.Processed).Should().ContainSingle(e => e.TicketId == ticket.Id);
    }

    [Fact]
    public async Task An_unknown_sender_from_a_domain_an_organisation_owns_becomes_its_contact()
    {
        var outcome = await _world.ReceiveAsync(MailWorld.From("carol@contoso.example"));

        var carol = _world.People.People.Single(p => p.Email == "carol@contoso.example");
        carol.OrganisationId.Should().Be(MailWorld.Contoso);
        _world.Tickets[outcome.TicketId!.Value].Should().Match<Ticket>(t => t.RequesterId == carol.Id && t.OrganisationId == MailWorld.Contoso && t.TriageReason == null);
    }

    [Fact]
    public async Task Any_other_sender_still_gets_a_ticket_flagged_for_triage()
    {
        var outcome = await _world.ReceiveAsync(MailWorld.From("zed@nowhere.example"));

        outcome.Result.Should().Be(IntakeResult.Ticket);
        var ticket = _world.Tickets[outcome.TicketId!.Value];
        var unknown = _world.Organisations.Organisations.Single(o => o.Name == "Unknown senders");
        ticket.OrganisationId.Should().Be(unknown.Id);
        ticket.TriageReason.Should().Be("Unknown sender zed@nowhere.example: no organisation owns nowhere.example.");
        _world.People.People.Single(p => p.Email == "zed@nowhere.example").OrganisationId.Should().BeNull("a stranger must not see the other strangers' tickets");
    }

    [Fact]
    public async Task A_known_contact_hears_their_subject_and_name_back_in_the_acknowledgement()
    {
        await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", "Printer on fire"));

        var ack = _world.Tickets.Mail.Single(m => m.Kind == TicketMail.Acknowledgement);
        ack.Subject.Should().EndWith("Printer on fire");
        ack.TextBody.Should().Contain("Hello Ann Archer").And.Contain("\"Printer on fire\"");
    }

    [Theory]
    [InlineData("zed@nowhere.example", 2)]
    [InlineData("carol@contoso.example", 1)]
    public async Task An_unknown_sender_is_acknowledged_without_their_subject_or_name(string address, int mails)
    {
        // A stranger twice: the contact the first mail made belongs to no organisation, so is still not someone the
        // desk knows. (Carol's first mail places her in Contoso, which owns her domain.)
        for (var i = 0; i < mails; i++)
        {
            await _world.ReceiveAsync(MailWorld.From(address, "You won! Claim at https://prize.example") with { FromName = "Prize Desk https://prize.example" });
        }

        var acks = _world.Tickets.Mail.Where(m => m.Kind == TicketMail.Acknowledgement).ToList();
        acks.Should().HaveCount(mails).And.OnlyContain(m => m.ToAddress == address);
        acks.Should().OnlyContain(m => !m.Subject.Contains("prize", StringComparison.OrdinalIgnoreCase) && !m.TextBody.Contains("prize", StringComparison.OrdinalIgnoreCase) && !m.TextBody.Contains("won", StringComparison.OrdinalIgnoreCase));
        acks.Should().OnlyContain(m => m.Subject.EndsWith("We have your request", StringComparison.Ordinal) && m.TextBody.StartsWith("Hello,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Acknowledgements_stop_at_the_domain_limit_however_the_addresses_rotate_and_the_tickets_are_still_filed()
    {
        _world.Settings = _world.Settings with { ThrottleMessages = 100, Acknowledgements = new AcknowledgementLimits { PerAddress = 5, PerDomain = 3, Total = 100 } };

        var outcomes = new List<IntakeOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await _world.ReceiveAsync(MailWorld.From($"victim{i}@spam.example")));
        }

        outcomes.Should().OnlyContain(o => o.Result == IntakeResult.Ticket);
        _world.Tickets.Mail.Count(m => m.Kind == TicketMail.Acknowledgement).Should().Be(3);
        outcomes[4].Reason.Should().Contain("not answered");
        (await _world.Tickets.ListAuditAsync(outcomes[4].TicketId!.Value)).Should()
            .Contain(a => a.Field == "mail" && a.NewValue == "Not acknowledged: 3 acknowledgements to senders at spam.example were already sent within 1 h.");
    }

    [Fact]
    public async Task Acknowledgements_stop_at_the_total_limit_across_domains()
    {
        _world.Settings = _world.Settings with { Acknowledgements = new AcknowledgementLimits { PerAddress = 5, PerDomain = 5, Total = 2 } };

        for (var i = 0; i < 4; i++)
        {
            await _world.ReceiveAsync(MailWorld.From($"someone@domain{i}.example"));
        }

        _world.Tickets.All.Should().HaveCount(4);
        _world.Tickets.Mail.Count(m => m.Kind == TicketMail.Acknowledgement).Should().Be(2);
    }

    [Fact]
    public async Task The_same_message_twice_is_a_duplicate_and_makes_one_ticket()
    {
        var email = MailWorld.From("ann@contoso.example", messageId: "once@mail.example");
        var raw = _world.Mail.Raw(email);

        var first = await _world.Intake.ReceiveAsync(raw, "api");
        var second = await _world.Intake.ReceiveAsync(raw, "imap:support");

        second.Result.Should().Be(IntakeResult.Duplicate);
        second.TicketId.Should().Be(first.TicketId);
        _world.Tickets.All.Should().ContainSingle();
    }

    [Fact]
    public async Task A_message_without_a_message_id_is_keyed_by_its_bytes()
    {
        var raw = _world.Mail.Raw(MailWorld.From("ann@contoso.example") with { MessageId = null });

        await _world.Intake.ReceiveAsync(raw, "api");
        var again = await _world.Intake.ReceiveAsync(raw, "api");

        again.Result.Should().Be(IntakeResult.Duplicate);
        _world.Mail.Received.Single().Entry.MessageKey.Should().StartWith("sha256:");
    }

    [Fact]
    public async Task A_duplicate_found_only_when_saving_is_still_a_duplicate()
    {
        // Two pollers read the same message at once: the second finds no record before saving, and the save refuses it.
        var email = MailWorld.From("ann@contoso.example", messageId: "race@mail.example");
        var raw = _world.Mail.Raw(email);
        await _world.Intake.ReceiveAsync(raw, "api");
        var recorded = _world.Mail.Received[0];
        _world.Mail.Received.Clear();
        _world.Tickets.Mailroom = null;
        var store = new RacingMail(_world.Mail, recorded);

        var intake = new ReceiveEmail(
            store,
            store,
            _world.Mail,
            _world.People,
            _world.Organisations,
            _world.Tickets,
            new FileTicket(new RefusingTickets(_world.Tickets), _world.People, [], AttachmentPolicy.Default, _world.Clock),
            new ReplyToTicket(_world.Tickets, _world.People, AttachmentPolicy.Default, _world.Clock),
            AttachmentPolicy.Default,
            _world.Settings,
            _world.FullCounts,
            _world.Clock);

        var outcome = await intake
            .ReceiveAsync(raw, "imap:support");

        outcome.Result.Should().Be(IntakeResult.Duplicate);
    }

    [Theory]
    [InlineData(MailKind.AutoReply)]
    [InlineData(MailKind.List)]
    public async Task Robot_mail_is_held_and_never_answered(MailKind kind)
    {
        var robot = kind == MailKind.AutoReply ? new RobotHeaders { AutoSubmitted = "auto-replied" } : new RobotHeaders { ListId = "<news.contoso.example>" };

        var outcome = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", "Out of office") with { Robot = robot });

        outcome.Result.Should().Be(IntakeResult.Held);
        _world.Tickets.All.Should().BeEmpty();
        _world.Tickets.Mail.Should().BeEmpty();
        _world.Mail.Entries(InboundStatus.Held).Single().Should().Match<InboundMessageEntry>(e => e.Kind == kind && e.Reason!.StartsWith(HoldKind.Robot));
    }

    [Fact]
    public async Task An_allow_listed_robot_makes_a_ticket_that_is_not_acknowledged()
    {
        _world.Mail.AllowList.Add(new AllowListEntry("@monitor.example", "Monitoring", null, _world.Clock.GetUtcNow().UtcDateTime));

        var outcome = await _world.ReceiveAsync(MailWorld.From("alerts@monitor.example", "Disk full") with { Robot = new RobotHeaders { AutoSubmitted = "auto-generated" } });

        outcome.Result.Should().Be(IntakeResult.Ticket);
        outcome.Reason.Should().Contain("not answered");
        _world.Tickets.Mail.Should().BeEmpty();
    }

    [Fact]
    public async Task Our_own_mail_coming_back_is_held_even_from_an_allow_listed_sender()
    {
        _world.Mail.AllowList.Add(new AllowListEntry("support@helpdesk.example", "oops", null, DateTime.UtcNow));

        var outcome = await _world.ReceiveAsync(MailWorld.From("support@helpdesk.example") with { Robot = new RobotHeaders { XLoop = ["support@helpdesk.example"] } });

        outcome.Result.Should().Be(IntakeResult.Held);
        _world.Mail.Entries(InboundStatus.Held).Single().Kind.Should().Be(MailKind.Loop);
    }

    [Fact]
    public async Task A_bounce_of_our_mail_marks_it_failed_and_is_noted_on_its_ticket()
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));
        var sent = _world.Mail.Sent(filed.TicketId!.Value, "ack-1@helpdesk.example");

        var outcome = await _world.ReceiveAsync(MailWorld.From("mailer-daemon@mx.contoso.example", "Undelivered Mail Returned to Sender") with
        {
            Robot = new RobotHeaders { ReturnPath = "", ContentType = "multipart/report" },
            Report = new DeliveryReport("ack-1@helpdesk.example", "ann@contoso.example", "failed", "550 5.1.1 user unknown"),
        });

        outcome.Result.Should().Be(IntakeResult.Bounce);
        outcome.TicketId.Should().Be(filed.TicketId);
        _world.Mail.Outbox.Single(o => o.Id == sent.Id).Status.Should().Be(OutboxStatus.Failed);
        _world.Mail.BounceNotes.Single().Text.Should().Be("Mail to ann@contoso.example \"[HD-1] Printer\" was not delivered: 550 5.1.1 user unknown");
        _world.Tickets.Mail.Should().ContainSingle("only the first mail's acknowledgement; the bounce is never answered");
    }

    [Fact]
    public async Task A_bounce_of_mail_we_did_not_send_is_held()
    {
        var outcome = await _world.ReceiveAsync(MailWorld.From("mailer-daemon@mx.example") with
        {
            Robot = new RobotHeaders { ReturnPath = "" },
            Report = new DeliveryReport("someone-else@elsewhere.example", null, "failed", null),
        });

        outcome.Result.Should().Be(IntakeResult.Held);
    }

    [Fact]
    public async Task A_sender_over_the_throttle_has_the_excess_held_not_lost()
    {
        var outcomes = new List<IntakeOutcome>();
        for (var i = 0; i < 7; i++)
        {
            outcomes.Add(await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", $"Problem {i}")));
        }

        outcomes.Take(5).Should().OnlyContain(o => o.Result == IntakeResult.Ticket);
        outcomes.Skip(5).Should().OnlyContain(o => o.Result == IntakeResult.Held && o.Reason.Contains("already sent 5 messages since 09:00 UTC (the limit is 5 in 10 minutes)"));

        _world.Clock.Advance(TimeSpan.FromMinutes(11));
        (await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", "Later"))).Result.Should().Be(IntakeResult.Ticket);
    }

    [Fact]
    public async Task Replies_count_against_the_throttle_and_the_excess_is_held_not_added()
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));
        var number = TicketNumber.Format(filed.TicketId!.Value);

        var replies = new List<IntakeOutcome>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add(await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", $"Re: [{number}] Printer on fire", $"Update {i}.")));
        }

        replies.Take(4).Should().OnlyContain(o => o.Result == IntakeResult.Reply, "the ticket and 4 replies reach the limit of 5");
        replies[4].Result.Should().Be(IntakeResult.Held);
        replies[4].Reason.Should().Contain("ann@contoso.example already sent 5 messages since 09:00 UTC");
        (await _world.Tickets.ListAuditAsync(filed.TicketId.Value)).Should().NotContain(a => a.Field == "reply" && a.NewValue == "Update 4.");
    }

    [Fact]
    public async Task A_count_found_full_is_not_tried_again_in_its_window()
    {
        _world.Settings = _world.Settings with { ThrottleMessages = 2, Acknowledgements = new AcknowledgementLimits { PerAddress = 1, PerDomain = 100, Total = 100 } };

        var outcomes = new List<IntakeOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", $"Problem {i}")));
        }

        outcomes.Select(o => o.Result).Should().Equal(IntakeResult.Ticket, IntakeResult.Ticket, IntakeResult.Held, IntakeResult.Held, IntakeResult.Held);
        outcomes[1].Reason.Should().EndWith("(not answered).");
        outcomes.Skip(2).Should().OnlyContain(o => o.Reason.Contains("already sent 2 messages since 09:00 UTC"));
        _world.Mail.Allowances.Refused.Should().Be(2, "the full acknowledgement count and the full throttle each refused one write, and were then known");

        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        (await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", "Next window"))).Result.Should().Be(IntakeResult.Ticket, "a new window starts from nothing");
    }

    [Fact]
    public async Task A_reply_threads_by_the_subject_tag_and_trims_the_quoted_history()
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));
        var number = TicketNumber.Format(filed.TicketId!.Value);

        var outcome = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", $"Re: [{number}] Printer on fire", "Still burning.\n\nOn Mon, 23 Nov 2026, Support wrote:\n> We have your request"));

        outcome.Result.Should().Be(IntakeResult.Reply);
        outcome.TicketId.Should().Be(filed.TicketId);
        _world.Tickets.All.Should().ContainSingle();
        (await _world.Tickets.ListAuditAsync(filed.TicketId.Value)).Should().Contain(a => a.Field == "reply" && a.NewValue == "Still burning.");
    }

    [Fact]
    public async Task A_reply_threads_by_in_reply_to_against_the_message_ids_we_sent()
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));
        _world.Mail.Sent(filed.TicketId!.Value, "reply-7@helpdesk.example");

        var outcome = await _world.ReceiveAsync(MailWorld.From("bob@contoso.example", "Re: your printer") with { InReplyTo = ["reply-7@helpdesk.example"] });

        outcome.Result.Should().Be(IntakeResult.Reply, "a colleague in the same organisation may answer");
        outcome.TicketId.Should().Be(filed.TicketId);
    }

    [Fact]
    public async Task A_reply_threads_by_references_against_the_message_ids_we_received()
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", messageId: "first@contoso.example"));

        var outcome = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", "Re: Printer on fire") with { References = ["first@contoso.example", "other@x.example"] });

        outcome.Result.Should().Be(IntakeResult.Reply);
        outcome.TicketId.Should().Be(filed.TicketId);
    }

    [Fact]
    public async Task A_reply_from_someone_not_on_the_ticket_is_held_and_an_engineer_can_add_it()
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));
        var number = TicketNumber.Format(filed.TicketId!.Value);

        var held = await _world.ReceiveAsync(MailWorld.From("mallory@evil.example", $"Re: [{number}] Printer on fire", "Let me in"));

        held.Result.Should().Be(IntakeResult.Held);
        held.TicketId.Should().Be(filed.TicketId);
        _world.Mail.Entries(InboundStatus.Held).Single().Reason.Should().Be($"not-participant: mallory@evil.example is not a participant of {number}");

        var released = await _world.Intake.ReleaseAsync(held.InboundId!.Value, MailWorld.Eve);

        released.Value!.Result.Should().Be(IntakeResult.Reply);
        _world.Mail.Received.Single(r => r.Entry.Id == held.InboundId).Entry.Status.Should().Be(InboundStatus.Released);
        (await _world.Intake.ReleaseAsync(held.InboundId.Value, MailWorld.Eve)).Failure.Should().Be(Common.Failure.NotFound);
    }

    [Fact]
    public async Task A_released_robot_message_makes_a_ticket_that_is_not_answered()
    {
        var held = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", "Out of office") with { Robot = new RobotHeaders { XAutoreply = "yes" } });

        var released = await _world.Intake.ReleaseAsync(held.InboundId!.Value, MailWorld.Eve);

        released.Value!.Result.Should().Be(IntakeResult.Ticket);
        _world.Tickets.Mail.Should().BeEmpty();
    }

    [Fact]
    public async Task A_staff_member_replying_by_mail_answers_the_customer()
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));

        await _world.ReceiveAsync(MailWorld.From("eve@helpdesk.example", $"Re: [{TicketNumber.Format(filed.TicketId!.Value)}] Printer", "Unplug it.") with
        {
            AuthenticationResults = ["mx.helpdesk.example; dkim=pass header.d=helpdesk.example; dmarc=pass header.from=helpdesk.example"],
        });

        _world.Tickets.Mail.Should().Contain(m => m.Kind == TicketMail.Reply && m.ToAddress == "ann@contoso.example");
        _world.Tickets[filed.TicketId.Value].FirstResponseUtc.Should().NotBeNull();
    }

    [Theory]
    [InlineData("no Authentication-Results", new string[0], "no Authentication-Results from mx.helpdesk.example")]
    [InlineData("DMARC failed", new[] { "mx.helpdesk.example; dmarc=fail header.from=helpdesk.example" }, "mx.helpdesk.example: dmarc=fail")]
    [InlineData("a pass the sender wrote", new[] { "mx.attacker.example; dmarc=pass header.from=helpdesk.example" }, "no Authentication-Results from mx.helpdesk.example")]
    public async Task A_staff_reply_the_receiving_server_did_not_verify_is_held_with_the_reason(string what, string[] results, string reason)
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));
        var number = TicketNumber.Format(filed.TicketId!.Value);
        var before = _world.Tickets.Mail.Count;

        var outcome = await _world.ReceiveAsync(MailWorld.From("eve@helpdesk.example", $"Re: [{number}] Printer", "Send me your password.") with { AuthenticationResults = results });

        outcome.Result.Should().Be(IntakeResult.Held, what);
        _world.Mail.Entries(InboundStatus.Held).Single().Reason.Should().Be($"unverified: a staff reply from eve@helpdesk.example that the receiving server did not verify ({reason})");
        _world.Tickets.Mail.Should().HaveCount(before, "nothing is mailed to the customer");
        _world.Tickets.Messages.Should().ContainSingle(m => m.TicketId == filed.TicketId, "only the customer's first message is on the ticket");
    }

    [Fact]
    public async Task A_held_staff_reply_released_by_an_engineer_is_posted()
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));
        var held = await _world.ReceiveAsync(MailWorld.From("eve@helpdesk.example", $"Re: [{TicketNumber.Format(filed.TicketId!.Value)}] Printer", "Unplug it."));

        var released = await _world.Intake.ReleaseAsync(held.InboundId!.Value, MailWorld.Eve);

        released.Value!.Result.Should().Be(IntakeResult.Reply);
        _world.Tickets.Mail.Should().Contain(m => m.Kind == TicketMail.Reply && m.ToAddress == "ann@contoso.example");
    }

    [Fact]
    public async Task Customer_mail_that_fails_dmarc_is_flagged_on_its_ticket_for_staff()
    {
        var forged = MailWorld.From("ann@contoso.example") with { AuthenticationResults = ["mx.helpdesk.example; dmarc=fail header.from=contoso.example"] };

        var outcome = await _world.ReceiveAsync(forged);

        const string flag = "The sender's domain failed DMARC (mx.helpdesk.example: dmarc=fail): this mail may not be from ann@contoso.example.";
        outcome.Result.Should().Be(IntakeResult.Ticket);
        _world.Tickets[outcome.TicketId!.Value].TriageReason.Should().Be(flag);
        (await _world.Tickets.ListAuditAsync(outcome.TicketId.Value)).Should().Contain(a => a.Field == "sender" && a.NewValue == flag);

        var reply = await _world.ReceiveAsync(forged with { MessageId = "second@mail.example", Subject = $"Re: [{TicketNumber.Format(outcome.TicketId.Value)}] Printer" });

        reply.Result.Should().Be(IntakeResult.Reply);
        (await _world.Tickets.ListAuditAsync(outcome.TicketId.Value)).Count(a => a.Field == "sender").Should().Be(2);
    }

    [Fact]
    public async Task A_reply_to_a_closed_ticket_becomes_a_new_ticket_that_says_so()
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));
        var closed = _world.Tickets.Put(_world.Tickets[filed.TicketId!.Value] with { Status = TicketStatus.Closed }, null, [], DateTime.UtcNow);

        var outcome = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", $"Re: [{closed.Number}] Printer on fire"));

        outcome.Result.Should().Be(IntakeResult.Ticket);
        outcome.TicketId.Should().NotBe(closed.Id);
        (await _world.Tickets.ListAuditAsync(outcome.TicketId!.Value)).Should().Contain(a => a.NewValue == $"Follow-up to {closed.Number}, which is closed.");
    }

    [Fact]
    public async Task An_oversized_attachment_is_dropped_with_a_note_and_the_rest_kept()
    {
        _world.Attachments = new AttachmentPolicy(1024, [".txt", ".log"]);
        var email = MailWorld.From("ann@contoso.example") with
        {
            Attachments =
            [
                new InboundAttachment("log.txt", "text/plain", Encoding.UTF8.GetBytes("boot ok")),
                new InboundAttachment("trace.log", "text/plain", new byte[4096]),
            ],
        };

        var outcome = await _world.ReceiveAsync(email);

        var audit = await _world.Tickets.ListAuditAsync(outcome.TicketId!.Value);
        audit.Should().Contain(a => a.Field == "attachment" && a.NewValue!.StartsWith("trace.log (4 KB) was not attached:"));
    }

    [Fact]
    public async Task Deeply_nested_html_is_kept_with_its_text_shown_and_the_html_attached()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 20_000)) + "It is on fire.";
        var email = MailWorld.From("ann@contoso.example") with { Html = html };

        var outcome = await _world.ReceiveAsync(email);

        outcome.Result.Should().Be(IntakeResult.Ticket);
        var (_, message, files) = _world.Tickets.Messages.Single(m => m.TicketId == outcome.TicketId);
        message.Body.Text.Should().Be("It is on fire.");
        message.Body.Html.Should().Be("<p>It is on fire.</p>");
        files.Should().ContainSingle(f => f.FileName == MailHtml.AttachmentName && Encoding.UTF8.GetString(f.Content) == html);
        (await _world.Tickets.ListAuditAsync(outcome.TicketId!.Value)).Should().Contain(a => a.Field == "mail"
            && a.NewValue == "The mail's HTML is not shown, its text is: the HTML nests elements more than 100 deep. The HTML is attached as message.html.txt.");
    }

    [Fact]
    public async Task A_reply_whose_html_outlasts_the_budget_is_added_with_its_text_and_the_html_attached()
    {
        var filed = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example"));
        _world.Settings = _world.Settings with { Html = new MailHtmlLimits { Budget = TimeSpan.Zero } };
        var reply = MailWorld.From("ann@contoso.example", subject: $"Re: [HD-{filed.TicketId}] Printer on fire", text: "Still burning.") with { Html = "<p>Still <b>burning</b>.</p>" };

        var outcome = await _world.ReceiveAsync(reply);

        outcome.Result.Should().Be(IntakeResult.Reply);
        var (_, message, files) = _world.Tickets.Messages.Last(m => m.TicketId == filed.TicketId);
        message.Body.Html.Should().Be("<p>Still burning.</p>");
        files.Should().ContainSingle(f => f.FileName == MailHtml.AttachmentName);
    }

    [Fact]
    public async Task Html_within_the_limits_is_shown_sanitized_and_not_attached()
    {
        var email = MailWorld.From("ann@contoso.example") with { Html = "<p onclick=\"x()\">It is <b>on fire</b>.</p>" };

        var outcome = await _world.ReceiveAsync(email);

        var (_, message, files) = _world.Tickets.Messages.Single(m => m.TicketId == outcome.TicketId);
        message.Body.Html.Should().Be("<p>It is <b>on fire</b>.</p>");
        files.Should().BeEmpty();
    }

    [Fact]
    public async Task An_attachment_is_stored_with_the_type_its_extension_gives_not_the_one_the_sender_declared()
    {
        var email = MailWorld.From("ann@contoso.example") with
        {
            Attachments = [new InboundAttachment("report.pdf", "text/html", Encoding.UTF8.GetBytes("<script>alert(1)</script>"))],
        };

        var outcome = await _world.ReceiveAsync(email);

        _world.Tickets.Messages.Single(m => m.TicketId == outcome.TicketId).Files.Should().ContainSingle()
            .Which.ContentType.Should().Be("application/pdf");
    }

    [Fact]
    public async Task Unreadable_bytes_are_quarantined_once_and_a_retry_that_still_fails_keeps_them()
    {
        var raw = Encoding.UTF8.GetBytes("garbage");

        var first = await _world.Intake.ReceiveAsync(raw, "api");
        var again = await _world.Intake.ReceiveAsync(raw, "api");

        first.Result.Should().Be(IntakeResult.Quarantined);
        first.Failed.Should().BeTrue();
        again.Result.Should().Be(IntakeResult.Duplicate);
        var retry = await _world.Intake.ReleaseAsync(first.InboundId!.Value, MailWorld.Eve);
        retry.Value!.Result.Should().Be(IntakeResult.Quarantined);
        _world.Mail.Entries(InboundStatus.Quarantined).Should().ContainSingle();
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_quarantined_with_its_size()
    {
        _world.Settings = _world.Settings with { MaxMessageBytes = 10 };

        var outcome = await _world.Intake.ReceiveAsync(new byte[2048], "api");

        outcome.Result.Should().Be(IntakeResult.Quarantined);
        outcome.Reason.Should().Be("Quarantined: The message is 2 KB, over the limit of 10 bytes.");
    }

    [Fact]
    public async Task Deleting_a_held_message_resolves_it_once()
    {
        var held = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example") with { Robot = new RobotHeaders { Precedence = "bulk" } });

        (await _world.Intake.DeleteAsync(held.InboundId!.Value, MailWorld.Eve)).Should().BeTrue();
        (await _world.Intake.DeleteAsync(held.InboundId.Value, MailWorld.Eve)).Should().BeFalse();
    }

    [Fact]
    public async Task An_empty_message_still_makes_a_ticket()
    {
        var outcome = await _world.ReceiveAsync(MailWorld.From("ann@contoso.example", "  ", "   "));

        outcome.Result.Should().Be(IntakeResult.Ticket);
        _world.Tickets[outcome.TicketId!.Value].Subject.Should().Be("(no subject)");
    }

    /// <summary>Finds no earlier record, as a concurrent poller would before the winner's commit.</summary>
    private sealed class RacingMail(InMemoryMail inner, (InboundMessageEntry Entry, byte[] Raw) winner) : IInboundMailStore, IInboundMailParser
    {
        private int _lookups;

        public InboundParse Parse(byte[] raw) => inner.Parse(raw);

        public Task<InboundMessageEntry?> FindByKeyAsync(string messageKey, CancellationToken cancellationToken = default) =>
            Task.FromResult(_lookups++ == 0 ? null : winner.Entry);

        public Task<InboundMessageEntry?> GetAsync(int id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);
        public Task<byte[]?> GetRawAsync(int id, CancellationToken cancellationToken = default) => inner.GetRawAsync(id, cancellationToken);
        public Task<InboundMessageEntry?> FindByTicketMessageAsync(int ticketMessageId, CancellationToken cancellationToken = default) => inner.FindByTicketMessageAsync(ticketMessageId, cancellationToken);
        public Task<IReadOnlyList<InboundMessageEntry>> ListForTicketAsync(int ticketId, CancellationToken cancellationToken = default) => inner.ListForTicketAsync(ticketId, cancellationToken);
        public Task<IReadOnlyList<InboundMessageEntry>> ListAsync(InboundStatus status, int take, CancellationToken cancellationToken = default) => inner.ListAsync(status, take, cancellationToken);
        public Task<int> CountAsync(InboundStatus status, CancellationToken cancellationToken = default) => inner.CountAsync(status, cancellationToken);
        public Task<int> AddAsync(ReceivedMail mail, CancellationToken cancellationToken = default) => inner.AddAsync(mail, cancellationToken);
        public Task<int> AddBounceAsync(ReceivedMail mail, int outboxId, string auditText, CancellationToken cancellationToken = default) => inner.AddBounceAsync(mail, outboxId, auditText, cancellationToken);
        public Task<int?> FindTicketByMessageIdsAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default) => inner.FindTicketByMessageIdsAsync(messageIds, cancellationToken);
        public Task<bool> ResolveAsync(int id, InboundStatus expected, InboundStatus outcome, int? ticketId, int actorId, DateTime nowUtc, CancellationToken cancellationToken = default) => inner.ResolveAsync(id, expected, outcome, ticketId, actorId, nowUtc, cancellationToken);
        public Task<bool> IsAllowListedAsync(string address, CancellationToken cancellationToken = default) => inner.IsAllowListedAsync(address, cancellationToken);
        public Task<IReadOnlyList<AllowListEntry>> ListAllowListAsync(CancellationToken cancellationToken = default) => inner.ListAllowListAsync(cancellationToken);
        public Task<bool> AllowAsync(AllowListEntry entry, CancellationToken cancellationToken = default) => inner.AllowAsync(entry, cancellationToken);
        public Task<bool> DisallowAsync(string address, CancellationToken cancellationToken = default) => inner.DisallowAsync(address, cancellationToken);
    }

    /// <summary>A ticket store whose save finds the message already recorded.</summary>
    private sealed class RefusingTickets(ITicketStore inner) : ITicketStore
    {
        public Task<Ticket> CreateAsync(NewTicket ticket, CancellationToken cancellationToken = default) => throw new DuplicateMailException(ticket.Received!.MessageKey);
        public Task<Ticket?> UpdateAsync(TicketUpdate update, CancellationToken cancellationToken = default) => inner.UpdateAsync(update, cancellationToken);
        public Task<Ticket?> GetAsync(int id, TicketScope scope, CancellationToken cancellationToken = default) => inner.GetAsync(id, scope, cancellationToken);
        public Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
        public Task<IReadOnlyList<TicketMessage>> ListMessagesAsync(int ticketId, TicketScope scope, CancellationToken cancellationToken = default) => inner.ListMessagesAsync(ticketId, scope, cancellationToken);
        public Task<IReadOnlyList<TicketAuditEntry>> ListAuditAsync(int ticketId, CancellationToken cancellationToken = default) => inner.ListAuditAsync(ticketId, cancellationToken);
        public Task<IReadOnlyList<TimeEntry>> ListTimeAsync(int ticketId, CancellationToken cancellationToken = default) => inner.ListTimeAsync(ticketId, cancellationToken);
        public Task<TimeEntry> AddTimeAsync(TimeEntry entry, CancellationToken cancellationToken = default) => inner.AddTimeAsync(entry, cancellationToken);
        public Task<bool> AddRatingAsync(TicketRating rating, CancellationToken cancellationToken = default) => inner.AddRatingAsync(rating, cancellationToken);
        public Task<TicketRating?> GetRatingAsync(int ticketId, int resolution, TicketScope scope, CancellationToken cancellationToken = default) => inner.GetRatingAsync(ticketId, resolution, scope, cancellationToken);
        public Task<IReadOnlyList<int>> ListResolvedBeforeAsync(DateTime resolvedBeforeUtc, int take, CancellationToken cancellationToken = default) => inner.ListResolvedBeforeAsync(resolvedBeforeUtc, take, cancellationToken);
        public Task<IReadOnlyList<int>> ListSlaChecksDueAsync(DateTime nowUtc, int take, CancellationToken cancellationToken = default) => inner.ListSlaChecksDueAsync(nowUtc, take, cancellationToken);
    }
}
