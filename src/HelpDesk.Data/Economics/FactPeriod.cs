namespace HelpDesk.Data.Economics;

/// <summary>
/// Part of a day range as the facts are read: either whole calendar months, summed in MonthlyFacts, or days at the
/// range's edges, summed in DailyFacts. <see cref="From"/> and <see cref="To"/> are days, both included; for a
/// monthly part they are the first day of its first month and the last day of its last month.
/// </summary>
internal readonly record struct FactPeriodPart(bool Monthly, DateOnly From, DateOnly To);

internal static class FactPeriod
{
    /// <summary>
    /// The days from <paramref name="from"/> to <paramref name="to"/> as at most three parts, oldest first: the days
    /// before the first whole month, the whole months, the days after the last. A range with no whole month is one
    /// daily part; an empty range (ending before it starts) is one daily part that matches nothing.
    /// </summary>
    public static IReadOnlyList<FactPeriodPart> Split(DateOnly from, DateOnly to)
    {
        var firstWhole = from.Day == 1 ? from : FirstOfMonth(from).AddMonths(1);
        var lastWholeEnd = to.AddDays(1).Day == 1 ? to : FirstOfMonth(to).AddDays(-1);
        if (from > to || firstWhole > lastWholeEnd)
        {
            return [new FactPeriodPart(false, from, to)];
        }

        var parts = new List<FactPeriodPart>(3);
        if (from < firstWhole)
        {
            parts.Add(new FactPeriodPart(false, from, firstWhole.AddDays(-1)));
        }

        parts.Add(new FactPeriodPart(true, firstWhole, lastWholeEnd));
        if (to > lastWholeEnd)
        {
            parts.Add(new FactPeriodPart(false, lastWholeEnd.AddDays(1), to));
        }

        return parts;
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
