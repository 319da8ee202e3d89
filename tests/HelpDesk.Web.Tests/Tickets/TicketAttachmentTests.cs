using System.Net;
using System.Net.Http.Headers;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Tickets;

/// <summary>The application with a 1 MB attachment limit, so the limit can be tested without 25 MB uploads.</summary>
public sealed class SmallAttachmentsAppFactory()
    : HelpDeskAppFactory(new Dictionary<string, string?> { ["Attachments:MaxMegabytes"] = "1" });

public sealed class TicketAttachmentTests(SmallAttachmentsAppFactory app) : IClassFixture<SmallAttachmentsAppFactory>
{
    public static MultipartFormDataContent Files(params (string Name, byte[] Content)[] files) => Files(null, files);

    public static MultipartFormDataContent Files(string? body, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        if (body is not null)
        {
            form.Add(new StringContent(body), "body");
        }

        return form;
    }

    [Fact]
    public async Task Upload_ThenDownload_ReturnsTheSameBytes_AsADownloadWithTheStoredType()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var number = (await customer.FileAsync("Crash with log")).Text("number");
        var log = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7 % 256)).ToArray();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };

        var response = await customer.PostAsync($"/api/tickets/{number}/attachments", Files("Log and screenshot attached.", ("crash.log", log), ("screen.png", png)));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var added = (await response.JsonAsync()).EnumerateArray().ToList();
        added.Select(a => a.Text("fileName")).Should().Equal("crash.log", "screen.png");
        added.Select(a => a.Text("contentType")).Should().Equal("text/plain", "image/png");
        added[0].GetProperty("size").GetInt64().Should().Be(log.Length);

        foreach (var (attachment, bytes) in added.Zip([log, png]))
        {
            var download = await engineer.GetAsync(attachment.Text("url"));
            download.StatusCode.Should().Be(HttpStatusCode.OK);
            (await download.Content.ReadAsByteArrayAsync()).Should().Equal(bytes);
            download.Content.Headers.ContentType!.MediaType.Should().Be(attachment.Text("contentType"));
            download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
            download.Content.Headers.ContentDisposition.FileName!.Trim('"').Should().Be(attachment.Text("fileName"));
            download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }

        var detail = await customer.GetJsonAsync($"/api/tickets/{number}");
        var message = detail.GetProperty("messages").EnumerateArray().Last();
        message.Text("bodyText").Should().Be("Log and screenshot attached.");
        detail.GetProperty("attachments").EnumerateArray().Should().OnlyContain(a => a.Number("messageId") == message.Number("id"));
    }

    [Theory]
    [InlineData("tool.exe", 10)]
    [InlineData("big.log", 1024 * 1024 + 1)]
    [InlineData("empty.txt", 0)]
    public async Task Upload_RefusesAFileByName_422_AndSavesNothing(string name, int size)
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var number = (await customer.FileAsync("Refused file")).Text("number");
        var messages = await app.CountAsync("TicketMessages");
        var attachments = await app.CountAsync("TicketAttachments");

        var response = await customer.PostAsync($"/api/tickets/{number}/attachments", Files(("fine.txt", "ok"u8.ToArray()), (name, new byte[size])));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.JsonAsync()).Errors();
        errors.Should().ContainKey("files").WhoseValue.Should().ContainSingle().Which.Should().Contain(name);
        (await app.CountAsync("TicketMessages")).Should().Be(messages);
        (await app.CountAsync("TicketAttachments")).Should().Be(attachments);
    }

    [Fact]
    public async Task AFileOnAnInternalNote_Answers404ToTheCustomer_AndIsNotListed()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var id = (await customer.FileAsync("Note with a file")).Number("id");
        using (var scope = app.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ReplyToTicket>().HandleAsync(new ReplyToTicketRequest
            {
                Actor = TicketActor.Staff((await app.UserIdAsync(Engineer))!.Value),
                TicketId = id,
                Kind = MessageKind.Note,
                Body = "Internal analysis attached.",
                Attachments = [new NewAttachment("analysis.txt", "text/plain", "internal only"u8.ToArray())],
            });
            result.Succeeded.Should().BeTrue();
        }

        var url = (await engineer.GetJsonAsync($"/api/tickets/{id}")).GetProperty("attachments")[0].Text("url");

        (await engineer.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await customer.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await customer.GetJsonAsync($"/api/tickets/{id}")).GetProperty("attachments").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task AnAttachmentOfAnotherTicket_Answers404()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var first = (await customer.FileAsync("First")).Text("number");
        var second = (await customer.FileAsync("Second")).Text("number");
        var upload = await customer.PostAsync($"/api/tickets/{first}/attachments", Files(("a.txt", "a"u8.ToArray())));
        var attachmentId = (await upload.JsonAsync())[0].Number("id");

        (await customer.GetAsync($"/api/tickets/{second}/attachments/{attachmentId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await customer.GetAsync($"/api/tickets/{first}/attachments/{attachmentId}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheConversationsLink_WorksWithTheSignInCookie_ButACookieUploadNeedsTheFormToken()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var id = (await customer.FileAsync("Cookie download")).Number("id");
        var upload = await customer.PostAsync($"/api/tickets/{id}/attachments", Files(("c.txt", "cookie"u8.ToArray())));
        var attachmentId = (await upload.JsonAsync())[0].Number("id");
        var browser = await app.SignInAsync(NorthwindCustomer);
        var messages = await app.CountAsync("TicketMessages");

        var download = await browser.GetAsync($"/api/tickets/{id}/attachments/{attachmentId}");
        var forged = await browser.PostAsync($"/api/tickets/{id}/attachments", Files(("d.txt", "forged"u8.ToArray())));

        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsStringAsync()).Should().Be("cookie");
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.CountAsync("TicketMessages")).Should().Be(messages);
    }
}
