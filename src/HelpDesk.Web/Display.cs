using System.Globalization;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web;

/// <summary>How every page writes times, statuses, severities and durations: one place, so they read the same everywhere.</summary>
public static class Display
{
    public static string Utc(DateTime? time, string none = "—") =>
        time is DateTime value ? value.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : none;

    public static string Status(TicketStatus status)
    {
        var text = TicketWorkflow.Describe(status);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static string Severity(Severity severity) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)severity} {severity.ToString().ToLowerInvariant()}");

    public static string Minutes(int minutes) =>
        minutes < 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00} min");
}
