using System.Globalization;
using System.Net.Mail;
using HelpDesk.Core.Mail;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Reads the <c>Mail</c> section: what intake and the outbox share (<see cref="MailSettings"/>), the server mail is
/// sent through (<c>Mail:Smtp</c>) and the key of the raw-MIME endpoint (<c>Mail:IngressApiKey</c>). A setting left
/// out keeps its default; one that cannot be read or is out of range stops start-up with a message naming it.
/// </summary>
public static class MailSettingsReader
{
    public const string Section = "Mail";
    public const string DefaultPickupDirectory = "App_Data/mail-out";

    public static MailSettings ReadMail(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new MailSettings();
        var firstRetry = Duration(section, nameof(MailSettings.FirstRetry), defaults.FirstRetry, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        return new MailSettings
        {
            SupportAddress = Address(section, nameof(MailSettings.SupportAddress), defaults.SupportAddress),
            SupportName = Text(section, nameof(MailSettings.SupportName), defaults.SupportName, 200),
            ThrottleMessages = SettingValues.Int(section, nameof(MailSettings.ThrottleMessages), defaults.ThrottleMessages, 1, 100_000),
            ThrottleMinutes = SettingValues.Int(section, nameof(MailSettings.ThrottleMinutes), defaults.ThrottleMinutes, 1, 24 * 60),
            UnknownSendersOrganisation = Text(section, nameof(MailSettings.UnknownSendersOrganisation), defaults.UnknownSendersOrganisation, 200),
            MaxMessageBytes = SettingValues.Int(section, nameof(MailSettings.MaxMessageBytes), defaults.MaxMessageBytes, 1024, 1024 * 1024 * 1024),
            MaxAttempts = SettingValues.Int(section, nameof(MailSettings.MaxAttempts), defaults.MaxAttempts, 1, 100),
            FirstRetry = firstRetry,
            MaxRetry = Duration(section, nameof(MailSettings.MaxRetry), defaults.MaxRetry < firstRetry ? firstRetry : defaults.MaxRetry, firstRetry, TimeSpan.FromDays(7)),
            Html = ReadHtml(section.GetSection(nameof(MailSettings.Html)), defaults.Html),
            Acknowledgements = ReadAcknowledgements(section.GetSection(nameof(MailSettings.Acknowledgements)), defaults.Acknowledgements),
            TrustedAuthServId = string.IsNullOrWhiteSpace(section[nameof(MailSettings.TrustedAuthServId)]) ? null : section[nameof(MailSettings.TrustedAuthServId)]!.Trim(),
            TrustedRelays = List(section, nameof(MailSettings.TrustedRelays)),
            SpamHeader = string.IsNullOrWhiteSpace(section[nameof(MailSettings.SpamHeader)]) ? null : Text(section, nameof(MailSettings.SpamHeader), "", 100),
            SpamHeaderValue = Text(section, nameof(MailSettings.SpamHeaderValue), defaults.SpamHeaderValue, 200),
        };
    }

    /// <summary>A list given as array entries (<c>Mail:TrustedRelays:0</c>) or as one comma-separated value.</summary>
    private static List<string> List(IConfigurationSection section, string key)
    {
        var entries = section.GetSection(key).GetChildren().Select(c => c.Value).Append(section[key]);
        return [.. entries
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static MailHtmlLimits ReadHtml(IConfigurationSection section, MailHtmlLimits defaults) => new()
    {
        MaxChars = SettingValues.Int(section, nameof(MailHtmlLimits.MaxChars), defaults.MaxChars, 1_000, 100_000_000),
        MaxDepth = SettingValues.Int(section, nameof(MailHtmlLimits.MaxDepth), defaults.MaxDepth, 8, 10_000),
        MaxElements = SettingValues.Int(section, nameof(MailHtmlLimits.MaxElements), defaults.MaxElements, 100, 10_000_000),
        MaxAttributes = SettingValues.Int(section, nameof(MailHtmlLimits.MaxAttributes), defaults.MaxAttributes, 8, 100_000),
        Budget = Duration(section, nameof(MailHtmlLimits.Budget), defaults.Budget, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1)),
    };

    private static AcknowledgementLimits ReadAcknowledgements(IConfigurationSection section, AcknowledgementLimits defaults) => new()
    {
        PerAddress = SettingValues.Int(section, nameof(AcknowledgementLimits.PerAddress), defaults.PerAddress, 1, 100_000),
        PerDomain = SettingValues.Int(section, nameof(AcknowledgementLimits.PerDomain), defaults.PerDomain, 1, 1_000_000),
        Total = SettingValues.Int(section, nameof(AcknowledgementLimits.Total), defaults.Total, 1, 10_000_000),
        Window = Duration(section, nameof(AcknowledgementLimits.Window), defaults.Window, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)),
    };

    /// <summary><c>Mail:Smtp</c> and <c>Mail:PickupDirectory</c>; a relative directory is under the content root.</summary>
    public static OutboundMailServer ReadSmtp(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section + ":Smtp");
        var host = section["Host"]?.Trim();
        var tls = section["TlsMode"] is { Length: > 0 } text
            ? Enum.GetNames<MailTlsMode>().FirstOrDefault(n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse<MailTlsMode>(name)
                : throw SettingValues.Bad(section, "TlsMode", text, string.Join(", ", Enum.GetNames<MailTlsMode>()))
            : MailTlsMode.StartTlsWhenAvailable;
        var pickup = configuration[Section + ":PickupDirectory"];
        pickup = string.IsNullOrWhiteSpace(pickup) ? DefaultPickupDirectory : pickup.Trim();
        return new OutboundMailServer(
            string.IsNullOrEmpty(host) ? null : host,
            SettingValues.Int(section, "Port", 587, 1, 65535),
            tls,
            string.IsNullOrWhiteSpace(section["UserName"]) ? null : section["UserName"]!.Trim(),
            string.IsNullOrEmpty(section["Password"]) ? null : section["Password"],
            Path.GetFullPath(pickup, contentRoot));
    }

    public static MailIngress ReadIngress(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration[Section + ":IngressApiKey"];
        return new MailIngress(string.IsNullOrWhiteSpace(key) ? null : key.Trim());
    }

    private static string Address(IConfigurationSection section, string key, string fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return MailAddress.TryCreate(text.Trim(), out var address) && address.DisplayName.Length == 0 && address.Address == text.Trim()
            ? address.Address.ToLowerInvariant()
            : throw SettingValues.Bad(section, key, text, "a plain mail address such as support@example.com");
    }

    private static string Text(IConfigurationSection section, string key, string fallback, int maxLength)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        return text.Trim() is { Length: > 0 } trimmed && trimmed.Length <= maxLength
            ? trimmed
            : throw SettingValues.Bad(section, key, text, string.Create(CultureInfo.InvariantCulture, $"a name of 1 to {maxLength} characters"));
    }


    private static TimeSpan Duration(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw SettingValues.Bad(section, key, text, string.Create(CultureInfo.InvariantCulture, $"a duration such as 00:05:00, from {min:c} to {max:c}"));
    }

}

/// <summary>
/// The server mail is sent through (<c>Mail:Smtp</c>). With no host the outbox writes each message as an .eml file
/// to <see cref="PickupDirectory"/> instead, which is what a development machine or a test wants.
/// </summary>
public sealed record OutboundMailServer(string? Host, int Port, MailTlsMode TlsMode, string? UserName, string? Password, string PickupDirectory)
{
    public bool WritesFiles => Host is null;

    /// <summary>Never prints the password.</summary>
    public override string ToString() => WritesFiles ? $"pickup directory {PickupDirectory}" : $"smtp://{Host}:{Port} ({TlsMode})";
}

/// <summary>The key a mail provider sends to <c>POST /api/inbound/email</c>; without one the endpoint is closed.</summary>
public sealed record MailIngress(string? ApiKey)
{
    public bool IsConfigured => ApiKey is not null;

    public override string ToString() => IsConfigured ? "ingress key set" : "ingress key not set";
}
