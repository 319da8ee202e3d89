using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Contracts;

/// <summary>The ways a customer can reach support. A plan includes some of them.</summary>
[Flags]
public enum SupportChannels
{
    None = 0,
    Web = 1,
    Email = 2,
    Api = 4,
    Phone = 8,
}

/// <summary>How long support may take, in support minutes (see <see cref="SupportHours"/>), for one severity.</summary>
public sealed record SlaTarget(Severity Severity, int FirstResponseMinutes, int ResolveMinutes);

/// <summary>
/// When the SLA clock runs: around the clock, or on <see cref="Days"/> from <see cref="OpensMinute"/> to
/// <see cref="ClosesMinute"/> (minutes after midnight) in <see cref="TimeZone"/> (an IANA id), except on the
/// holidays of the plan's calendar.
/// </summary>
public sealed record SupportHours
{
    public bool AroundTheClock { get; init; }
    public string TimeZone { get; init; } = "UTC";
    public int OpensMinute { get; init; } = 9 * 60;
    public int ClosesMinute { get; init; } = 17 * 60;
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static SupportHours TwentyFourSeven { get; } = new() { AroundTheClock = true };
}

/// <summary>A named list of days on which business-hours support is closed.</summary>
public sealed record HolidayCalendar
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<Holiday> Days { get; init; } = [];
    public int Version { get; init; }
}

public sealed record Holiday(DateOnly Day, string Name);

/// <summary>
/// A support plan: what a contract on it promises. <see cref="IncidentAllowance"/> is the number of entitled
/// incidents per contract term, null for unlimited. <see cref="ListPriceCents"/> is the yearly list price.
/// </summary>
public sealed record Plan
{
    public int Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public long ListPriceCents { get; init; }
    public int? IncidentAllowance { get; init; }
    public SupportChannels Channels { get; init; }
    public SupportHours Hours { get; init; } = SupportHours.TwentyFourSeven;
    public int? HolidayCalendarId { get; init; }
    public IReadOnlyList<SlaTarget> Targets { get; init; } = [];
    public int Version { get; init; }

    public SlaTarget? TargetFor(Severity severity) => Targets.FirstOrDefault(t => t.Severity == severity);

    public bool Includes(SupportChannels channel) => (Channels & channel) == channel;
}
