using System.Net.Http.Json;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Mail.Mailboxes;
using HelpDesk.Mail.Outbound;
using HelpDesk.Testing.Mail;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace HelpDesk.Web.Tests.Mail;

/// <summary>
/// The app with a real IMAP server (dovecot) and SMTP server (the sink) on loopback: the customer writes with a mail
/// client (the message lands in the support mailbox), the app polls, files, acknowledges, threads the reply, mails
/// the engineer's answer, holds an out-of-office, and a poll cut short mid-way loses and duplicates nothing.
/// </summary>
public sealed class MailEndToEndTests(MailEndToEndTests.Fixture fixture) : IClassFixture<MailEndToEndTests.Fixture>
{
    private const string Engineer = "engineer@helpdesk.test";

    private TestMailServers Servers => fixture.Servers;

    private HelpDeskAppFactory App => fixture.App;

    [Fact]
    public async Task A_customer_writes_replies_hears_back_and_their_out_of_office_is_held()
    {
        var mailbox = await fixture.MailboxAsync();

        // A new mail becomes a ticket, and the acknowledgement arrives: without the subject, because the sender is not
        // yet a contact the desk knows.
        var first = Mail("Keel hangs after the 4.2 upgrade", "The board stops at the boot banner since 4.2.");
        await Servers.AppendAsync(TestMailServers.Support, mailbox.Folder, Bytes(first));
        var poll = await PollAsync(mailbox.Id);
        poll.Should().Match<MailboxPoll>(p => p.Fetched == 1 && p.Tickets == 1 && p.Error == null);
        (await Servers.CountAsync(TestMailServers.Support, mailbox.Folder)).Should().Be(0);
        (await Servers.CountAsync(TestMailServers.Support, mailbox.ProcessedFolder)).Should().Be(1);
        var ticketId = await TicketIdAsync(first.Subject!);
        await DrainAsync();
        var ack = await Servers.WaitForDeliveredAsync(m => m.InReplyTo == first.MessageId, TimeSpan.FromSeconds(10));
        ack.Subject.Should().Be($"[HD-{ticketId}] We have your request");
        ack.To.Mailboxes.Single().Address.Should().Be(TestMailServers.Customer);
        ack.Headers["Auto-Submitted"].Should().Be("auto-replied");
        ack.Headers["X-Loop"].Should().Be(TestMailServers.Support);
        ack.InReplyTo.Should().Be(first.MessageId);

        // The customer's reply threads by In-Reply-To, with the quoted acknowledgement trimmed for display.
        var reply = Mail($"Re: {ack.Subject}", $"Here is the boot log.\n\nOn Mon, 23 Nov 2026, HelpDesk Support wrote:\n> {ack.TextBody!.Split('\n')[0]}");
        reply.InReplyTo = ack.MessageId;
        reply.References.Add(ack.MessageId!);
        await Servers.AppendAsync(TestMailServers.Support, mailbox.Folder, Bytes(reply));
        (await PollAsync(mailbox.Id)).Replies.Should().Be(1);
        (await MessageTextsAsync(ticketId)).Should().Equal(first.TextBody!.Trim(), "Here is the boot log.");

        // The engineer's reply reaches the customer, threaded under the customer's mail.
        var engineer = await App.SignInWithTokenAsync(Engineer);
        (await engineer.PostAsJsonAsync($"/api/tickets/HD-{ticketId}/messages", new { body = "Please try the 4.2.1 patch." })).EnsureSuccessStatusCode();
        await DrainAsync();
        var answer = await Servers.WaitForDeliveredAsync(
            m => m.Subject == $"Re: [HD-{ticketId}] {first.Subject}" && m.To.Mailboxes.Any(a => a.Address == TestMailServers.Customer), TimeSpan.FromSeconds(10));
        answer.TextBody.Should().Contain("Please try the 4.2.1 patch.");
        answer.Headers.Contains("Auto-Submitted").Should().BeFalse("a person wrote it");
        answer.References.Should().Contain(first.MessageId).And.Contain(reply.MessageId);

        // The customer's out-of-office answer to it is held, never answered, and adds nothing to the ticket.
        // Nothing is queued for it (no background work queues mail in this app), and nothing sent answers it.
        var queued = await OutboxCountAsync();
        var away = Mail($"Automatic reply: {answer.Subject}", "I am away until Monday.");
        away.Headers.Add("Auto-Submitted", "auto-replied");
        away.InReplyTo = answer.MessageId;
        await Servers.AppendAsync(TestMailServers.Support, mailbox.Folder, Bytes(away));
        (await PollAsync(mailbox.Id)).Held.Should().Be(1);
        await DrainAsync();
        (await OutboxCountAsync()).Should().Be(queued, "an out-of-office is never answered");
        (await Servers.DeliveredAsync()).Should().NotContain(m => m.InReplyTo == away.MessageId || m.References.Contains(away.MessageId!));
        (await MessageTextsAsync(ticketId)).Should().HaveCount(3);
        await using var scope = App.Services.CreateAsyncScope();
        var held = await scope.ServiceProvider.GetRequiredService<IInboundMailStore>().ListAsync(InboundStatus.Held, 50);
        held.Should().Contain(h => h.MessageId == away.MessageId && h.Kind == MailKind.AutoReply);
    }

    [Fact]
    public async Task A_poll_cut_short_after_saving_loses_and_duplicates_nothing_on_the_next()
    {
        var mailbox = await fixture.MailboxAsync();
        var subjects = Enumerable.Range(1, 12).Select(i => $"Crash test {Guid.NewGuid():N} #{i}").ToList();
        foreach (var subject in subjects)
        {
            await Servers.AppendAsync(TestMailServers.Support, mailbox.Folder, Bytes(Mail(subject, "Body")));
        }

        // The intake saves the fifth ticket and then the process dies, before the poll moves anything.
        MailboxPoll cut;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var crashing = new CrashAfterSaves(services.GetRequiredService<IEmailIntake>(), saves: 5);
            var poller = new MailboxPoller(services.GetRequiredService<IMailboxStore>(), crashing, services.GetRequiredService<ISecretProtector>(), TimeProvider.System, NullLogger<MailboxPoller>.Instance);
            cut = await poller.PollAsync(mailbox.Id);
        }

        cut.Error.Should().Contain("the process died");
        (await Servers.CountAsync(TestMailServers.Support, mailbox.Folder)).Should().Be(12);
        (await TicketCountAsync(subjects)).Should().Be(5);

        var again = await PollAsync(mailbox.Id);

        again.Should().Match<MailboxPoll>(p => p.Fetched == 12 && p.Tickets == 7 && p.Duplicates == 5 && p.Error == null);
        (await TicketCountAsync(subjects)).Should().Be(12);
        foreach (var subject in subjects)
        {
            (await TicketCountAsync([subject])).Should().Be(1, subject);
        }

        (await Servers.CountAsync(TestMailServers.Support, mailbox.Folder)).Should().Be(0);
        (await Servers.CountAsync(TestMailServers.Support, mailbox.ProcessedFolder)).Should().Be(12);
        (await PollAsync(mailbox.Id)).Fetched.Should().Be(0);
    }

    [Fact]
    public async Task A_staff_reply_with_a_forged_from_is_held_and_one_the_receiving_server_verified_is_posted()
    {
        var mailbox = await fixture.MailboxAsync();
        var first = Mail($"Forgery test {Guid.NewGuid():N}", "Our keel hangs.");
        await Servers.AppendAsync(TestMailServers.Support, mailbox.Folder, Bytes(first));
        await PollAsync(mailbox.Id);
        var ticketId = await TicketIdAsync(first.Subject!);

        var forged = Mail($"Re: [HD-{ticketId}] {first.Subject}", "Please send us your admin password.");
        forged.From.Clear();
        forged.From.Add(new MailboxAddress("Engineer", Engineer));
        forged.Headers.Add("Authentication-Results", "mx.attacker.example; dmarc=pass header.from=helpdesk.test");
        await Servers.AppendAsync(TestMailServers.Support, mailbox.Folder, Bytes(forged));
        (await PollAsync(mailbox.Id)).Held.Should().Be(1);

        var genuine = Mail($"Re: [HD-{ticketId}] {first.Subject}", "Please try the 4.2.1 patch.");
        genuine.From.Clear();
        genuine.From.Add(new MailboxAddress("Engineer", Engineer));
        genuine.Headers.Add("Authentication-Results", "mx.helpdesk.test; dkim=pass header.d=helpdesk.test; dmarc=pass header.from=helpdesk.test");
        await Servers.AppendAsync(TestMailServers.Support, mailbox.Folder, Bytes(genuine));
        (await PollAsync(mailbox.Id)).Replies.Should().Be(1);

        (await MessageTextsAsync(ticketId)).Should().Equal("Our keel hangs.", "Please try the 4.2.1 patch.");
        await using var scope = App.Services.CreateAsyncScope();
        var held = await scope.ServiceProvider.GetRequiredService<IInboundMailStore>().ListAsync(InboundStatus.Held, 50);
        held.Should().ContainSingle(h => h.MessageId == forged.MessageId).Which.Reason.Should()
            .Be($"unverified: a staff reply from {Engineer} that the receiving server did not verify (no Authentication-Results from mx.helpdesk.test)");
    }

    [Fact]
    public async Task A_forty_megabyte_message_of_nested_html_is_kept_with_its_text_and_the_html_attached()
    {
        var mailbox = await fixture.MailboxAsync();
        var hostile = Mail($"Nested {Guid.NewGuid():N}", "The board stops at the boot banner.");
        var html = string.Concat(Enumerable.Repeat("<div>", 3_200_000)) + "The board stops at the boot banner.";
        var log = new byte[18 * 1024 * 1024];
        new Random(16).NextBytes(log);
        var alternative = new MultipartAlternative { hostile.Body!, new TextPart("html") { Text = html } };
        hostile.Body = new Multipart("mixed")
        {
            alternative,
            new MimePart("text", "plain") { FileName = "boot.log", Content = new MimeContent(new MemoryStream(log)), ContentTransferEncoding = ContentEncoding.Base64 },
        };
        var raw = Bytes(hostile);
        raw.Length.Should().BeInRange(38 * 1024 * 1024, 40 * 1024 * 1024, "the message is as large as intake takes");
        await Servers.AppendAsync(TestMailServers.Support, mailbox.Folder, raw);

        var poll = await PollAsync(mailbox.Id);

        poll.Should().Match<MailboxPoll>(p => p.Fetched == 1 && p.Tickets == 1 && p.Error == null);
        var ticketId = await TicketIdAsync(hostile.Subject!);
        await using var connection = await App.Connections.OpenAsync();
        var body = await connection.QuerySingleAsync<(string Text, string Html)>(
            "SELECT BodyText, BodyHtml FROM TicketMessages WHERE TicketId = @ticketId", new { ticketId });
        body.Should().Be(("The board stops at the boot banner.", "<p>The board stops at the boot banner.</p>"));
        var files = (await connection.QueryAsync<(string FileName, long SizeBytes)>(
            "SELECT FileName, SizeBytes FROM TicketAttachments WHERE TicketId = @ticketId ORDER BY FileName", new { ticketId })).AsList();
        files.Should().Equal(("boot.log", log.Length), ("message.html.txt", html.Length));
        var notes = await connection.QueryAsync<string>("SELECT NewValue FROM TicketAudit WHERE TicketId = @ticketId AND Field = 'mail'", new { ticketId });
        notes.Should().ContainSingle(n => n.StartsWith("The mail's HTML is not shown", StringComparison.Ordinal));
    }

    private static MimeMessage Mail(string subject, string text)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("client.example.test"),
            Date = DateTimeOffset.UtcNow,
            Body = new TextPart("plain") { Text = text },
        };
        message.From.Add(new MailboxAddress("Casey Customer", TestMailServers.Customer));
        message.To.Add(new MailboxAddress("Support", TestMailServers.Support));
        return message;
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private async Task<MailboxPoll> PollAsync(int mailboxId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailboxPoller>().PollAsync(mailboxId);
    }

    private async Task DrainAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OutboxSender>().DrainAsync();
        result.Failed.Should().Be(0);
    }

    private async Task<int> OutboxCountAsync()
    {
        await using var connection = await App.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages");
    }

    private async Task<int> TicketIdAsync(string subject)
    {
        await using var connection = await App.Connections.OpenAsync();
        return await connection.QuerySingleAsync<int>("SELECT Id FROM Tickets WHERE Subject = @subject", new { subject });
    }

    private async Task<int> TicketCountAsync(IReadOnlyList<string> subjects)
    {
        await using var connection = await App.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets WHERE Subject IN @subjects", new { subjects });
    }

    private async Task<List<string>> MessageTextsAsync(int ticketId)
    {
        await using var connection = await App.Connections.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT BodyText FROM TicketMessages WHERE TicketId = @ticketId AND Kind = 'Reply' ORDER BY Id", new { ticketId })).AsList();
    }

    /// <summary>Plays a process killed mid-poll: the intake does its work, and after the n-th save nothing more happens.</summary>
    private sealed class CrashAfterSaves(IEmailIntake inner, int saves) : IEmailIntake
    {
        private int _saved;

        public async Task<IntakeOutcome> ReceiveAsync(byte[] raw, string source, CancellationToken cancellationToken = default)
        {
            var outcome = await inner.ReceiveAsync(raw, source, cancellationToken);
            if (++_saved == saves)
            {
                throw new InvalidOperationException("the process died after saving");
            }

            return outcome;
        }
    }

    /// <summary>The demo app sending over SMTP to the sink, from the test servers' support address, whose domain Northwind owns.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public Fixture()
        {
            Servers = new TestMailServers();
            App = new MailServerApp(Servers);
        }

        public TestMailServers Servers { get; }

        public HelpDeskAppFactory App { get; }

        public async Task InitializeAsync()
        {
            var organisations = App.Services.GetRequiredService<IOrganisationStore>();
            var northwind = (await organisations.ListAsync()).Single(o => o.Name == "Northwind Traders");
            var saved = await organisations.UpdateAsync(northwind with { EmailDomains = [.. northwind.EmailDomains, "example.test"] });
            saved.Succeeded.Should().BeTrue();
        }

        /// <summary>A mailbox on a folder of its own in the support account, so tests do not see each other's mail.</summary>
        public async Task<Mailbox> MailboxAsync()
        {
            var folder = TestMailServers.UniqueFolder("Inbox");
            await Servers.CreateFolderAsync(TestMailServers.Support, folder);
            var mailbox = new Mailbox
            {
                Name = folder,
                Host = Servers.ImapHost,
                Port = Servers.ImapPort,
                TlsMode = MailTlsMode.None,
                UserName = TestMailServers.Support,
                ProtectedPassword = App.Services.GetRequiredService<ISecretProtector>().Protect(TestMailServers.Password),
                Folder = folder,
                ProcessedFolder = folder + "-done",
                FailedFolder = folder + "-failed",
            };
            var id = await App.Services.GetRequiredService<IMailboxStore>().CreateAsync(mailbox, DateTime.UtcNow);
            return mailbox with { Id = id!.Value };
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            Servers.Dispose();
            return Task.CompletedTask;
        }
    }

    private sealed class MailServerApp(TestMailServers servers) : HelpDeskAppFactory(new Dictionary<string, string?>
    {
        ["Mail:SupportAddress"] = TestMailServers.Support,
        ["Mail:Smtp:Host"] = servers.SmtpHost,
        ["Mail:Smtp:Port"] = servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:TlsMode"] = "None",
        ["Mail:TrustedAuthServId"] = "mx.helpdesk.test",
    });
}
