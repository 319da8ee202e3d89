using System.Net;
using System.Net.Http.Headers;
using HelpDesk.Web.Tests.Browser;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Mail;

/// <summary>
/// A provider posting a message over the limit without a Content-Length (chunked) gets the same 413 as one that
/// declares its length. Served by real Kestrel, whose own body limit is what a chunked post runs into.
/// </summary>
public sealed class ChunkedInboundMailTests(ChunkedInboundMailTests.KestrelSmallMessagesApp app) : IClassFixture<ChunkedInboundMailTests.KestrelSmallMessagesApp>
{
    [Fact]
    public async Task AChunkedPostOverTheLimit_Answers413_NotA500()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var message = InboundMailEndpointTests.Message("customer@northwind.example", "Chunked and too big", "<chunked-big@example>", body: new string('x', InboundMailEndpointTests.SmallMessagesApp.MaxBytes * 4));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/email")
        {
            Content = new StreamContent(new MemoryStream(message)) { Headers = { ContentType = new MediaTypeHeaderValue("message/rfc822") } },
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HelpDeskAppFactory.IngressKey);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Mail:MaxMessageBytes");
    }

    [Fact]
    public async Task AChunkedPostWithinTheLimit_IsReceived()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var message = InboundMailEndpointTests.Message("customer@northwind.example", "Chunked and fine", $"<{Guid.NewGuid():N}@example>", body: new string('y', 1000));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/email")
        {
            Content = new StreamContent(new MemoryStream(message)) { Headers = { ContentType = new MediaTypeHeaderValue("message/rfc822") } },
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HelpDeskAppFactory.IngressKey);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public sealed class KestrelSmallMessagesApp() : BrowserAppFactory(new Dictionary<string, string?>
    {
        ["Mail:MaxMessageBytes"] = InboundMailEndpointTests.SmallMessagesApp.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
