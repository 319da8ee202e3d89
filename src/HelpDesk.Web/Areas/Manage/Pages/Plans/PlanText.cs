using System.Globalization;
using HelpDesk.Core.Contracts;

namespace HelpDesk.Web.Areas.Manage.Pages.Plans;

/// <summary>A plan's channels and hours as the manage pages write them.</summary>
public static class PlanText
{
    public static string Channels(SupportChannels channels) =>
        channels == SupportChannels.None
            ? "none"
            : string.Join(", ", Enum.GetValues<SupportChannels>().Where(c => c != SupportChannels.None && channels.HasFlag(c)).Select(c => c == SupportChannels.Api ? "API" : c.ToString().ToLowerInvariant()));

    public static string Hours(SupportHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (hours.AroundTheClock)
        {
            return "24x7";
        }

        var days = string.Join(", ", hours.Days.Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)));
        return string.Create(CultureInfo.InvariantCulture, $"{days} {Clock(hours.OpensMinute)}-{Clock(hours.ClosesMinute)} {hours.TimeZone}");
    }

    private static string Clock(int minute) => string.Create(CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");
}
