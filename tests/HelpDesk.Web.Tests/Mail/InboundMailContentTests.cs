using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;
using MimeKit;

namespace HelpDesk.Web.Tests.Mail;

/// <summary>
/// Mail posted to <c>POST /api/inbound/email</c> arrives whole on its ticket: every text part, attached mails,
/// what a winmail.dat holds, undeclared charsets and uuencoded files.
/// </summary>
public sealed class InboundMailContentTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Post_AForwardedMail_IsKeptAsAnEmlFile_ThatTheCustomerCanDownload()
    {
        var inner = new MimeMessage { Subject = "Cannot open shared drive", MessageId = $"{Guid.NewGuid():N}@mail.northwind.example" };
        inner.From.Add(new MailboxAddress("Peter Brown", "peter.brown@northwind.example"));
        inner.Body = new TextPart("plain") { Text = "The S: drive says access denied since Friday." };
        var outer = new MimeMessage { Subject = "Fwd: Cannot open shared drive", MessageId = $"{Guid.NewGuid():N}@mail.northwind.example" };
        outer.From.Add(new MailboxAddress("Customer", "customer@northwind.example"));
        outer.To.Add(new MailboxAddress("Support", "support@helpdesk.example"));
        outer.Body = new Multipart("mixed") { new TextPart("plain") { Text = "Forwarding Peter's mail." }, new MessagePart { Message = inner } };

        var ticket = await PostAsync(Bytes(outer));

        var file = (await AttachmentsAsync(ticket)).Should().ContainSingle().Subject;
        file.FileName.Should().Be("Cannot open shared drive.eml");
        file.ContentType.Should().Be("message/rfc822");
        var customer = await app.SignInWithTokenAsync("customer@northwind.example");
        var download = await customer.GetAsync($"/api/tickets/HD-{ticket}/attachments/{file.Id}");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("message/rfc822");
        (await download.Content.ReadAsStringAsync()).Should().Contain(inner.MessageId).And.Contain("access denied since Friday");
    }

    [Fact]
    public async Task AnAttachedMail_ReadsOnTheDeskLikeAReceivedMessage_WithItsTextEncoded()
    {
        var inner = new MimeMessage
        {
            Subject = "Printer queue stuck",
            MessageId = $"{Guid.NewGuid():N}@mail.northwind.example",
            Date = new DateTimeOffset(2026, 11, 17, 8, 30, 0, TimeSpan.Zero),
        };
        inner.From.Add(new MailboxAddress("Peter Brown", "peter.brown@northwind.example"));
        inner.To.Add(new MailboxAddress("Anna", "anna.lindqvist@northwind.example"));
        inner.Body = new TextPart("plain") { Text = "The queue shows <script>alert('queue')</script> and nothing prints." };
        var outer = new MimeMessage { Subject = "Fwd: Printer queue stuck", MessageId = $"{Guid.NewGuid():N}@mail.northwind.example" };
        outer.From.Add(new MailboxAddress("Customer", "customer@northwind.example"));
        outer.Body = new Multipart("mixed") { new TextPart("plain") { Text = "See below." }, new MessagePart { Message = inner } };
        var ticket = await PostAsync(Bytes(outer));
        var file = (await AttachmentsAsync(ticket)).Single();
        var engineer = await app.SignInAsync("engineer@helpdesk.test");

        var ticketPage = await engineer.GetStringAsync($"/desk/tickets/HD-{ticket}");
        var mailPage = await engineer.GetAsync($"/desk/tickets/HD-{ticket}/attachments/{file.Id}/mail");

        ticketPage.Should().Contain($"/desk/tickets/HD-{ticket}/attachments/{file.Id}/mail");
        mailPage.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await mailPage.Content.ReadAsStringAsync();
        html.Should().Contain("Printer queue stuck").And.Contain("Peter Brown").And.Contain("peter.brown@northwind.example")
            .And.Contain("anna.lindqvist@northwind.example").And.Contain("2026-11-17 08:30 UTC")
            .And.Contain("&lt;script&gt;alert(").And.NotContain("<script>alert(");
        (await engineer.GetAsync($"/desk/tickets/HD-{ticket + 1000}/attachments/{file.Id}/mail")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var customer = await app.SignInAsync("customer@northwind.example");
        (await customer.GetAsync($"/desk/tickets/HD-{ticket}/attachments/{file.Id}/mail")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_AnAppleMailMessage_KeepsBothTextsAndTheImage()
    {
        var ticket = await PostAsync(Corpus("apple-interleaved.eml"));

        (await FirstTextAsync(ticket)).Should().Contain("Here is what it looks like:").And.Contain("The lower half stays blank.");
        (await AttachmentsAsync(ticket)).Select(a => a.FileName).Should().Equal("label.png");
    }

    [Fact]
    public async Task Post_AWinmailDat_AttachesItsFiles_AndTakesItsText()
    {
        var ticket = await PostAsync(Corpus("winmail-only.eml"));

        (await FirstTextAsync(ticket)).Should().Contain("The scanner driver fails to install");
        (await AttachmentsAsync(ticket)).Select(a => a.FileName).Should().Equal("setup.log", "scan.pdf");
    }

    [Fact]
    public async Task Post_AnUndeclaredKoi8rMessage_MakesATicketInCyrillic()
    {
        var ticket = await PostAsync(Corpus("undeclared-koi8-r.eml"));

        (await SubjectAsync(ticket)).Should().Be("Принтер не печатает после обновления");
        (await FirstTextAsync(ticket)).Should().Contain("задания висят в очереди");
        (await AttachmentsAsync(ticket)).Select(a => a.FileName).Should().Equal("журнал печати.txt");
    }

    [Fact]
    public async Task Post_NamedInlineParts_AndUuencodedFiles_BecomeAttachments()
    {
        var named = await PostAsync(Corpus("inline-named-parts.eml"));
        var notes = await PostAsync(Corpus("lotus-notes-uuencode.eml"));

        (await AttachmentsAsync(named)).Select(a => a.FileName).Should().Equal("document.html.txt", "見積書.txt", "会議場.csv");
        (await AttachmentsAsync(notes)).Select(a => a.FileName).Should().Equal("server-log.txt");
        (await FirstTextAsync(notes)).Should().NotContain("begin 644");
    }

    private async Task<int> PostAsync(byte[] message)
    {
        using var client = app.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/email")
        {
            Content = new ByteArrayContent(message) { Headers = { ContentType = new MediaTypeHeaderValue("message/rfc822") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HelpDeskAppFactory.IngressKey);
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("result").GetString().Should().Be("Ticket");
        return int.Parse(json.GetProperty("ticket").GetString()!["HD-".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Corpus(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Messages", name));

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private async Task<string> SubjectAsync(int ticket)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<string>("SELECT Subject FROM Tickets WHERE Id = @ticket", new { ticket });
    }

    private async Task<string> FirstTextAsync(int ticket)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QueryFirstAsync<string>("SELECT BodyText FROM TicketMessages WHERE TicketId = @ticket ORDER BY Id", new { ticket });
    }

    private async Task<List<StoredFile>> AttachmentsAsync(int ticket)
    {
        await using var connection = await app.Connections.OpenAsync();
        return (await connection.QueryAsync<StoredFile>(
            "SELECT Id, FileName, ContentType FROM TicketAttachments WHERE TicketId = @ticket ORDER BY Id", new { ticket })).AsList();
    }

    private sealed record StoredFile(long Id, string FileName, string ContentType);
}
