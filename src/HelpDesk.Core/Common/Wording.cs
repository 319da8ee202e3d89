using System.Globalization;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Common;

/// <summary>
/// The words people read for the help desk's own names and spans of time: one place, so pages, mail, explanations
/// and the audit trail say the same. Enums are stored by their code names ("Emea", "SelfService"); nobody reads those.
/// </summary>
public static class Wording
{
    /// <summary>
    /// A span as an SLA countdown says it, in whole minutes: "less than a minute", "45 min", "3 h", "3 h 20 min",
    /// "2 d", "2 d 4 h". js/countdown.js writes the same words while a page stays open.
    /// </summary>
    public static string Span(int minutes)
    {
        minutes = Math.Abs(minutes);
        const int Day = 24 * 60;
        return minutes switch
        {
            < 1 => "less than a minute",
            < 60 => Invariant($"{minutes} min"),
            < Day when minutes % 60 == 0 => Invariant($"{minutes / 60} h"),
            < Day => Invariant($"{minutes / 60} h {minutes % 60} min"),
            _ when minutes % Day / 60 == 0 => Invariant($"{minutes / Day} d"),
            _ => Invariant($"{minutes / Day} d {minutes % Day / 60} h"),
        };
    }

    /// <summary>The span between two moments, rounded to the minute, in the words of <see cref="Span(int)"/>.</summary>
    public static string Span(DateTime from, DateTime to) => Span((int)Math.Round(Math.Abs((to - from).TotalMinutes)));

    public static string Name(Region region) => region switch
    {
        Region.Emea => "Europe, Middle East and Africa",
        Region.Americas => "Americas",
        Region.Apac => "Asia-Pacific",
        _ => region.ToString(),
    };

    /// <summary>The segment as a heading or a list shows it; lower-case it inside a sentence.</summary>
    public static string Name(CustomerSegment segment) => segment switch
    {
        CustomerSegment.Strategic => "Strategic",
        CustomerSegment.Key => "Key",
        CustomerSegment.Standard => "Standard",
        CustomerSegment.SelfService => "Self-service",
        _ => segment.ToString(),
    };

    public static string Name(EnvironmentKind kind) => kind switch
    {
        EnvironmentKind.OperatingSystem => "Operating system",
        EnvironmentKind.Platform => "Platform",
        EnvironmentKind.Toolchain => "Toolchain",
        _ => kind.ToString(),
    };

    /// <summary>The heading of a group of environments of one kind: "Operating systems".</summary>
    public static string Plural(EnvironmentKind kind) => Name(kind) + "s";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
