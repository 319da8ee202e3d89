using System.Net;
using System.Net.Sockets;
using System.Text;
using HelpDesk.Core.Webhooks;

namespace HelpDesk.Web.Webhooks;

/// <summary>
/// Posts webhooks over HTTP. The connection is made to an address checked against <see cref="WebhookAddresses"/> after
/// the name is resolved, so a name that resolves to a private address (or starts to, after it was subscribed) is
/// refused; redirects are not followed, since one could point inward.
/// </summary>
public sealed class HttpWebhookTransport(IHttpClientFactory clients) : IWebhookTransport
{
    public const string ClientName = "webhooks";

    public async Task<WebhookResponse> PostAsync(string url, IReadOnlyDictionary<string, string> headers, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new WebhookResponse((int)response.StatusCode, await ExcerptAsync(response, cancellationToken));
        }
        catch (HttpRequestException error)
        {
            return new WebhookResponse(null, $"Could not connect: {error.InnerException?.Message ?? error.Message}");
        }
    }

    /// <summary>The handler every webhook goes through: the address check at connect time, no redirects, no cookies.</summary>
    public static SocketsHttpHandler Handler(WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = WebhookSender.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, settings.AllowPrivateAddresses, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || WebhookAddresses.IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{endPoint.Host} resolves only to private or local addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}), which webhooks may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[WebhookSender.ResponseExcerpt];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0)
        {
            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
