using HelpDesk.Core.Organisations;

namespace HelpDesk.Core.Mail;

/// <summary>What the receiving side says about who sent a message, with the reasons in words.</summary>
/// <param name="Verified">The From domain is vouched for: DMARC passed, DKIM passed for an aligned domain, or a trusted relay handed it over.</param>
/// <param name="DmarcFailed">The receiving server found that the message fails its From domain's DMARC policy.</param>
public sealed record SenderVerdict(bool Verified, bool DmarcFailed, IReadOnlyList<string> Reasons)
{
    public string Summary => string.Join("; ", Reasons);
}

/// <summary>
/// Judges a message's From address by the <c>Authentication-Results</c> header (RFC 8601) that the operator's own
/// receiving server added, named by its authserv-id, and by the relay it came from. A header with any other
/// authserv-id is the sender's own word and counts for nothing; of the trusted ones only the topmost, the last hop's,
/// is read.
/// </summary>
public static class SenderAuthentication
{
    public static SenderVerdict Judge(InboundEmail email, string? trustedAuthServId, IReadOnlyCollection<string> trustedRelays)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(trustedRelays);
        var fromDomain = OrganisationPlacement.EmailDomain(email.FromAddress) ?? "";

        if (email.ReceivedFrom is { } hop && trustedRelays.FirstOrDefault(relay => Names(hop, relay)) is { } relay)
        {
            return new SenderVerdict(true, false, [$"received from the trusted relay {relay}"]);
        }

        if (string.IsNullOrWhiteSpace(trustedAuthServId))
        {
            return new SenderVerdict(false, false, ["no receiving server is trusted to authenticate mail (Mail:TrustedAuthServId is not set)"]);
        }

        var results = email.AuthenticationResults
            .Select(AuthenticationResults.Parse)
            .FirstOrDefault(r => r is not null && r.AuthServId.Equals(trustedAuthServId.Trim(), StringComparison.OrdinalIgnoreCase));
        if (results is null)
        {
            return new SenderVerdict(false, false, [$"no Authentication-Results from {trustedAuthServId.Trim()}"]);
        }

        var reasons = new List<string>();
        var dmarcFailed = false;
        foreach (var method in results.Methods)
        {
            var said = $"{results.AuthServId}: {method.Name}={method.Result}";
            switch (method.Name)
            {
                case "dmarc" when method.Result == "pass" && (method.Property("header.from") is not { } domain || domain.Equals(fromDomain, StringComparison.OrdinalIgnoreCase)):
                    return new SenderVerdict(true, false, [$"{said} for {fromDomain}"]);
                case "dkim" when method.Result == "pass" && method.Property("header.d") is { } signer && Aligned(signer, fromDomain):
                    return new SenderVerdict(true, false, [$"{said} for {signer}, aligned with {fromDomain}"]);
                case "dkim" when method.Result == "pass":
                    reasons.Add($"{said} for {method.Property("header.d") ?? "an unnamed domain"}, not aligned with {fromDomain}");
                    break;
                case "dmarc" or "dkim":
                    dmarcFailed |= method.Name == "dmarc" && method.Result == "fail";
                    reasons.Add(said);
                    break;
            }
        }

        if (reasons.Count == 0)
        {
            reasons.Add($"{results.AuthServId} reports neither DMARC nor DKIM");
        }

        return new SenderVerdict(false, dmarcFailed, reasons);
    }

    /// <summary>Relaxed alignment (RFC 7489): the signing domain is the From domain, or one is a subdomain of the other.</summary>
    private static bool Aligned(string signer, string fromDomain) =>
        fromDomain.Length > 0
        && (signer.Equals(fromDomain, StringComparison.OrdinalIgnoreCase)
            || fromDomain.EndsWith("." + signer, StringComparison.OrdinalIgnoreCase)
            || signer.EndsWith("." + fromDomain, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the "from" part of a Received header names the relay, as a host name or an address.</summary>
    private static bool Names(string receivedFrom, string relay) =>
        receivedFrom.Split([' ', '(', ')', '[', ']', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Any(token => token.Equals(relay.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>One <c>Authentication-Results</c> header: who wrote it and what each method found.</summary>
public sealed record AuthenticationResults(string AuthServId, IReadOnlyList<AuthenticationMethod> Methods)
{
    /// <summary>Reads the header's value; null when it has no authserv-id. Comments in parentheses are ignored.</summary>
    public static AuthenticationResults? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = WithoutComments(value).Split(';');
        var authServId = parts[0].Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (authServId is null)
        {
            return null;
        }

        var methods = new List<AuthenticationMethod>();
        foreach (var part in parts.Skip(1))
        {
            var tokens = part.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0 || tokens[0].Split('=', 2) is not [var name, var result])
            {
                continue;
            }

            var properties = tokens.Skip(1)
                .Select(t => t.Split('=', 2))
                .Where(p => p.Length == 2)
                .Select(p => (Key: p[0].ToLowerInvariant(), Value: p[1].Trim('"')))
                .ToList();
            methods.Add(new AuthenticationMethod(name.Split('/')[0].ToLowerInvariant(), result.ToLowerInvariant(), properties));
        }

        return new AuthenticationResults(authServId, methods);
    }

    private static string WithoutComments(string value)
    {
        var text = new System.Text.StringBuilder(value.Length);
        var depth = 0;
        foreach (var c in value)
        {
            depth += c switch { '(' => 1, ')' when depth > 0 => -1, _ => 0 };
            if (depth == 0 && c != ')')
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}

/// <summary>One method's result, such as <c>dkim=pass header.d=example.com</c>.</summary>
public sealed record AuthenticationMethod(string Name, string Result, IReadOnlyList<(string Key, string Value)> Properties)
{
    public string? Property(string key) => Properties.FirstOrDefault(p => p.Key == key).Value;
}
