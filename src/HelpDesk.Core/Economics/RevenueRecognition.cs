namespace HelpDesk.Core.Economics;

/// <summary>
/// Support revenue recognised day by day: a contract's value spread evenly over the days of its term (both ends
/// included, as the contract's own dates in its time zone). Days that do not divide the value evenly get one cent more
/// on the last days of the term, so the days add up to the value exactly. A cancelled contract earns up to and
/// including its cancellation day and nothing after it: what it would have earned later is never recognised.
/// </summary>
public static class RevenueRecognition
{
    /// <summary>The cents recognised on each day of the term, up to <paramref name="stopsAfter"/> when it is cancelled.</summary>
    public static IEnumerable<(DateOnly Day, long Cents)> Daily(long valueCents, DateOnly startsOn, DateOnly endsOn, DateOnly? stopsAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(valueCents);
        if (endsOn < startsOn)
        {
            yield break;
        }

        var days = endsOn.DayNumber - startsOn.DayNumber + 1;
        var perDay = valueCents / days;
        var remainder = valueCents % days;
        var last = stopsAfter is { } stop && stop < endsOn ? stop : endsOn;
        for (var day = startsOn; day <= last; day = day.AddDays(1))
        {
            var index = day.DayNumber - startsOn.DayNumber;
            var extra = index >= days - remainder ? 1 : 0;
            yield return (day, perDay + extra);
        }
    }

    /// <summary>The cents recognised from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static long Between(long valueCents, DateOnly startsOn, DateOnly endsOn, DateOnly from, DateOnly to, DateOnly? stopsAfter = null) =>
        Daily(valueCents, startsOn, endsOn, stopsAfter).Where(d => d.Day >= from && d.Day <= to).Sum(d => d.Cents);

    /// <summary>
    /// A day's revenue shared evenly among the contract's products (in the order given), the odd cents going to the
    /// first ones, so product P&amp;Ls add up to the contract's; a contract without products keeps it all under 0.
    /// </summary>
    public static IEnumerable<(int ProductId, long Cents)> AcrossProducts(long cents, IReadOnlyList<int> productIds)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        if (productIds.Count == 0)
        {
            yield return (0, cents);
            yield break;
        }

        var share = cents / productIds.Count;
        var odd = cents % productIds.Count;
        for (var i = 0; i < productIds.Count; i++)
        {
            yield return (productIds[i], share + (i < odd ? 1 : 0));
        }
    }
}
