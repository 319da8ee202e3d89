using System.Globalization;

namespace HelpDesk.Core.Offers;

/// <summary>How many offers ended in each status, and how many are still open.</summary>
public sealed record OfferTally(int Accepted, int Declined, int Expired, int Withdrawn, int Open)
{
    public static OfferTally None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Every offer sent, whatever became of it.</summary>
    public int Sent => Accepted + Declined + Expired + Withdrawn + Open;

    /// <summary>The offers the customer decided: accepted, declined, or let expire.</summary>
    public int Decided => Accepted + Declined + Expired;

    public static OfferTally Of(IEnumerable<OfferStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var counts = statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        return new(
            counts.GetValueOrDefault(OfferStatus.Accepted),
            counts.GetValueOrDefault(OfferStatus.Declined),
            counts.GetValueOrDefault(OfferStatus.Expired),
            counts.GetValueOrDefault(OfferStatus.Withdrawn),
            counts.GetValueOrDefault(OfferStatus.Sent));
    }
}

/// <summary>A conversion rate (null when no offer has been decided) and the arithmetic that gave it, in words.</summary>
public sealed record Conversion(OfferTally Tally, decimal? Rate, string Explanation)
{
    /// <summary>The rate as pages write it: 66.7%, or "—" when nothing was decided.</summary>
    public string Percent => Rate is decimal rate ? OfferConversion.Percent(rate) : "—";
}

/// <summary>
/// Offer conversion: accepted ÷ decided, where decided is accepted + declined + expired — every offer the customer
/// answered or let lapse. Withdrawn offers (taken back by the help desk before the customer answered) and offers still
/// open are left out: the customer never decided them, and counting them would move the rate with our own actions
/// or with time.
/// </summary>
public static class OfferConversion
{
    public static Conversion Of(OfferTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var left = LeftOut(tally);
        if (tally.Decided == 0)
        {
            return new(tally, null, tally.Sent == 0
                ? "No offers were sent."
                : $"No offer has been decided yet, so there is no rate{(left.Length == 0 ? "" : $" ({left})")}.");
        }

        var rate = (decimal)tally.Accepted / tally.Decided;
        var explanation = string.Create(
            CultureInfo.InvariantCulture,
            $"{tally.Accepted} accepted ÷ {tally.Decided} decided ({tally.Accepted} accepted + {tally.Declined} declined + {tally.Expired} expired) = {Percent(rate)}.");
        return new(tally, rate, left.Length == 0 ? explanation : $"{explanation} Not counted: {left}.");
    }

    public static Conversion Of(IEnumerable<OfferStatus> statuses) => Of(OfferTally.Of(statuses));

    /// <summary>A rate between 0 and 1 as a percentage with one decimal, rounded half away from zero: 0.6667 → 66.7%.</summary>
    public static string Percent(decimal rate) =>
        Math.Round(rate * 100, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string LeftOut(OfferTally tally)
    {
        var parts = new List<string>();
        if (tally.Withdrawn > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{tally.Withdrawn} withdrawn"));
        }

        if (tally.Open > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{tally.Open} still open"));
        }

        return string.Join(", ", parts);
    }
}
