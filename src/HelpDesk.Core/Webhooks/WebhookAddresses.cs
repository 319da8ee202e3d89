using System.Net;
using System.Net.Sockets;

namespace HelpDesk.Core.Webhooks;

/// <summary>
/// Which addresses a webhook may be sent to. Only http and https; and, unless the installation allows it (for testing),
/// never a private, loopback, link-local, unique-local or unspecified address, so that a subscription cannot reach
/// the help desk's own network. The rule is checked on the URL when it is saved and on the resolved address each time
/// the sender connects, so a name that later resolves inward is refused too.
/// </summary>
public static class WebhookAddresses
{
    public const int MaxUrlLength = 2000;

    /// <summary>Null when the URL may be subscribed, else the reason in words.</summary>
    public static string? CheckUrl(string? url, bool allowPrivate)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Enter the URL to send events to.";
        }

        if (url.Length > MaxUrlLength)
        {
            return $"The URL is longer than {MaxUrlLength} characters.";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "Enter a full http:// or https:// URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The URL must not carry a user name or password; receivers check the signature instead.";
        }

        if (allowPrivate)
        {
            return null;
        }

        if (uri.IsLoopback || string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
            || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "The URL points at this machine (loopback), which webhooks may not reach.";
        }

        return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !IsPublic(address)
            ? $"{address} is a private or local address, which webhooks may not reach."
            : null;
    }

    /// <summary>False for loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10), link-local, unique-local, multicast and unspecified addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || b[0] >= 224);
        }

        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (bytes[0] & 0xFE) == 0xFC);
    }
}
