using System.Globalization;
using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

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
    public static string Due(DateTime? due, DateTime nowUtc, string none = "—") =>
        due is DateTime value ? $"{Utc(value)} ({Until(value, nowUtc)})" : none;

    /// <summary>How far off a due time is: "in 3 h 20 min", "in 2 d 4 h" or "overdue by 15 min".</summary>
    public static string Until(DateTime due, DateTime nowUtc)
    {
        var minutes = (int)Math.Round(Math.Abs((due - nowUtc).TotalMinutes));
        var span = minutes >= 24 * 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes / (24 * 60)} d {minutes % (24 * 60) / 60} h")
            : Minutes(minutes);
        return due >= nowUtc ? $"in {span}" : $"overdue by {span}";
    }

    /// <summary>
    /// A countdown to a due time as a <c>time</c> element the page's script keeps current (js/countdown.js); without
    /// the script it still reads right as of when the page was rendered.
    /// </summary>
    public static IHtmlContent Countdown(DateTime due, DateTime nowUtc)
    {
        var element = new TagBuilder("time");
        element.AddCssClass("countdown");
        element.AddCssClass(due >= nowUtc ? "ahead" : "overdue");
        element.Attributes["datetime"] = DateTime.SpecifyKind(due, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        element.Attributes["title"] = Utc(due);
        element.InnerHtml.Append(Until(due, nowUtc));
        return element;
    }
}
