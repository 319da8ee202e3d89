using System.Collections.Frozen;

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

    /// <summary>
    /// Why <paramref name="domain"/> (normalised) cannot be one of an organisation's domains, or null when it can: it
    /// must be a domain name, and not a public mail provider's, where anyone can have an address.
    /// </summary>
    public static string? DomainProblem(string domain) =>
        !IsWellFormedDomain(domain) ? $"'{domain}' is not a domain name such as example.com."
        : IsPublicMailDomain(domain) ? $"'{domain}' is a public mail provider's domain: anyone can have an address there, so it cannot place people in an organisation."
        : null;

    /// <summary>
    /// Whether <paramref name="domain"/> belongs to a public mail provider (gmail.com, outlook.com, the national
    /// yahoo.* and gmx.* domains, …). Such a domain never names an organisation: mail from it is matched by the
    /// sender's own address only.
    /// </summary>
    public static bool IsPublicMailDomain(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var normalised = NormaliseDomain(domain);
        if (PublicMailDomains.Contains(normalised))
        {
            return true;
        }

        // Providers with a domain per country (yahoo.co.uk, gmx.de, hotmail.fr, outlook.com.br): the brand, then only
        // a country suffix of short labels, so that a company's live.example.com is not taken for one.
        var labels = normalised.Split('.');
        return labels.Length is 2 or 3 && PublicMailBrands.Contains(labels[0]) && labels.Skip(1).All(label => label.Length is > 0 and <= 3);
    }

    private static readonly FrozenSet<string> PublicMailDomains = new[]
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com",
        "yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "aim.com", "icloud.com", "me.com", "mac.com",
        "proton.me", "protonmail.com", "pm.me", "tutanota.com", "tuta.io", "zoho.com", "zohomail.com",
        "mail.com", "email.com", "usa.com", "fastmail.com", "fastmail.fm", "hey.com", "yandex.com", "yandex.ru",
        "mail.ru", "inbox.ru", "list.ru", "bk.ru", "web.de", "t-online.de", "freenet.de", "orange.fr", "free.fr",
        "laposte.net", "sfr.fr", "libero.it", "virgilio.it", "qq.com", "163.com", "126.com", "sina.com",
        "naver.com", "daum.net", "rediffmail.com", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "onet.pl",
        "btinternet.com", "sky.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bigpond.com",
        "shaw.ca", "rogers.com", "gmx.com", "gmx.net", "posteo.de", "mailbox.org", "duck.com",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> PublicMailBrands = new[] { "gmail", "yahoo", "hotmail", "outlook", "live", "gmx", "aol" }
        .ToFrozenSet(StringComparer.Ordinal);

    // Loose on purpose: the mail server has the final word on addresses; this only keeps out what could never
    // match a listed domain, such as blanks, spaces and empty labels.
    private static bool IsWellFormedDomain(string domain) =>
        domain.Length > 0
        && !domain.Any(c => char.IsWhiteSpace(c) || c == '@')
        && !domain.StartsWith('.')
        && !domain.EndsWith('.')
        && !domain.Contains("..", StringComparison.Ordinal);
}
