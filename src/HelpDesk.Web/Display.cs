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

    /// <summary>A due time with how far off it is: "2026-11-24 09:00 UTC (in 3 h 20 min)" or "(overdue by 15 min)".</summary>
    public static string Due(DateTime? due, DateTime nowUtc, string none = "—")
    {
        if (due is not DateTime value)
        {
            return none;
        }

        var minutes = (int)Math.Round(Math.Abs((value - nowUtc).TotalMinutes));
        var span = minutes >= 24 * 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes / (24 * 60)} d {minutes % (24 * 60) / 60} h")
            : Minutes(minutes);
        return value >= nowUtc ? $"{Utc(value)} (in {span})" : $"{Utc(value)} (overdue by {span})";
    }
}
