namespace HelpDesk.Core.Contracts;

/// <summary>
/// The SLA clock: it runs only in a plan's support hours. Around the clock every minute counts; otherwise only the
/// minutes between opening and closing time, on the plan's days, in its time zone, holidays excluded. Each day is
/// one step (its open window is worked out from the zone's rules, so a DST change moves the window, not the
/// count), never a loop over minutes.
/// </summary>
public static class SupportCalendar
{
    private const int MinutesPerDay = 24 * 60;

    /// <summary>
    /// The moment <paramref name="minutes"/> support minutes after <paramref name="startUtc"/>, in UTC. A start
    /// outside support hours waits for the next opening; the result is at most the closing time of the day the
    /// last minute falls in. Hours with no open minute at all (no days, or closing before opening) count
    /// every minute, so a misconfigured plan still gets a due time.
    /// </summary>
    public static DateTime AddSupportMinutes(DateTime startUtc, int minutes, SupportHours hours, IReadOnlyCollection<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        var start = ContractTerms.AsUtc(startUtc);
        if (minutes == 0)
        {
            return start;
        }

        if (CountsEveryMinute(hours))
        {
            return start.AddMinutes(minutes);
        }

        var zone = ContractTerms.ZoneOf(hours.TimeZone);
        var remaining = TimeSpan.FromMinutes(minutes);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start, zone));

        // Bounded by the holidays: every other week has at least one open day.
        var limit = (holidays.Count + 2) * 7 + (minutes / Math.Max(1, hours.ClosesMinute - hours.OpensMinute) + 1) * 7;
        for (var step = 0; step < limit; step++, day = day.AddDays(1))
        {
            if (!IsOpen(day, hours, holidays))
            {
                continue;
            }

            var (opens, closes) = Window(day, hours, zone);
            var from = start > opens ? start : opens;
            if (from >= closes)
            {
                continue;
            }

            var available = closes - from;
            if (remaining <= available)
            {
                return from + remaining;
            }

            remaining -= available;
        }

        throw new InvalidOperationException("The support calendar has no open hours in reach.");
    }

    /// <summary>
    /// Support minutes between two moments (whole minutes, rounded down); 0 when <paramref name="toUtc"/> is not
    /// after <paramref name="fromUtc"/>. The inverse of <see cref="AddSupportMinutes"/>: it is what a paused SLA
    /// clock subtracts.
    /// </summary>
    public static int SupportMinutesBetween(DateTime fromUtc, DateTime toUtc, SupportHours hours, IReadOnlyCollection<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);
        var from = ContractTerms.AsUtc(fromUtc);
        var to = ContractTerms.AsUtc(toUtc);
        if (to <= from)
        {
            return 0;
        }

        if (CountsEveryMinute(hours))
        {
            return (int)Math.Floor((to - from).TotalMinutes);
        }

        var zone = ContractTerms.ZoneOf(hours.TimeZone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(from, zone));
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(to, zone));
        var total = TimeSpan.Zero;
        for (; day <= last; day = day.AddDays(1))
        {
            if (!IsOpen(day, hours, holidays))
            {
                continue;
            }

            var (opens, closes) = Window(day, hours, zone);
            var start = from > opens ? from : opens;
            var end = to < closes ? to : closes;
            if (end > start)
            {
                total += end - start;
            }
        }

        return (int)Math.Floor(total.TotalMinutes);
    }

    private static bool CountsEveryMinute(SupportHours hours) =>
        hours.AroundTheClock
        || hours.Days.Count == 0
        || hours.OpensMinute < 0
        || hours.ClosesMinute > MinutesPerDay
        || hours.ClosesMinute <= hours.OpensMinute;

    private static bool IsOpen(DateOnly day, SupportHours hours, IReadOnlyCollection<DateOnly> holidays) =>
        hours.Days.Contains(day.DayOfWeek) && !holidays.Contains(day);

    private static (DateTime Opens, DateTime Closes) Window(DateOnly day, SupportHours hours, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var opens = midnight.AddMinutes(hours.OpensMinute);
        var closes = midnight.AddMinutes(hours.ClosesMinute);

        // A day whose midnights have the same offset has no clock change (a zone changes at most once a day; a
        // change at midnight itself gives the two midnights different offsets): two rule lookups instead of six.
        var offset = zone.GetUtcOffset(midnight);
        if (offset == zone.GetUtcOffset(midnight.AddDays(1)))
        {
            return (DateTime.SpecifyKind(opens - offset, DateTimeKind.Utc), DateTime.SpecifyKind(closes - offset, DateTimeKind.Utc));
        }

        return (ToUtc(opens, zone), ToUtc(closes, zone));
    }

    /// <summary>
    /// A wall-clock time in the zone as UTC. A time skipped by a DST change (02:30 on the spring-forward night) is
    /// read with the offset before the change, i.e. as the moment the clock jumps past; a time that happens
    /// twice (the autumn night) is its first occurrence.
    /// </summary>
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            return DateTime.SpecifyKind(local - zone.GetUtcOffset(local.AddDays(-1)), DateTimeKind.Utc);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return DateTime.SpecifyKind(local - offsets.Max(), DateTimeKind.Utc);
        }

        return DateTime.SpecifyKind(local - zone.GetUtcOffset(local), DateTimeKind.Utc);
    }
}
