using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Mail;

public sealed class InboundMailEndpointTests(InboundMailEndpointTests.SmallMessagesApp app) : IClassFixture<InboundMailEndpointTests.SmallMessagesApp>
{
    private const string Endpoint = "/api/inbound/email";

    [Fact]
    public async Task Post_MakesATicket_FromAKnownContactsMessage()
    {
        var response = await PostAsync(Message("customer@northwind.example", "Printer on fire", $"<{Guid.NewGuid():N}@mail.northwind.example>"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await JsonAsync(response);
        json.GetProperty("result").GetString().Should().Be("Ticket");
        var number = json.GetProperty("ticket").GetString();
        number.Should().MatchRegex("^HD-[0-9]+$");
        json.GetProperty("inboundId").GetInt32().Should().BePositive();
        (await SubjectOfAsync(int.Parse(number!["HD-".Length..], System.Globalization.CultureInfo.InvariantCulture))).Should().Be("Printer on fire");
    }

    [Fact]
    public async Task Post_TheSameMessageTwice_MakesOneTicket()
    {
        var message = Message("customer@northwind.example", "Twice sent", $"<{Guid.NewGuid():N}@mail.northwind.example>");

        var first = await JsonAsync(await PostAsync(message));
        var second = await PostAsync(message);

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await JsonAsync(second);
        again.GetProperty("result").GetString().Should().Be("Duplicate");
        again.GetProperty("inboundId").GetInt32().Should().Be(first.GetProperty("inboundId").GetInt32());
        (await TicketCountAsync("Twice sent")).Should().Be(1);
    }

    [Fact]
    public async Task Post_HoldsAnAutoReply_WithoutMakingATicket()
    {
        var message = Message("customer@northwind.example", "Out of office", $"<{Guid.NewGuid():N}@mail.northwind.example>", "Auto-Submitted: auto-replied");

        var response = await PostAsync(message);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await JsonAsync(response);
        json.GetProperty("result").GetString().Should().Be("Held");
        json.GetProperty("ticket").ValueKind.Should().Be(JsonValueKind.Null);
        (await TicketCountAsync("Out of office")).Should().Be(0);
        var held = await app.Services.GetRequiredService<IInboundMailStore>().ListAsync(InboundStatus.Held, 50);
        held.Should().Contain(m => m.Subject == "Out of office");
    }

    [Fact]
    public async Task Post_QuarantinesWhatCannotBeRead_With202()
    {
        var response = await PostAsync(Encoding.UTF8.GetBytes($"this is not a message {Guid.NewGuid()}"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await JsonAsync(response)).GetProperty("result").GetString().Should().Be("Quarantined");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("test-ingress-key-012345678")]
    public async Task Post_Answers401_WithoutTheRightKey(string? key)
    {
        using var client = app.CreateAnonymousClient();
        using var request = Request(Message("customer@northwind.example", "Sneaky", "<sneaky@example>"));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await TicketCountAsync("Sneaky")).Should().Be(0);
    }

    [Fact]
    public async Task Post_TakesTheKeyAsXApiKeyToo()
    {
        using var client = app.CreateAnonymousClient();
        using var request = Request(Message("customer@northwind.example", "By header", $"<{Guid.NewGuid():N}@example>"));
        request.Headers.Add("X-Api-Key", HelpDeskAppFactory.IngressKey);

        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_Answers415_ForAnythingButMessageRfc822()
    {
        using var client = app.CreateAnonymousClient();
        using var request = Request(Message("customer@northwind.example", "As JSON", "<json@example>"), "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HelpDeskAppFactory.IngressKey);

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Post_Answers413_ForAMessageOverTheLimit()
    {
        var big = Message("customer@northwind.example", "Too big", "<big@example>", body: new string('x', SmallMessagesApp.MaxBytes + 10));

        var response = await PostAsync(big);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Mail:MaxMessageBytes");
        (await TicketCountAsync("Too big")).Should().Be(0);
    }

    [Fact]
    public async Task Post_Answers503_WhenNoKeyIsConfigured()
    {
        using var closed = new ClosedApp();
        using var client = closed.CreateAnonymousClient();
        using var request = Request(Message("customer@northwind.example", "Nobody listens", "<closed@example>"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HelpDeskAppFactory.IngressKey);

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await JsonAsync(response)).GetProperty("title").GetString().Should().Be("inbound mail is not configured");
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] message)
    {
        using var client = app.CreateAnonymousClient();
        using var request = Request(message);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HelpDeskAppFactory.IngressKey);
        return await client.SendAsync(request);
    }

    private static HttpRequestMessage Request(byte[] message, string contentType = "message/rfc822") =>
        new(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(message) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } } };

    internal static byte[] Message(string from, string subject, string messageId, string? extraHeader = null, string body = "Hello, it does not work.") =>
        Encoding.UTF8.GetBytes(
            $"From: Someone <{from}>\r\nTo: support@helpdesk.example\r\nSubject: {subject}\r\nMessage-ID: {messageId}\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n"
            + (extraHeader is null ? "" : extraHeader + "\r\n")
            + $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<int> TicketCountAsync(string subject)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets WHERE Subject = @Subject", new { Subject = subject });
    }

    private async Task<string> SubjectOfAsync(int id)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<string>("SELECT Subject FROM Tickets WHERE Id = @Id", new { Id = id });
    }

    /// <summary>The app with a small message limit, so the limit can be tried cheaply.</summary>
    public sealed class SmallMessagesApp() : HelpDeskAppFactory(new Dictionary<string, string?> { ["Mail:MaxMessageBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) })
    {
        public const int MaxBytes = 64 * 1024;
    }

    private sealed class ClosedApp() : HelpDeskAppFactory(new Dictionary<string, string?> { ["Mail:IngressApiKey"] = "" });
}
