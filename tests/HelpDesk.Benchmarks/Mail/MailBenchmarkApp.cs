using System.Globalization;
using System.Text;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;
using HelpDesk.Mail.Tests.Inbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Benchmarks.Mail;

/// <summary>
/// The whole application over a fresh SQLite file with the demo seeded (organisations with contracts, engineers, the
/// catalogue), plus <see cref="MailCorpus.ContactCount"/> known contacts spread over four organisations with a contract,
/// and open tickets of each organisation for the replies to thread onto. Jobs do not run; mail goes to the outbox.
/// </summary>
public sealed class MailBenchmarkApp : WebApplicationFactory<Program>
{
    public const string IngressKey = "bench-ingress-key-0123456789";

    /// <summary>Organisations of the demo with a contract; their contacts send the benchmark's mail.</summary>
    private static readonly string[] Domains = ["northwind.example", "contoso.example", "adatum.example", "wingtip.example"];

    public MailBenchmarkApp()
    {
        DatabaseFile = Path.Combine(Path.GetTempPath(), $"helpdesk-bench-mail-{Guid.NewGuid():N}.db");
    }

    public string DatabaseFile { get; }

    public string ConnectionString => $"Data Source={DatabaseFile}";

    /// <summary>The corpus, once <see cref="SeedAsync"/> has made its contacts and open tickets.</summary>
    public MailCorpus Corpus { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(WebProjectDirectory());
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:HelpDesk"] = ConnectionString,
            ["Demo:Seed"] = "true",

            // Outside Development the demo accounts must not keep the published password.
            ["Demo:Password"] = "Bench-only-pass-7",
            ["App:PublicUrl"] = "http://localhost",
            ["Jobs:RunServer"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Mail:IngressApiKey"] = IngressKey,

            // The default (600 a minute per caller address) would hold the benchmark at 10 messages a second.
            ["RateLimits:MailIngressPerMinute"] = "10000000",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Starts the app, adds the contacts and files <paramref name="openTickets"/> tickets by mail to reply to.</summary>
    public async Task SeedAsync(int openTickets)
    {
        _ = Server;
        var now = DateTime.UtcNow;
        var contacts = new List<MailContact>();
        await using (var scope = Services.CreateAsyncScope())
        {
            var organisations = await scope.ServiceProvider.GetRequiredService<IOrganisationStore>().ListAsync();
            var people = scope.ServiceProvider.GetRequiredService<IPeopleDirectory>();
            var names = new Bogus.Faker("en") { Random = new Bogus.Randomizer(20260301) };
            for (var i = 0; i < MailCorpus.ContactCount; i++)
            {
                var domain = Domains[i % Domains.Length];
                var organisation = organisations.SingleOrDefault(o => o.EmailDomains.Contains(domain))
                    ?? throw new InvalidOperationException($"No organisation of the demo owns {domain}; there are {organisations.Count}.");
                var first = names.Name.FirstName();
                var last = names.Name.LastName();
                var email = $"{first}.{last}.{i}@{domain}".ToLowerInvariant();
                var person = await people.AddContactAsync(email, $"{first} {last}", organisation.Id, now);
                contacts.Add(new MailContact(person.Id, organisation.Id, email, $"{first} {last}"));
            }
        }

        var corpus = new MailCorpus(contacts);
        var open = new List<OpenTicket>();
        for (var i = 0; i < openTickets; i++)
        {
            var raw = corpus.NewTicket(i);
            await using var scope = Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<IEmailIntake>().ReceiveAsync(raw, "api");
            if (outcome.Result != IntakeResult.Ticket || outcome.TicketId is not int id)
            {
                throw new InvalidOperationException($"Seeding ticket {i}: {outcome.Result} {outcome.Reason}");
            }

            open.Add(new OpenTicket(id, contacts[i % contacts.Count].OrganisationId, MailCorpus.SubjectOf(i)));
        }

        Corpus = corpus.WithOpenTickets(open);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    internal static string WebProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "HelpDesk.Web");
            if (File.Exists(Path.Combine(candidate, "HelpDesk.Web.csproj")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("src/HelpDesk.Web not found above " + AppContext.BaseDirectory);
    }
}

public sealed record MailContact(int Id, int OrganisationId, string Email, string Name);

public sealed record OpenTicket(int Id, int OrganisationId, string Subject);

/// <summary>
/// Realistic customer mail, 2–4 KB: multipart/alternative text and HTML, one in four a reply tagged [HD-n] (with the
/// quoted history a mail client adds) from a colleague of the requester, one in twenty with a small log file attached.
/// Senders take turns, so none comes near the intake's per-sender throttle. Every message has its own Message-ID.
/// </summary>
public sealed class MailCorpus
{
    public const int ContactCount = 3_000;

    private const string SupportAddress = "support@helpdesk.example";

    private static readonly string[] Subjects =
    [
        "Bulk import fails with HTTP 500 since this morning",
        "Keel scheduler skips the nightly run",
        "Mooring agent cannot reach the broker after upgrade",
        "Sextant dashboard shows stale figures",
        "Licence key rejected on the new server",
        "Export to CSV truncates long descriptions",
        "Timeouts when saving large orders",
        "Login loop after enabling single sign-on",
        "Memory keeps growing on the worker nodes",
        "Question about the upgrade path to the next release",
        "Reports in the wrong time zone after the clock change",
        "Duplicate notifications sent to our customers",
    ];

    private static readonly string[] Paragraphs =
    [
        "Since the upgrade yesterday evening our operators see the error every few minutes. It started right after we applied the patch on the production cluster; the test cluster, which is still on the previous release, does not show it.",
        "We restarted the service twice and cleared the cache as the knowledge base article suggests, but the problem comes back within the hour. Nothing else changed on our side as far as we can tell.",
        "The log shows a connection reset followed by a retry that never finishes. I have copied the relevant lines below; the full log is available if you need it. Our network team confirms there is no firewall change.",
        "This is affecting the month-end close for our finance department, so we would be grateful for an answer today if at all possible. A workaround would already help a lot.",
        "Environment: three application servers behind a load balancer, PostgreSQL 16 on a separate host, about 400 users at peak. We run the release that was published last month with the default settings.",
        "Steps to reproduce: open an order with more than two hundred lines, change the delivery date and press save. After about thirty seconds the page shows a timeout and the change is lost.",
        "Could you also tell us whether the fix will be part of the next maintenance release, or whether we should plan for a hotfix? We need to book a change window with our hosting provider.",
        "For what it is worth, a colleague at our sister company reports the same behaviour on their installation, so it does not look like something specific to our data.",
    ];

    private static readonly string[] LogLines =
    [
        "2026-03-04T08:12:55.114Z INFO  worker-3 import batch 8812 started (2,114 rows)",
        "2026-03-04T08:12:57.902Z WARN  worker-3 connection reset by peer, retrying in 2s",
        "2026-03-04T08:12:59.905Z WARN  worker-3 connection reset by peer, retrying in 4s",
        "2026-03-04T08:13:03.910Z ERROR worker-3 batch 8812 failed: upstream returned 500 Internal Server Error",
        "2026-03-04T08:13:03.911Z INFO  worker-3 rolled back 2,114 rows",
    ];

    private readonly IReadOnlyList<MailContact> _contacts;
    private readonly Dictionary<int, OpenTicket[]> _openByOrganisation;
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private int _next;

    public MailCorpus(IReadOnlyList<MailContact> contacts, IEnumerable<OpenTicket>? open = null)
    {
        _contacts = contacts;
        _openByOrganisation = (open ?? []).GroupBy(t => t.OrganisationId).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public MailCorpus WithOpenTickets(IEnumerable<OpenTicket> open) => new(_contacts, open);

    /// <summary>The mixed batch of awkward mail, sent by these contacts and replying to their organisations' open tickets.</summary>
    public MixedMail Mixed() => new(
        _run,
        n => (_contacts[n % _contacts.Count].Email, _contacts[n % _contacts.Count].Name),
        n => _openByOrganisation.TryGetValue(_contacts[n % _contacts.Count].OrganisationId, out var open) ? open[(n / 4) % open.Length].Id : null);

    public static string SubjectOf(int n) => Subjects[n % Subjects.Length];

    /// <summary>The next message of the mix (thread-safe), and its sender.</summary>
    public (byte[] Raw, MailContact From) Next()
    {
        var n = Interlocked.Increment(ref _next);
        var from = _contacts[n % _contacts.Count];
        var raw = n % 4 == 3 && _openByOrganisation.TryGetValue(from.OrganisationId, out var open)
            ? Reply(n, from, open[(n / 4) % open.Length])
            : Build(n, from, SubjectOf(n), quoted: null, attach: n % 20 == 7);
        return (raw, from);
    }

    public byte[] NewTicket(int n) => Build(n, _contacts[n % _contacts.Count], SubjectOf(n), quoted: null, attach: false);

    private byte[] Reply(int n, MailContact from, OpenTicket ticket)
    {
        var quoted = new StringBuilder()
            .Append("On Tue, 3 Mar 2026 at 16:40, HelpDesk Support <").Append(SupportAddress).Append("> wrote:\r\n")
            .Append("> We received your request and an engineer will answer soon.\r\n")
            .Append("> Reference: ").Append(TicketNumber.Format(ticket.Id)).Append("\r\n>\r\n")
            .Append("> Kind regards,\r\n> HelpDesk Support\r\n")
            .ToString();
        return Build(n, from, $"RE: [{TicketNumber.Format(ticket.Id)}] {ticket.Subject}", quoted, attach: false);
    }

    private byte[] Build(int n, MailContact from, string subject, string? quoted, bool attach)
    {
        var text = new StringBuilder().Append("Hello,\r\n\r\n");
        var html = new StringBuilder().Append("<html><body><p>Hello,</p>");
        for (var p = 0; p < 3; p++)
        {
            var paragraph = Paragraphs[(n + (p * 3)) % Paragraphs.Length];
            text.Append(paragraph).Append("\r\n\r\n");
            html.Append("<p>").Append(paragraph).Append("</p>");
        }

        text.Append("Kind regards,\r\n").Append(from.Name).Append("\r\n");
        html.Append("<p>Kind regards,<br>").Append(from.Name).Append("</p>");
        if (quoted is not null)
        {
            text.Append("\r\n").Append(quoted);
            html.Append("<blockquote>").Append(quoted.Replace("\r\n", "<br>", StringComparison.Ordinal)).Append("</blockquote>");
        }

        html.Append("</body></html>");
        var messageId = string.Create(CultureInfo.InvariantCulture, $"{_run}.{n}@mail.{from.Email[(from.Email.IndexOf('@', StringComparison.Ordinal) + 1)..]}");
        var mail = new StringBuilder()
            .Append("Return-Path: <").Append(from.Email).Append(">\r\n")
            .Append("Received: from mail.example (mx1.example [192.0.2.10]) by mx.helpdesk.example with ESMTPS; Wed, 04 Mar 2026 08:15:02 +0000\r\n")
            .Append("From: \"").Append(from.Name).Append("\" <").Append(from.Email).Append(">\r\n")
            .Append("To: HelpDesk Support <").Append(SupportAddress).Append(">\r\n")
            .Append("Subject: ").Append(subject).Append("\r\n")
            .Append("Date: Wed, 04 Mar 2026 08:15:00 +0000\r\n")
            .Append("Message-ID: <").Append(messageId).Append(">\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("X-Mailer: Microsoft Outlook 16.0\r\n");
        const string alternative = "alt-boundary-7f3a";
        const string mixed = "mixed-boundary-2c9e";
        if (attach)
        {
            mail.Append("Content-Type: multipart/mixed; boundary=\"").Append(mixed).Append("\"\r\n\r\n")
                .Append("--").Append(mixed).Append("\r\n");
        }

        mail.Append("Content-Type: multipart/alternative; boundary=\"").Append(alternative).Append("\"\r\n\r\n")
            .Append("--").Append(alternative).Append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(text).Append("\r\n")
            .Append("--").Append(alternative).Append("\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(html).Append("\r\n")
            .Append("--").Append(alternative).Append("--\r\n");
        if (attach)
        {
            var log = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 12).Select(i => LogLines[i % LogLines.Length])));
            mail.Append("\r\n--").Append(mixed).Append("\r\nContent-Type: text/plain; name=\"import.log\"\r\n")
                .Append("Content-Disposition: attachment; filename=\"import.log\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .Append(Convert.ToBase64String(log, Base64FormattingOptions.InsertLineBreaks)).Append("\r\n")
                .Append("--").Append(mixed).Append("--\r\n");
        }

        return Encoding.UTF8.GetBytes(mail.ToString());
    }
}
