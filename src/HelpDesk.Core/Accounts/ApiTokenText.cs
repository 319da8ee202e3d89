using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace HelpDesk.Core.Accounts;

/// <summary>
/// The text of an API token: <c>hd_&lt;key&gt;_&lt;secret&gt;</c>. The key (16 lowercase hex digits, 8 random bytes) finds
/// the token's row through a unique index; the secret (32 random bytes, base64url without padding, 43 characters) is
/// what proves the caller has the token. Only the secret's hash is stored.
/// </summary>
public sealed record ApiTokenText(string Key, string Secret)
{
    public const string Prefix = "hd_";

    private const int KeyBytes = 8;
    private const int SecretBytes = 32;

    /// <summary>The whole token, as shown once to whoever created it and sent as <c>Authorization: Bearer …</c>.</summary>
    public override string ToString() => $"{Prefix}{Key}_{Secret}";

    public static ApiTokenText New() => new(
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyBytes)),
        System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    /// <summary>Whether a bearer value is meant as an API token (and so is not one of Identity's bearer tokens).</summary>
    public static bool LooksLikeToken(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool TryParse(string? value, [NotNullWhen(true)] out ApiTokenText? token)
    {
        token = null;
        if (!LooksLikeToken(value))
        {
            return false;
        }

        var rest = value!.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != KeyBytes * 2)
        {
            return false;
        }

        var key = rest[..separator];
        var secret = rest[(separator + 1)..];
        foreach (var c in key)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        if (secret.Length != Base64Length)
        {
            return false;
        }

        foreach (var c in secret)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        token = new ApiTokenText(key.ToString(), secret.ToString());
        return true;
    }

    /// <summary>
    /// The SHA-256 of the secret, as 64 uppercase hex digits. A fast hash is right here, unlike for passwords: the secret
    /// is 256 random bits, not something a person chose, so no dictionary or brute force can find it from its hash, and
    /// a slow hash would only make every API request slower.
    /// </summary>
    public string SecretHash() => Hash(Secret);

    /// <summary>Whether the secret is the one behind <paramref name="storedHash"/>, compared in constant time.</summary>
    public bool Matches(string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecretHash()), Encoding.ASCII.GetBytes(storedHash));
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    private static int Base64Length => (SecretBytes * 4 + 2) / 3;
}
