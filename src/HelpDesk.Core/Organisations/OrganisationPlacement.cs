namespace HelpDesk.Core.Organisations;

/// <summary>How a customer's email address leads to the organisation that owns its domain.</summary>
public static class OrganisationPlacement
{
    /// <summary>
    /// The part of the address after the last '@', trimmed and lower-cased, in the form organisations list their
    /// domains. Null when the address has nothing before the '@' or no well-formed domain after it.
    /// </summary>
    public static string? EmailDomain(string email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var at = email.LastIndexOf('@');
        if (at < 0 || string.IsNullOrWhiteSpace(email[..at]))
        {
            return null;
        }

        var domain = NormaliseDomain(email[(at + 1)..]);
        return IsWellFormedDomain(domain) ? domain : null;
    }

    /// <summary>A domain as it is stored and compared: trimmed, without a leading '@', lower-case.</summary>
    public static string NormaliseDomain(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var trimmed = domain.Trim();
        return (trimmed.StartsWith('@') ? trimmed[1..] : trimmed).ToLowerInvariant();
    }

    // Loose on purpose: the mail server has the final word on addresses; this only keeps out what could never
    // match a listed domain, such as blanks, spaces and empty labels.
    private static bool IsWellFormedDomain(string domain) =>
        domain.Length > 0
        && !domain.Any(c => char.IsWhiteSpace(c) || c == '@')
        && !domain.StartsWith('.')
        && !domain.EndsWith('.')
        && !domain.Contains("..", StringComparison.Ordinal);
}
