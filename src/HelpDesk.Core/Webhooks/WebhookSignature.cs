using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HelpDesk.Core.Webhooks;

/// <summary>
/// The signature a receiver checks: <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed by the subscription's
/// secret, of the timestamp (Unix seconds), a dot and the exact body bytes. Signing the timestamp with the body lets a
/// receiver refuse an old request replayed.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Compute(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Compares in constant time, as a receiver should.</summary>
    public static bool Verify(string secret, long timestamp, string body, string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>A new secret: 32 random bytes as URL-safe text, prefixed so that it is recognised when pasted somewhere by mistake.</summary>
    public static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
