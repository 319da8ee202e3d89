using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Scope;

/// <summary>How the entitlement engine words dates, channels and durations in its reasons.</summary>
public static class EntitlementWording
{
    public static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Channel(TicketChannel channel) => channel switch
    {
        TicketChannel.Web => "the web portal",
        TicketChannel.Email => "email",
        TicketChannel.Api => "the API",
        _ => channel.ToString(),
    };

    public static string Channels(SupportChannels channels)
    {
        var names = new List<string>();
        if (channels.HasFlag(SupportChannels.Web))
        {
            names.Add("the web portal");
        }

        if (channels.HasFlag(SupportChannels.Email))
        {
            names.Add("email");
        }

        if (channels.HasFlag(SupportChannels.Api))
        {
            names.Add("the API");
        }

        if (channels.HasFlag(SupportChannels.Phone))
        {
            names.Add("phone");
        }

        return names.Count == 0 ? "no channel" : List(names);
    }

    public static SupportChannels ToSupportChannel(TicketChannel channel) => channel switch
    {
        TicketChannel.Web => SupportChannels.Web,
        TicketChannel.Email => SupportChannels.Email,
        TicketChannel.Api => SupportChannels.Api,
        _ => SupportChannels.None,
    };

    /// <summary>"45 minutes", "4 hours", "1 hour 30 minutes".</summary>
    public static string Duration(int minutes)
    {
        var hours = minutes / 60;
        var rest = minutes % 60;
        var h = hours == 1 ? "1 hour" : $"{hours} hours";
        var m = rest == 1 ? "1 minute" : $"{rest} minutes";
        return (hours, rest) switch
        {
            (0, _) => m,
            (_, 0) => h,
            _ => $"{h} {m}",
        };
    }

    public static string Severity(Severity severity) => severity switch
    {
        Tickets.Severity.Critical => "critical",
        Tickets.Severity.High => "high",
        Tickets.Severity.Normal => "normal",
        Tickets.Severity.Low => "low",
        _ => severity.ToString(),
    };

    /// <summary>A verdict in words, for sentences and mail: "entitled", "out of scope", "incidents used up".</summary>
    public static string Verdict(Verdict verdict) => verdict switch
    {
        Scope.Verdict.Entitled => "entitled",
        Scope.Verdict.OutOfScope => "out of scope",
        Scope.Verdict.NoContract => "not covered by a contract",
        Scope.Verdict.Expired => "under a contract that has ended",
        Scope.Verdict.ChannelNotIncluded => "on a channel the plan does not include",
        Scope.Verdict.AllowanceUsed => "over the contract's incidents",
        _ => verdict.ToString(),
    };

    /// <summary>A plan's support hours: "Monday to Friday 09:00 to 17:00 Europe/Berlin".</summary>
    public static string Hours(SupportHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        DayOfWeek[] weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        var days = hours.Days.Count == 5 && weekdays.All(hours.Days.Contains)
            ? "Monday to Friday"
            : List(hours.Days.Select(d => d.ToString()).ToList());
        return $"{days} {hours.OpensMinute / 60:D2}:{hours.OpensMinute % 60:D2} to {hours.ClosesMinute / 60:D2}:{hours.ClosesMinute % 60:D2} {hours.TimeZone}";
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
