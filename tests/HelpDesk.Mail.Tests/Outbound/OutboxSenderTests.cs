using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Mail.Mailboxes;
using HelpDesk.Mail.Outbound;
using HelpDesk.Mail.Tests.Fakes;
using HelpDesk.Mail.Tests.Mailboxes;
using HelpDesk.Mail.Tests.Servers;
using HelpDesk.Testing.Mail;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace HelpDesk.Mail.Tests.Outbound;

[Collection(SharedMailServers.Name)]
public sealed class OutboxSenderTests(TestMailServers servers)
{
    /// <summary>Generous: a busy machine can be slow to let the sink write what it accepted.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly InMemoryOutbox _outbox = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly MailSettings _settings = new() { SupportAddress = "support@helpdesk.example", SupportName = "HelpDesk Support", MaxAttempts = 3 };

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private SmtpMailTransport Smtp(int? port = null) =>
        new SmtpMailTransport(new SmtpSettings { Host = servers.SmtpHost, Port = port ?? servers.SmtpPort, TlsMode = MailTlsMode.None, UserName = "helpdesk", Password = "any" });

    private OutboxSender Sender(IMailTransport transport) => new(_outbox, transport, _settings, _clock, NullLogger<OutboxSender>.Instance);

    private static string Unique(string subject) => $"{subject} {Guid.NewGuid():N}";

    private async Task<IReadOnlyList<MimeMessage>> DeliveredWithAsync(string subject) =>
        (await servers.DeliveredAsync()).Where(m => m.Subject == subject).ToList();

    [Fact]
    public async Task Drain_SendsAnAcknowledgement_WithThreadingLoopAndAutoSubmittedHeaders()
    {
        var subject = Unique("[HD-7] We received your request");
        _outbox.AddToThread(7, "first@mail.northwind.example");
        _outbox.AddToThread(7, "second@mail.northwind.example");
        var id = await _outbox.EnqueueAsync(new OutboundMail(TicketMail.Acknowledgement, "anna@northwind.example", subject, "We received your request.", TicketId: 7), Now);
        var messageId = _outbox.All.Single().MessageId;

        var result = await Sender(Smtp()).DrainAsync();

        result.Should().Be(new DrainResult(1, 0, 0));
        var mail = await servers.WaitForDeliveredAsync(m => m.Subject == subject, Wait);
        mail.MessageId.Should().Be(messageId);
        mail.InReplyTo.Should().Be("second@mail.northwind.example");
        mail.References.Should().Equal("first@mail.northwind.example", "second@mail.northwind.example");
        mail.Headers["X-Loop"]!.Should().Be("support@helpdesk.example");
        mail.Headers["Auto-Submitted"]!.Should().Be("auto-replied");
        mail.From.Mailboxes.Single().Should().Match<MailboxAddress>(a => a.Address == "support@helpdesk.example" && a.Name == "HelpDesk Support");
        mail.To.Mailboxes.Single().Address.Should().Be("anna@northwind.example");
        var parts = mail.Body.Should().BeOfType<MultipartAlternative>().Subject.OfType<TextPart>().ToList();
        parts.Select(p => p.ContentType.MimeType).Should().Equal("text/plain", "text/html");
        mail.TextBody!.Trim().Should().Be("We received your request.");
        mail.HtmlBody.Should().Contain(">We received your request.</p>", "a message queued with text only is sent with an HTML part laid out from it");
        mail.Date.Should().Be(_clock.GetUtcNow());
        var entry = await _outbox.GetAsync(id);
        entry!.Status.Should().Be(OutboxStatus.Sent);
        entry.SentUtc.Should().Be(Now);
    }

    [Fact]
    public async Task Build_LaysOutTextOnlyMail_SignedWithItsTicket_ElseWithTheDesksName()
    {
        await _outbox.EnqueueAsync(new OutboundMail(TicketMail.Acknowledgement, "anna@northwind.example", "[HD-12] Printer", "We have your request.\nSee https://desk.example/portal/tickets/HD-12", TicketId: 12), Now);
        await _outbox.EnqueueAsync(new OutboundMail(OutboundMail.PasswordReset, "anna@northwind.example", "Reset your password", "Follow the link."), Now);
        var batch = await _outbox.ClaimDueAsync(Now, Now.AddMinutes(2), 10);
        var sender = Sender(new PickupDirectoryTransport(Path.GetTempPath()));

        using var ticketMail = await sender.BuildAsync(batch.Single(e => e.TicketId == 12), CancellationToken.None);
        using var accountMail = await sender.BuildAsync(batch.Single(e => e.TicketId is null), CancellationToken.None);

        ticketMail.HtmlBody.Should().Contain(">We have your request.<br>")
            .And.Contain("<a href=\"https://desk.example/portal/tickets/HD-12\"")
            .And.Contain(">Ticket HD-12</p>", "mail about a ticket is signed with its number");
        accountMail.HtmlBody.Should().Contain(">Follow the link.</p>").And.Contain(">HelpDesk Support</p>");
    }

    [Fact]
    public async Task Build_ThreadsMailQueuedTogether_OnlyOnEarlierMail_SoNoTwoPointAtEachOther()
    {
        // A status change and a reply saved in one transaction queue two messages at the same moment, and one batch
        // sends both: each must thread on the mail before it, never on the other, or clients see a loop.
        _outbox.AddToThread(9, "request@mail.northwind.example");
        await _outbox.EnqueueAsync(new OutboundMail(TicketMail.Reply, "anna@northwind.example", "[HD-9] Re: Printer", "Try driver 5.2."), Now);
        await _outbox.EnqueueAsync(new OutboundMail(TicketMail.Reply, "anna@northwind.example", "[HD-9] Re: Printer", "Try driver 5.2.", TicketId: 9), Now);
        await _outbox.EnqueueAsync(new OutboundMail(TicketMail.StatusNotice, "anna@northwind.example", "[HD-9] is now waiting", "Waiting on you.", TicketId: 9), Now);
        var batch = await _outbox.ClaimDueAsync(Now, Now.AddMinutes(2), 10);
        var sender = Sender(new PickupDirectoryTransport(Path.GetTempPath()));

        var messages = new List<MimeMessage>();
        foreach (var entry in batch.Where(e => e.TicketId == 9))
        {
            messages.Add(await sender.BuildAsync(entry, CancellationToken.None));
        }

        messages.Should().HaveCount(2);
        var (first, second) = (messages[0], messages[1]);
        first.InReplyTo.Should().Be("request@mail.northwind.example");
        first.References.Should().Equal("request@mail.northwind.example");
        second.InReplyTo.Should().Be(first.MessageId);
        second.References.Should().Equal("request@mail.northwind.example", first.MessageId);
    }

    [Fact]
    public async Task Drain_SendsAnEngineersReply_AsTextAndHtml_WithoutAutoSubmitted()
    {
        var subject = Unique("[HD-8] Re: Printer");
        await _outbox.EnqueueAsync(new OutboundMail(TicketMail.Reply, "anna@northwind.example", subject, "Please try driver 5.2.", "<p>Please try <b>driver 5.2</b>.</p>", TicketId: 8), Now);

        await Sender(Smtp()).DrainAsync();

        var mail = await servers.WaitForDeliveredAsync(m => m.Subject == subject, Wait);
        mail.Headers.Contains("Auto-Submitted").Should().BeFalse();
        mail.Headers["X-Loop"]!.Should().Be("support@helpdesk.example");
        mail.Body!.ContentType.MimeType.Should().Be("multipart/alternative");
        mail.TextBody.Should().Contain("Please try driver 5.2.");
        mail.HtmlBody.Should().Contain("<b>driver 5.2</b>");
        mail.InReplyTo.Should().BeNull("the ticket has no earlier mail");
        mail.References.Should().BeEmpty();
    }

    [Fact]
    public async Task Drain_KeepsMailWithBackoff_WhileTheServerIsDown_AndSendsItOnce_WhenItIsBack()
    {
        var subjects = new[] { Unique("down one"), Unique("down two") };
        foreach (var subject in subjects)
        {
            await _outbox.EnqueueAsync(new OutboundMail(TicketMail.StatusNotice, "anna@northwind.example", subject, "Status changed."), Now);
        }

        var down = Smtp(MailboxPollerTests.ClosedPort());
        var first = await Sender(down).DrainAsync();

        first.Should().Be(new DrainResult(0, 2, 0));
        _outbox.All.Should().AllSatisfy(e =>
        {
            e.Status.Should().Be(OutboxStatus.Pending);
            e.Attempts.Should().Be(1);
            e.NextAttemptUtc.Should().Be(Now + _settings.FirstRetry);
            e.LastError.Should().StartWith("Could not send:");
        });
        (await Sender(down).DrainAsync()).Should().Be(new DrainResult(0, 0, 0), "nothing is due before the retry time");

        _clock.Advance(_settings.FirstRetry);
        var second = await Sender(down).DrainAsync();

        second.Retrying.Should().Be(2);
        _outbox.All.Should().AllSatisfy(e => e.NextAttemptUtc.Should().Be(Now + (_settings.FirstRetry * 2)));

        _clock.Advance(_settings.FirstRetry * 2);
        var back = await Sender(Smtp()).DrainAsync();

        back.Should().Be(new DrainResult(2, 0, 0));
        foreach (var subject in subjects)
        {
            await servers.WaitForDeliveredAsync(m => m.Subject == subject, Wait);
            (await DeliveredWithAsync(subject)).Should().ContainSingle();
        }

        _outbox.All.Should().AllSatisfy(e => e.Status.Should().Be(OutboxStatus.Sent));
    }

    [Fact]
    public async Task Drain_FailsForGood_WhenTheServerRefusesTheRecipient_AndSendsTheRest()
    {
        var refused = await _outbox.EnqueueAsync(new OutboundMail(TicketMail.Reply, "reject-me@northwind.example", Unique("refused"), "x"), Now);
        var subject = Unique("accepted");
        var accepted = await _outbox.EnqueueAsync(new OutboundMail(TicketMail.Reply, "anna@northwind.example", subject, "y"), Now);

        var result = await Sender(Smtp()).DrainAsync();

        result.Should().Be(new DrainResult(1, 0, 1));
        var failed = await _outbox.GetAsync(refused);
        failed!.Status.Should().Be(OutboxStatus.Failed);
        failed.FailedUtc.Should().Be(Now);
        failed.LastError.Should().Contain("550");
        (await _outbox.GetAsync(accepted))!.Status.Should().Be(OutboxStatus.Sent);
        await servers.WaitForDeliveredAsync(m => m.Subject == subject, Wait);
    }

    [Fact]
    public async Task Drain_KeepsRetrying_PastTheLastAttempt_WhileTheServerCannotBeReached()
    {
        var id = await _outbox.EnqueueAsync(new OutboundMail(TicketMail.Reply, "anna@northwind.example", Unique("outage"), "x"), Now);
        var down = Smtp(MailboxPollerTests.ClosedPort());

        for (var attempt = 1; attempt <= _settings.MaxAttempts + 2; attempt++)
        {
            await Sender(down).DrainAsync();
            _clock.Advance(_settings.MaxRetry);
        }

        var entry = await _outbox.GetAsync(id);
        entry!.Status.Should().Be(OutboxStatus.Pending, "an outage loses nothing and needs no one to press Retry");
        entry.Attempts.Should().Be(_settings.MaxAttempts + 2);
        entry.NextAttemptUtc.Should().Be(Now - _settings.MaxRetry + _settings.RetryDelay(_settings.MaxAttempts + 2));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, null)]
    public void A_temporary_refusal_is_retried_until_the_last_attempt(int attempts, int? minutes)
    {
        var refusal = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, "450 mailbox busy");
        var settings = _settings with { FirstRetry = TimeSpan.FromMinutes(1) };

        var next = OutboxSender.NextAttempt(refusal, attempts, settings, Now);

        next.Should().Be(minutes is int m ? Now.AddMinutes(m) : null);
    }

    [Fact]
    public void A_permanent_refusal_fails_at_once_and_an_unreachable_server_never_does()
    {
        var refused = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "550 no such user");
        var unreachable = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);

        OutboxSender.NextAttempt(refused, 1, _settings, Now).Should().BeNull();
        OutboxSender.NextAttempt(unreachable, 100, _settings, Now).Should().Be(Now + _settings.MaxRetry);
    }

    [Fact]
    public async Task Drain_SendsMailClaimedByACrashedDrain_OnceItsClaimExpires()
    {
        var subject = Unique("claimed then crashed");
        await _outbox.EnqueueAsync(new OutboundMail(TicketMail.Reply, "anna@northwind.example", subject, "x"), Now);
        await _outbox.ClaimDueAsync(Now, Now + OutboxSender.ClaimFor, OutboxSender.BatchSize);

        (await Sender(Smtp()).DrainAsync()).Sent.Should().Be(0, "the claim still holds");

        _clock.Advance(OutboxSender.ClaimFor);
        (await Sender(Smtp()).DrainAsync()).Sent.Should().Be(1);
        (await Sender(Smtp()).DrainAsync()).Sent.Should().Be(0);

        await servers.WaitForDeliveredAsync(m => m.Subject == subject, Wait);
        (await DeliveredWithAsync(subject)).Should().ContainSingle();
    }

    [Fact]
    public async Task PickupDirectory_WritesEachMessageAsAnEmlFileNamedByMessageId()
    {
        var directory = Path.Combine(Path.GetTempPath(), "helpdesk-pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var transport = new PickupDirectoryTransport(directory);
            await _outbox.EnqueueAsync(new OutboundMail(TicketMail.Reply, "anna@northwind.example", "Written to a file", "x"), Now);

            (await Sender(transport).DrainAsync()).Sent.Should().Be(1);

            var messageId = _outbox.All.Single().MessageId!;
            Directory.GetFiles(directory).Should().Equal(transport.PathFor(messageId));
            (await MimeMessage.LoadAsync(transport.PathFor(messageId))).Subject.Should().Be("Written to a file");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
