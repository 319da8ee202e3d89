using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Mail;

/// <summary>
/// Through <c>POST /api/inbound/email</c> into a real SQLite file: which mail is the same message, who is answered,
/// what is held as a bounce, which broken senders are mended, and the sender throttle under parallel posts.
/// </summary>
public sealed class InboundMailRulesTests(InboundMailRulesTests.RulesApp app) : IClassFixture<InboundMailRulesTests.RulesApp>
{
    private const string Endpoint = "/api/inbound/email";

    [Fact]
    public async Task Post_TheSameMessageRelayedAgain_WithOtherTraceHeaders_IsADuplicate()
    {
        var id = $"<{Guid.NewGuid():N}@mail.northwind.example>";
        var sender = Sender();
        var first = await JsonAsync(await PostAsync(Trace("mx1.example"), Message(sender, "Relayed twice", id)));

        var again = await JsonAsync(await PostAsync(Trace("mx2.example") + "Delivered-To: support@helpdesk.example\r\n", Message(sender, "Relayed twice", id)));

        again.GetProperty("result").GetString().Should().Be("Duplicate");
        again.GetProperty("inboundId").GetInt32().Should().Be(first.GetProperty("inboundId").GetInt32());
        (await TicketCountAsync("Relayed twice")).Should().Be(1);
    }

    [Fact]
    public async Task Post_ADifferentMessageReusingAMessageId_IsKeptAsANewTicket_ThatSaysSo_AndIsItselfRecognisedWhenSentAgain()
    {
        var id = $"<{Guid.NewGuid():N}@mail.northwind.example>";
        var sender = Sender();
        var first = await JsonAsync(await PostAsync(Message(sender, "First of two", id)));
        var reuse = Message(sender, "Second of two", id, body: "Another problem entirely.");

        var second = await JsonAsync(await PostAsync(reuse));
        var third = await JsonAsync(await PostAsync(Trace("mx3.example"), reuse));

        second.GetProperty("result").GetString().Should().Be("Ticket");
        second.GetProperty("ticket").GetString().Should().NotBe(first.GetProperty("ticket").GetString());
        third.GetProperty("result").GetString().Should().Be("Duplicate");
        third.GetProperty("inboundId").GetInt32().Should().Be(second.GetProperty("inboundId").GetInt32());
        var ticketId = TicketId(second);
        (await AuditAsync(ticketId)).Should().Contain(a => a.Contains("reuses the Message-ID " + id, StringComparison.Ordinal));
        var record = await app.Services.GetRequiredService<IInboundMailStore>().GetAsync(second.GetProperty("inboundId").GetInt32());
        record!.MessageKey.Should().StartWith("mid-reused:");
        record.Reason.Should().Contain("reuses the Message-ID");
    }

    [Fact]
    public async Task Post_AReplyToAReusedMessageId_StillThreadsOntoTheFirstTicket()
    {
        var id = $"{Guid.NewGuid():N}@mail.northwind.example";
        var sender = Sender();
        var first = await JsonAsync(await PostAsync(Message(sender, "Threaded first", $"<{id}>")));
        await PostAsync(Message(sender, "Threaded reuse", $"<{id}>", body: "Not the same."));

        var reply = await JsonAsync(await PostAsync(Message(sender, "Re: something", $"<{Guid.NewGuid():N}@mail.northwind.example>", $"In-Reply-To: <{id}>")));

        reply.GetProperty("result").GetString().Should().Be("Reply");
        reply.GetProperty("ticket").GetString().Should().Be(first.GetProperty("ticket").GetString());
    }

    [Fact]
    public async Task Post_TheSameMessageTwiceAtOnce_MakesOneTicket()
    {
        var message = Message(Sender(), "Posted at once", $"<{Guid.NewGuid():N}@mail.northwind.example>");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => await JsonAsync(await PostAsync(message)))));

        results.Count(r => r.GetProperty("result").GetString() == "Ticket").Should().Be(1);
        results.Count(r => r.GetProperty("result").GetString() == "Duplicate").Should().Be(3);
        (await TicketCountAsync("Posted at once")).Should().Be(1);
    }

    public static TheoryData<string, string, string> Unanswered() => new()
    {
        { "X-Loop: tickets@other-desk.example", "foreign X-Loop", "X-Loop: tickets@other-desk.example" },
        { "X-Spam-Flag: YES", "spam flag", "X-Spam-Flag: YES" },
        { "X-Spam-Status: Yes, score=9.1 required=5.0", "configured spam header", "X-Spam-Status: Yes, score=9.1" },
        { "", "noreply", "is a noreply@ address" },
    };

    [Theory]
    [MemberData(nameof(Unanswered))]
    public async Task Post_MakesATicketButSendsNoAcknowledgement_ToMailThatMustNotBeAnswered(string header, string label, string why)
    {
        var subject = $"Not answered: {label} {Guid.NewGuid():N}";
        var sender = label == "noreply" ? $"noreply-{Guid.NewGuid():N}@northwind.example" : Sender();

        var json = await JsonAsync(await PostAsync(Message(sender, subject, $"<{Guid.NewGuid():N}@mail.northwind.example>", header.Length == 0 ? null : header)));
        var control = await JsonAsync(await PostAsync(Message(Sender(), subject + " control", $"<{Guid.NewGuid():N}@mail.northwind.example>")));

        json.GetProperty("result").GetString().Should().Be("Ticket");
        json.GetProperty("reason").GetString().Should().Contain("not answered");
        (await AcknowledgementsAsync(TicketId(json))).Should().Be(0);
        (await AuditAsync(TicketId(json))).Should().Contain(a => a.StartsWith("Not acknowledged: ", StringComparison.Ordinal) && a.Contains(why, StringComparison.Ordinal));
        (await AcknowledgementsAsync(TicketId(control))).Should().Be(1, "the same mail without the mark is answered");
    }

    public static TheoryData<string, string> Bounces() => new()
    {
        { "empty Return-Path", "Return-Path: <>\r\nFrom: Mail Delivery System\r\n" },
        { "MAILER-DAEMON without a domain", "From: MAILER-DAEMON\r\n" },
        {
            "multipart/report",
            "From: Delivery Reports\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n"
        },
    };

    [Theory]
    [MemberData(nameof(Bounces))]
    public async Task Post_HoldsAMailSystemsMessageWithoutASender_AsABounce_NotInQuarantine(string label, string headers)
    {
        var subject = $"Undelivered Mail Returned to Sender {label} {Guid.NewGuid():N}";
        var body = headers.Contains("multipart/report", StringComparison.Ordinal)
            ? "\r\n--r\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; gone@elsewhere.example\r\nAction: failed\r\nStatus: 5.1.1\r\n--r--\r\n"
            : "Content-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n";
        var raw = Encoding.ASCII.GetBytes($"{headers}To: support@helpdesk.example\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@mx.example>\r\nMIME-Version: 1.0\r\n{body}");

        var response = await PostAsync(raw);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(response)).GetProperty("result").GetString().Should().Be("Held");
        var held = await app.Services.GetRequiredService<IInboundMailStore>().ListAsync(InboundStatus.Held, 500);
        held.Should().ContainSingle(m => m.Subject == subject).Which.Should().Match<InboundMessageEntry>(m => m.Kind == MailKind.Bounce && m.Reason!.StartsWith(HoldKind.Robot + ": Bounce", StringComparison.Ordinal));
        (await app.Services.GetRequiredService<IInboundMailStore>().ListAsync(InboundStatus.Quarantined, 500)).Should().NotContain(m => m.Subject == subject);
    }

    public static TheoryData<string, string, string> BrokenSenders() => new()
    {
        { "no brackets", "From: Nora Nobracket nora.{0}@northwind.example", "nora.{0}@northwind.example" },
        { "spaces in the local part", "From: \"Sam Space\" <sam space.{0}@northwind.example>", "samspace.{0}@northwind.example" },
        { "a line before the headers", "Forwarded by the scanner script\r\nFrom: Lee Line <lee.{0}@northwind.example>", "lee.{0}@northwind.example" },
    };

    [Theory]
    [MemberData(nameof(BrokenSenders))]
    public async Task Post_MakesATicketFlaggedForTriage_FromMailWithABrokenButReadableFrom(string label, string from, string address)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var subject = $"Broken sender: {label} {unique}";
        var raw = Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, from, unique)
            + $"\r\nTo: support@helpdesk.example\r\nSubject: {subject}\r\nMessage-ID: <{unique}@mail.northwind.example>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe scanner is jammed.\r\n");

        var json = await JsonAsync(await PostAsync(raw));

        json.GetProperty("result").GetString().Should().Be("Ticket");
        await using var connection = await app.Connections.OpenAsync();
        var ticket = await connection.QuerySingleAsync<(string Email, string? TriageReason)>(
            "SELECT u.Email, t.TriageReason FROM Tickets t JOIN Users u ON u.Id = t.RequesterId WHERE t.Id = @Id", new { Id = TicketId(json) });
        ticket.Email.Should().Be(string.Format(System.Globalization.CultureInfo.InvariantCulture, address, unique));
        ticket.TriageReason.Should().Contain("broken header");
    }

    [Fact]
    public async Task Post_ManyParallelMessagesFromOneSender_LetExactlyTheThrottleLimitThrough()
    {
        var sender = Sender();
        var messages = Enumerable.Range(0, RulesApp.ThrottleMessages + 7)
            .Select(i => Message(sender, $"Burst {i} {sender}", $"<{Guid.NewGuid():N}@mail.northwind.example>"))
            .ToList();

        var results = await Task.WhenAll(messages.Select(m => Task.Run(async () => await JsonAsync(await PostAsync(m)))));

        results.Count(r => r.GetProperty("result").GetString() == "Ticket").Should().Be(RulesApp.ThrottleMessages);
        results.Where(r => r.GetProperty("result").GetString() != "Ticket").Should().HaveCount(7)
            .And.OnlyContain(r => r.GetProperty("result").GetString() == "Held" && r.GetProperty("reason").GetString()!.Contains("the limit is", StringComparison.Ordinal));
    }

    private static string Sender() => $"c{Guid.NewGuid():N}@northwind.example";

    private static string Trace(string host) =>
        $"Received: from {host} ({host} [192.0.2.7]) by mx.helpdesk.example with ESMTPS id {Guid.NewGuid():N}; Mon, 23 Nov 2026 09:01:00 +0000\r\n";

    private static byte[] Message(string from, string subject, string messageId, string? extraHeader = null, string body = "Hello, it does not work.") =>
        InboundMailEndpointTests.Message(from, subject, messageId, extraHeader, body);

    private async Task<HttpResponseMessage> PostAsync(string prefix, byte[] message) => await PostAsync([.. Encoding.ASCII.GetBytes(prefix), .. message]);

    private async Task<HttpResponseMessage> PostAsync(byte[] message)
    {
        using var client = app.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new ByteArrayContent(message) { Headers = { ContentType = new MediaTypeHeaderValue("message/rfc822") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HelpDeskAppFactory.IngressKey);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static int TicketId(JsonElement json) =>
        TicketNumber.TryParse(json.GetProperty("ticket").GetString(), out var id) ? id : throw new InvalidOperationException("No ticket in the answer.");

    private async Task<int> TicketCountAsync(string subject)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets WHERE Subject = @Subject", new { Subject = subject });
    }

    private async Task<int> AcknowledgementsAsync(int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM OutboxMessages WHERE TicketId = @TicketId AND Kind = @Kind", new { TicketId = ticketId, Kind = TicketMail.Acknowledgement });
    }

    private async Task<List<string>> AuditAsync(int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        return [.. await connection.QueryAsync<string>("SELECT NewValue FROM TicketAudit WHERE TicketId = @TicketId AND NewValue IS NOT NULL", new { TicketId = ticketId })];
    }

    /// <summary>The app with a small throttle and a configured spam filter header.</summary>
    public sealed class RulesApp() : HelpDeskAppFactory(new Dictionary<string, string?>
    {
        ["Mail:ThrottleMessages"] = ThrottleMessages.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:SpamHeader"] = "X-Spam-Status",
        ["Mail:SpamHeaderValue"] = "Yes",
    })
    {
        public const int ThrottleMessages = 5;
    }
}
