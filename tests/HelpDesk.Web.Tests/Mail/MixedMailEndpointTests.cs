using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using FluentAssertions.Execution;
using HelpDesk.Mail.Tests.Inbound;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Mail;

/// <summary>
/// One message of every class of <see cref="MixedMail"/> through <c>POST /api/inbound/email</c>, as a mail provider
/// posts them: each is kept whole (a ticket, a reply, or held where a person must look), none is quarantined, only
/// people are acknowledged, and posting the batch again is recognised message by message.
/// </summary>
public sealed class MixedMailEndpointTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Every_class_of_the_mixed_batch_arrives_whole_and_only_people_are_acknowledged()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        // The reply (the second message) comes from the sender of the first, which opens the ticket it answers.
        (string, string) Customer(int n) => ($"mixed{Math.Max(n, 1)}.{run}@northwind.example", $"Alex Mixed{Math.Max(n, 1)}");
        var first = await PostAsync(new MixedMail(run, Customer, _ => null).Build(0).Raw);
        var open = first.TicketId!.Value;
        var mail = new MixedMail(run, Customer, _ => open);

        var outcomes = new Dictionary<string, Outcome>();
        for (var n = 1; n <= MixedMail.Kinds.Count; n++)
        {
            var (raw, kind) = mail.Build(n);
            outcomes[kind] = await PostAsync(raw);
        }

        outcomes.Should().HaveCount(MixedMail.Kinds.Count);
        outcomes.Where(o => o.Value.Result is not ("Ticket" or "Reply" or "Held" or "Bounce"))
            .Should().BeEmpty("every class is kept as a ticket, a reply or held for a person, never quarantined or taken for a duplicate");

        using var scope = new AssertionScope();
        outcomes["reply"].Should().Match<Outcome>(o => o.Result == "Reply" && o.TicketId == open);
        outcomes["reused-id"].Result.Should().Be("Ticket", "the same Message-ID with other content is another message");
        foreach (var robot in new[] { "auto-reply", "list", "bounce-no-sender" })
        {
            outcomes[robot].Result.Should().Be("Held", robot);
        }

        (await BodyAsync(outcomes["apple-interleaved"])).Should().ContainAll("First I open the report:", "Then the export fails like this:", "And nothing is written.");
        (await FilesAsync(outcomes["apple-interleaved"])).Should().Contain(["step1.png", "step2.png"]);
        (await FilesAsync(outcomes["inline-html-file"])).Should().Contain("document.html.txt", "HTML from mail is kept as text, never served as a page");
        (await FilesAsync(outcomes["rfc2231-japanese-name"])).Should().Contain("ログ.txt");
        (await FilesAsync(outcomes["forwarded"])).Should().ContainSingle(f => f.EndsWith(".eml", StringComparison.Ordinal));
        (await FilesAsync(outcomes["digest"])).Where(f => f.EndsWith(".eml", StringComparison.Ordinal)).Should().HaveCount(3);
        (await FilesAsync(outcomes["winmail-dat"])).Should().Contain("export.log");
        (await FilesAsync(outcomes["uuencode"])).Should().Contain("notes.log");
        (await BodyAsync(outcomes["uuencode"])).Should().NotContain("begin 644");
        (await FilesAsync(outcomes["uuencode-no-begin"])).Should().Contain("trace.txt");
        (await FilesAsync(outcomes["damaged-base64"])).Should().Contain("dump.pdf");
        (await SubjectAsync(outcomes["koi8-r"])).Should().Be("Ошибка экспорта после обновления");
        (await SubjectAsync(outcomes["gb2312"])).Should().Be("导出在升级后失败");
        (await SubjectAsync(outcomes["shift-jis"])).Should().Be("エクスポートが失敗します");
        (await SubjectAsync(outcomes["latin-1"])).Should().Be("Problème d'exportation après la mise à jour");
        foreach (var broken in new[] { "text-before-headers", "from-without-brackets", "space-in-local-part" })
        {
            outcomes[broken].Result.Should().Be("Ticket", broken);
        }

        // Robots, spam, no-reply addresses and mail that has been round another system's loop are never answered.
        foreach (var silent in new[] { "foreign-x-loop", "spam-flag", "no-reply" })
        {
            outcomes[silent].Result.Should().Be("Ticket", silent);
            (await AcknowledgementsAsync(outcomes[silent])).Should().Be(0, silent);
        }

        (await AcknowledgementsAsync(outcomes["plain"])).Should().Be(1, "a person's new mail is acknowledged");

        // A provider that posts the whole batch again gets "Duplicate" for every message and nothing new is made.
        for (var n = 1; n <= MixedMail.Kinds.Count; n++)
        {
            var (raw, kind) = mail.Build(n);
            (await PostAsync(raw)).Result.Should().Be("Duplicate", kind);
        }
    }

    private async Task<Outcome> PostAsync(byte[] raw)
    {
        using var client = app.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/email")
        {
            Content = new ByteArrayContent(raw) { Headers = { ContentType = new MediaTypeHeaderValue("message/rfc822") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HelpDeskAppFactory.IngressKey);
        using var response = await client.SendAsync(request);
        response.IsSuccessStatusCode.Should().BeTrue($"the endpoint answered {(int)response.StatusCode}");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var ticket = json.GetProperty("ticket").GetString();
        return new Outcome(
            json.GetProperty("result").GetString()!,
            ticket is null ? null : int.Parse(ticket["HD-".Length..], System.Globalization.CultureInfo.InvariantCulture),
            json.GetProperty("inboundId").GetInt32(),
            json.GetProperty("reason").GetString()!);
    }

    private async Task<string> SubjectAsync(Outcome outcome)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<string>("SELECT Subject FROM Tickets WHERE Id = @Id", new { Id = outcome.TicketId });
    }

    private async Task<string> BodyAsync(Outcome outcome)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<string>(
            "SELECT m.BodyText FROM TicketMessages m JOIN InboundMessages i ON i.TicketMessageId = m.Id WHERE i.Id = @Id", new { Id = outcome.InboundId });
    }

    private async Task<List<string>> FilesAsync(Outcome outcome)
    {
        await using var connection = await app.Connections.OpenAsync();
        return (await connection.QueryAsync<string>(
            "SELECT a.FileName FROM TicketAttachments a JOIN InboundMessages i ON i.TicketMessageId = a.MessageId WHERE i.Id = @Id ORDER BY a.Id", new { Id = outcome.InboundId })).AsList();
    }

    private async Task<int> AcknowledgementsAsync(Outcome outcome)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM OutboxMessages o JOIN Tickets t ON t.Id = o.TicketId JOIN Users u ON u.Id = t.RequesterId WHERE o.TicketId = @Id AND o.ToAddress = u.Email",
            new { Id = outcome.TicketId });
    }

    private sealed record Outcome(string Result, int? TicketId, int InboundId, string Reason);
}
