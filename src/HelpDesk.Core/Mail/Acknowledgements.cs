using System.Globalization;
using HelpDesk.Core.Organisations;

namespace HelpDesk.Core.Mail;

/// <summary>
/// How many acknowledgements intake sends (<c>Mail:Acknowledgements</c>), per sender address, per sending domain and
/// in all, each in a fixed window. Past any of them a ticket is still filed, but not answered: rotating sender
/// addresses or domains must not turn the desk into a relay that mails whoever an attacker names.
/// </summary>
public sealed record AcknowledgementLimits
{
    public int PerAddress { get; init; } = 5;

    public int PerDomain { get; init; } = 50;

    public int Total { get; init; } = 500;

    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>One count an acknowledgement is taken from: the address's, its domain's or everyone's, in the window that started at <paramref name="WindowStartUtc"/>.</summary>
public sealed record AcknowledgementCounter(string Key, DateTime WindowStartUtc, int Limit);

/// <summary>The counts an acknowledgement to an address is taken from, and how a full one is explained.</summary>
public static class AcknowledgementBudget
{
    /// <summary>Keys are kept at most this long (the column is part of the primary key).</summary>
    public const int MaxKeyLength = 400;

    public const string AllKey = "all";

    public static IReadOnlyList<AcknowledgementCounter> CountersFor(string address, DateTime nowUtc, AcknowledgementLimits limits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentNullException.ThrowIfNull(limits);
        var start = new DateTime(nowUtc.Ticks - (nowUtc.Ticks % limits.Window.Ticks), DateTimeKind.Utc);
        var normalised = address.Trim().ToLowerInvariant();
        var domain = OrganisationPlacement.EmailDomain(normalised) ?? normalised;
        return
        [
            new(Key("address:", normalised), start, limits.PerAddress),
            new(Key("domain:", domain), start, limits.PerDomain),
            new(AllKey, start, limits.Total),
        ];
    }

    /// <summary>Why no acknowledgement was sent, for a note on the ticket.</summary>
    public static string Describe(AcknowledgementCounter full, AcknowledgementLimits limits)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(limits);
        var whom = full.Key == AllKey ? "all senders"
            : full.Key.StartsWith("domain:", StringComparison.Ordinal) ? $"senders at {full.Key["domain:".Length..]}"
            : full.Key["address:".Length..];
        return string.Create(CultureInfo.InvariantCulture, $"Not acknowledged: {full.Limit} acknowledgements to {whom} were already sent within {Wording(limits.Window)}.");
    }

    private static string Key(string kind, string value) =>
        kind.Length + value.Length <= MaxKeyLength ? kind + value : kind + value[..(MaxKeyLength - kind.Length)];

    private static string Wording(TimeSpan window) => window.TotalHours >= 1 && window.TotalHours == Math.Floor(window.TotalHours)
        ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours:0} h")
        : string.Create(CultureInfo.InvariantCulture, $"{window.TotalMinutes:0.#} min");
}
