using System.Globalization;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace HelpDesk.Web;

/// <summary>How every page writes times, statuses, severities and durations: one place, so they read the same everywhere.</summary>
public static class Display
{
    public static string Utc(DateTime time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Utc(DateTime? time, string none = "—") =>
        time is DateTime value ? value.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : none;

    /// <summary>
    /// The values of an enum as a select list, each shown by its name in <paramref name="name"/> (one of
    /// <see cref="Core.Common.Wording"/>'s) and posted as its number, as <c>GetEnumSelectList</c> would post it.
    /// </summary>
    public static IEnumerable<SelectListItem> Choices<T>(Func<T, string> name)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(name);
        return Enum.GetValues<T>().Select(value => new SelectListItem(name(value), Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));
    }

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

    /// <summary>One SLA target's CSS modifier: sla-running, sla-paused, sla-met, sla-missed or sla-none.</summary>
    public static string SlaCss(SlaTargetKind kind) => kind switch
    {
        SlaTargetKind.NoSla => "sla-none",
        _ => "sla-" + kind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The headline of a target whose clock runs ("due in 3 h 20 min", "missed by 15 min") as a <c>time</c> element that
    /// js/countdown.js keeps current in the same words, which it reads from the element; without the script it still
    /// reads right as of when the page was rendered.
    /// </summary>
    public static IHtmlContent Countdown(SlaTargetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.DueUtc is not DateTime due)
        {
            throw new ArgumentException("Only a target with a due time counts down.", nameof(state));
        }

        var element = new TagBuilder("time");
        element.AddCssClass("countdown");
        element.AddCssClass(state.Kind == SlaTargetKind.Missed ? "missed" : "ahead");
        element.Attributes["datetime"] = DateTime.SpecifyKind(due, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        element.Attributes["title"] = Utc(due);
        element.Attributes["data-ahead"] = SlaTargetState.DueInWords;
        element.Attributes["data-past"] = SlaTargetState.MissedByWords;
        element.InnerHtml.Append(state.Headline(Utc));
        return element;
    }
}
