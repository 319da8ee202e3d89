using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Mailboxes;
using HelpDesk.Web.Mail;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Mail;

public sealed class MailPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Admin = "admin@helpdesk.test";
    private const string Engineer = "engineer@helpdesk.test";

    private IMailboxStore Mailboxes => app.Services.GetRequiredService<IMailboxStore>();

    private IInboundMailStore Inbound => app.Services.GetRequiredService<IInboundMailStore>();

    [Fact]
    public async Task AddMailbox_ShowsFieldErrors_AndSavesNothing_WhenFieldsAreMissing()
    {
        var admin = await app.SignInAsync(Admin);

        var response = await admin.PostFormAsync("/admin/mail/mailbox", new Dictionary<string, string>
        {
            ["Input.Name"] = "",
            ["Input.Host"] = "imap.example.com",
            ["Input.Port"] = "99999",
            ["Input.UserName"] = "support",
            ["Input.Folder"] = "INBOX",
            ["Input.ProcessedFolder"] = "Done",
            ["Input.FailedFolder"] = "Failed",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var errors = PageText.ErrorsOf(await response.Content.ReadAsStringAsync());
        errors.Should().Contain("Give the mailbox a name.").And.Contain("A port from 1 to 65535").And.Contain("Give the mailbox's password.");
        (await Mailboxes.ListAsync()).Should().NotContain(m => m.Host == "imap.example.com" && m.UserName == "support");
    }

    [Fact]
    public async Task AddMailbox_StoresThePasswordProtected_AndNeverShowsIt()
    {
        var admin = await app.SignInAsync(Admin);
        var name = "support-" + Guid.NewGuid().ToString("N")[..8];

        var response = await admin.PostFormAsync("/admin/mail/mailbox", MailboxForm(name, "Sup3r-secret"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = (await Mailboxes.ListAsync()).Single(m => m.Name == name);
        saved.ProtectedPassword.Should().NotBeEmpty().And.NotContain("Sup3r-secret");
        app.Services.GetRequiredService<ISecretProtector>().Unprotect(saved.ProtectedPassword).Should().Be("Sup3r-secret");
        var page = await admin.GetStringAsync($"/admin/mail/mailbox/{saved.Id}");
        page.Should().Contain(name).And.NotContain("Sup3r-secret").And.NotContain(saved.ProtectedPassword).And.Contain("leave empty to keep it");

        // Saving without a password keeps the stored one.
        (await admin.PostFormAsync($"/admin/mail/mailbox/{saved.Id}", MailboxForm(name, "", version: saved.Version, host: "imap2.example.com")))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var edited = await Mailboxes.GetAsync(saved.Id);
        edited!.Host.Should().Be("imap2.example.com");
        app.Services.GetRequiredService<ISecretProtector>().Unprotect(edited.ProtectedPassword).Should().Be("Sup3r-secret");
    }

    [Fact]
    public async Task EditMailbox_WithAStaleVersion_SaysSo_AndKeepsTheOtherChange()
    {
        var admin = await app.SignInAsync(Admin);
        var id = await CreateMailboxAsync();
        var mailbox = (await Mailboxes.GetAsync(id))!;
        (await Mailboxes.UpdateAsync(mailbox with { Port = 143 })).Should().BeTrue();

        var response = await admin.PostFormAsync($"/admin/mail/mailbox/{id}", MailboxForm(mailbox.Name, "", version: mailbox.Version, host: "stale.example.com"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Someone changed this mailbox");
        (await Mailboxes.GetAsync(id))!.Host.Should().Be(mailbox.Host);
    }

    [Fact]
    public async Task TestConnection_TriesTheFormsSettings_AndShowsTheAnswer()
    {
        var admin = await app.SignInAsync(Admin);
        var servers = app.Services.GetRequiredService<RecordingMailServers>();
        servers.NextCheck = new ConnectionCheck(false, "Authentication failed for support");

        var response = await admin.PostFormAsync("/admin/mail/mailbox", MailboxForm("trial", "typed-password", host: "trial.example.com"), handler: "Test");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Connection failed: Authentication failed for support");
        servers.Calls.Should().Contain("test trial.example.com support typed");
        (await Mailboxes.ListAsync()).Should().NotContain(m => m.Name == "trial", "testing saves nothing");
    }

    [Fact]
    public async Task Mailboxes_ListsHealth_AndPollNowPolls()
    {
        var admin = await app.SignInAsync(Admin);
        var id = await CreateMailboxAsync();

        var response = await admin.PostFormAsync("/admin/mail/mailboxes", new Dictionary<string, string>(), handler: $"Poll&id={id}");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        app.Services.GetRequiredService<RecordingMailServers>().Calls.Should().Contain($"poll {id}");
        var list = await admin.GetStringAsync("/admin/mail/mailboxes");
        list.Should().Contain((await Mailboxes.GetAsync(id))!.Name);
    }

    [Fact]
    public async Task Forms_RefuseAPostWithoutTheAntiForgeryToken()
    {
        var admin = await app.SignInAsync(Admin);
        var engineer = await app.SignInAsync(Engineer);

        var mailbox = await admin.PostAsync("/admin/mail/mailbox", new FormUrlEncodedContent(MailboxForm("forged", "x")));
        var allow = await admin.PostAsync("/admin/mail/allowlist?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Address"] = "forged@example.com" }));
        var held = await engineer.PostAsync("/desk/mail/held?handler=Delete&id=1", new FormUrlEncodedContent(new Dictionary<string, string>()));

        mailbox.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        allow.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        held.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Inbound.IsAllowListedAsync("forged@example.com")).Should().BeFalse();
    }

    [Fact]
    public async Task AllowList_AddsAnAddressOrDomain_RefusesNonsense_AndRemoves()
    {
        var admin = await app.SignInAsync(Admin);

        var bad = await admin.PostFormAsync("/admin/mail/allowlist", new Dictionary<string, string> { ["Input.Address"] = "not an address" }, handler: "Add");
        var domain = await admin.PostFormAsync("/admin/mail/allowlist", new Dictionary<string, string> { ["Input.Address"] = "@Monitor.Example", ["Input.Note"] = "uptime checks" }, handler: "Add");
        var twice = await admin.PostFormAsync("/admin/mail/allowlist", new Dictionary<string, string> { ["Input.Address"] = "@monitor.example" }, handler: "Add");

        PageText.ErrorsOf(await bad.Content.ReadAsStringAsync()).Should().Contain("Give a mail address");
        domain.StatusCode.Should().Be(HttpStatusCode.Redirect);
        PageText.ErrorsOf(await twice.Content.ReadAsStringAsync()).Should().Contain("already on the list");
        (await Inbound.IsAllowListedAsync("alerts@monitor.example")).Should().BeTrue();
        (await admin.GetStringAsync("/admin/mail/allowlist")).Should().Contain("uptime checks");

        (await admin.PostFormAsync("/admin/mail/allowlist", new Dictionary<string, string> { ["address"] = "@monitor.example" }, handler: "Remove"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Inbound.IsAllowListedAsync("alerts@monitor.example")).Should().BeFalse();
    }

    [Fact]
    public async Task Held_ShowsWhy_AndMakeATicketOrDeleteTakesTheMessageOffTheList()
    {
        var engineer = await app.SignInAsync(Engineer);
        var release = await HoldAsync("Out of office until Monday");
        var delete = await HoldAsync("Weekly newsletter");

        var page = await engineer.GetStringAsync("/desk/mail/held");
        page.Should().Contain("Out of office until Monday").And.Contain("robot (auto-reply)").And.Contain("Make a ticket");

        (await engineer.PostFormAsync("/desk/mail/held", new Dictionary<string, string>(), handler: $"Release&id={release}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await engineer.PostFormAsync("/desk/mail/held", new Dictionary<string, string>(), handler: $"Delete&id={delete}")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await Inbound.GetAsync(release))!.Status.Should().NotBe(InboundStatus.Held);
        (await Inbound.GetAsync(delete))!.Status.Should().Be(InboundStatus.Deleted);
        var after = await engineer.GetStringAsync("/desk/mail/held");
        after.Should().NotContain("Out of office until Monday").And.NotContain("Weekly newsletter");
    }

    [Fact]
    public async Task Held_AllowListsTheSender()
    {
        var engineer = await app.SignInAsync(Engineer);
        var id = await HoldAsync("Disk nearly full", from: "nagios@ops.example");

        (await engineer.PostFormAsync("/desk/mail/held", new Dictionary<string, string>(), handler: $"Allow&id={id}")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await Inbound.IsAllowListedAsync("nagios@ops.example")).Should().BeTrue();
    }

    [Fact]
    public async Task Message_ShowsHeadersAndText_AndDownloadsTheOriginal()
    {
        var engineer = await app.SignInAsync(Engineer);
        var id = await HoldAsync("Headers please");

        var page = await engineer.GetStringAsync($"/desk/mail/{id}");
        var download = await engineer.GetAsync($"/desk/mail/{id}?handler=Raw");

        page.Should().Contain("Auto-Submitted: auto-replied").And.Contain("I am away").And.Contain("Download the original");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.FileName.Should().Contain(".eml");
        (await download.Content.ReadAsStringAsync()).Should().Contain("Subject: Headers please");
    }

    [Fact]
    public async Task Quarantine_ShowsTheBytesAsText_AndDeletes()
    {
        var admin = await app.SignInAsync(Admin);
        var raw = Encoding.UTF8.GetBytes("<html>garbage " + Guid.NewGuid() + "</html>");
        var id = await Inbound.AddAsync(new ReceivedMail { MessageKey = ReceivedMail.QuarantineKeyFor(raw), Source = "api", Raw = raw, Status = InboundStatus.Quarantined, Reason = "it names no sender", ReceivedUtc = DateTime.UtcNow });

        (await admin.GetStringAsync("/admin/mail/quarantine")).Should().Contain("it names no sender");
        var text = await admin.GetAsync($"/admin/mail/quarantine?handler=Raw&id={id}");
        text.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await text.Content.ReadAsStringAsync()).Should().Contain("garbage");

        (await admin.PostFormAsync("/admin/mail/quarantine", new Dictionary<string, string>(), handler: $"Delete&id={id}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Inbound.GetAsync(id))!.Status.Should().Be(InboundStatus.Deleted);
        (await Inbound.GetRawAsync(id)).Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task Outbox_ListsFailedMailWithItsError_AndRetryQueuesItAgain()
    {
        var admin = await app.SignInAsync(Admin);
        var id = await FailedOutboxMessageAsync("bounced@customer.example", "550 5.1.1 user unknown");

        var page = await admin.GetStringAsync("/admin/mail/outbox");
        page.Should().Contain("bounced@customer.example").And.Contain("550 5.1.1 user unknown");

        (await admin.PostFormAsync("/admin/mail/outbox", new Dictionary<string, string>(), handler: $"Retry&id={id}")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var entry = await app.Services.GetRequiredService<IOutbox>().GetAsync(id);
        entry!.Status.Should().Be(OutboxStatus.Pending);
        entry.Attempts.Should().Be(0);
    }

    [Fact]
    public async Task AdminIndex_LinksEveryMailPage()
    {
        var admin = await app.SignInAsync(Admin);

        var page = await admin.GetStringAsync("/admin");

        foreach (var link in new[] { "/admin/mail/mailboxes", "/admin/mail/polls", "/admin/mail/outbox", "/admin/mail/quarantine", "/admin/mail/allowlist", "/desk/mail/held" })
        {
            page.Should().Contain($"href=\"{link}\"");
        }
    }

    [Fact]
    public async Task TicketPage_LinksTheOriginalOfMailedMessages_AndListsBounces()
    {
        IntakeOutcome filed;
        IntakeOutcome bounced;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<IEmailIntake>();
            filed = await intake.ReceiveAsync(InboundMailEndpointTests.Message("customer@northwind.example", "Sent by mail", $"<{Guid.NewGuid():N}@mail.northwind.example>"), "api");
            string acknowledgement;
            await using (var connection = await app.Connections.OpenAsync())
            {
                acknowledgement = await connection.QuerySingleAsync<string>("SELECT MessageId FROM OutboxMessages WHERE TicketId = @TicketId", new { filed.TicketId });
            }

            bounced = await intake.ReceiveAsync(
                InboundMailEndpointTests.Message(
                    "mailer-daemon@mx.northwind.example",
                    "Undelivered Mail Returned to Sender",
                    $"<{Guid.NewGuid():N}@mx.northwind.example>",
                    $"Return-Path: <>\r\nIn-Reply-To: <{acknowledgement}>",
                    "550 5.1.1 user unknown"),
                "api");
        }

        var ticketId = filed.TicketId!.Value;
        var original = (await Inbound.ListForTicketAsync(ticketId)).First(e => e.Status == InboundStatus.Processed).Id;
        var bounce = bounced.InboundId!.Value;
        bounced.Result.Should().Be(IntakeResult.Bounce);
        var engineer = await app.SignInAsync(Engineer);

        var page = await engineer.GetStringAsync($"/desk/tickets/HD-{ticketId}");

        page.Should().Contain($"href=\"/desk/mail/{original}\"").And.Contain("view original");
        page.Should().Contain($"href=\"/desk/mail/{bounce}\"").And.Contain("550 5.1.1 user unknown");
    }

    [Fact]
    public async Task Desk_HasATriageTab()
    {
        var engineer = await app.SignInAsync(Engineer);

        var page = await engineer.GetStringAsync("/desk?queue=Triage");

        page.Should().Contain("aria-current=\"page\">Triage</a>").And.Contain("flagged for triage");
    }

    private async Task<int> HoldAsync(string subject, string from = "someone@northwind.example")
    {
        var raw = InboundMailEndpointTests.Message(from, subject, $"<{Guid.NewGuid():N}@example>", "Auto-Submitted: auto-replied", "I am away.");
        return await Inbound.AddAsync(Received(subject, InboundStatus.Held, from) with
        {
            Kind = MailKind.AutoReply,
            Reason = $"{HoldKind.Robot}: Auto-Submitted: auto-replied",
            Raw = raw,
        });
    }

    private static ReceivedMail Received(string subject, InboundStatus status, string from = "customer@northwind.example") => new()
    {
        MessageKey = "mid:" + Guid.NewGuid().ToString("N"),
        Source = "api",
        FromAddress = from,
        Subject = subject,
        ReceivedUtc = DateTime.UtcNow,
        Status = status,
        Raw = Encoding.UTF8.GetBytes($"From: {from}\r\nSubject: {subject}\r\n\r\nText\r\n"),
    };

    private async Task<int> CreateMailboxAsync() =>
        (await Mailboxes.CreateAsync(
            new Mailbox { Name = "box-" + Guid.NewGuid().ToString("N")[..8], Host = "imap.example.com", UserName = "support", ProtectedPassword = "x" },
            DateTime.UtcNow))!.Value;

    private async Task<int> FailedOutboxMessageAsync(string to, string error)
    {
        var outbox = app.Services.GetRequiredService<IOutbox>();
        var id = await outbox.EnqueueAsync(new OutboundMail("reply", to, "Re: [HD-1] Printer", "Hello"), DateTime.UtcNow);
        try
        {
            await outbox.MarkAttemptFailedAsync(id, error, null, DateTime.UtcNow);
        }
        catch (NotSupportedException)
        {
            await using var connection = await app.Connections.OpenAsync();
            await connection.ExecuteAsync(
                "UPDATE OutboxMessages SET Status = 'Failed', Attempts = 8, LastError = @error, FailedUtc = @now WHERE Id = @id",
                new { id, error, now = DateTime.UtcNow });
        }

        return id;
    }

    private static Dictionary<string, string> MailboxForm(string name, string password, int version = 0, string host = "imap.example.com") => new()
    {
        ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Name"] = name,
        ["Input.Host"] = host,
        ["Input.Port"] = "993",
        ["Input.TlsMode"] = "SslOnConnect",
        ["Input.UserName"] = "support",
        ["Input.Password"] = password,
        ["Input.Folder"] = "INBOX",
        ["Input.ProcessedFolder"] = "HelpDesk/Processed",
        ["Input.FailedFolder"] = "HelpDesk/Failed",
        ["Input.Enabled"] = "true",
    };
}
