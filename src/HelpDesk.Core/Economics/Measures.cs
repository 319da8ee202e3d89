namespace HelpDesk.Core.Economics;

/// <summary>
/// What one cell of the support P&amp;L adds up: counts, money in cents and durations in minutes, all whole numbers so
/// that sums are exact and a cell recomputed from its tickets gives the same figures every time.
/// </summary>
public sealed class Measures
{
    public long TicketsOpened { get; set; }
    public long TicketsResolved { get; set; }
    public long TicketsClosed { get; set; }

    /// <summary>Resolutions reached with exactly one staff reply and never reopened, on the resolution day.</summary>
    public long FirstContactResolutions { get; set; }
    public long MinutesWorked { get; set; }

    /// <summary>In-house minutes at the rate in force on the work date, plus each supplier's price once per case.</summary>
    public long LabourCostCents { get; set; }

    /// <summary>Labour on tickets an engineer overrode to Entitled from another verdict.</summary>
    public long GoodwillCostCents { get; set; }
    public long SupportRevenueCents { get; set; }
    public long ServicesRevenueCents { get; set; }
    public long FirstResponseMet { get; set; }
    public long FirstResponseMissed { get; set; }
    public long ResolveMet { get; set; }
    public long ResolveMissed { get; set; }
    public long FirstResponseCount { get; set; }
    public long FirstResponseWallMinutes { get; set; }
    public long FirstResponseBusinessMinutes { get; set; }
    public long ResolveCount { get; set; }
    public long ResolveWallMinutes { get; set; }
    public long ResolveBusinessMinutes { get; set; }
    public long CsatSum { get; set; }
    public long CsatCount { get; set; }
    public long Csat1 { get; set; }
    public long Csat2 { get; set; }
    public long Csat3 { get; set; }
    public long Csat4 { get; set; }
    public long Csat5 { get; set; }
    public long NpsPromoters { get; set; }
    public long NpsPassives { get; set; }
    public long NpsDetractors { get; set; }
    public long OutOfScopeTickets { get; set; }
    public long OffersSent { get; set; }
    public long OffersAccepted { get; set; }

    /// <summary>Every measure, in the order of the fact tables' columns.</summary>
    public long[] ToArray()
    {
        var values = new long[Count];
        CopyTo(values);
        return values;
    }

    /// <summary>Writes every measure into <paramref name="values"/>, in the order of <see cref="ToArray"/>, without a new array.</summary>
    public void CopyTo(Span<long> values)
    {
        ReadOnlySpan<long> all =
        [
            TicketsOpened, TicketsResolved, TicketsClosed, FirstContactResolutions, MinutesWorked, LabourCostCents,
            GoodwillCostCents, SupportRevenueCents, ServicesRevenueCents, FirstResponseMet, FirstResponseMissed,
            ResolveMet, ResolveMissed, FirstResponseCount, FirstResponseWallMinutes, FirstResponseBusinessMinutes,
            ResolveCount, ResolveWallMinutes, ResolveBusinessMinutes, CsatSum, CsatCount, Csat1, Csat2, Csat3,
            Csat4, Csat5, NpsPromoters, NpsPassives, NpsDetractors, OutOfScopeTickets, OffersSent, OffersAccepted,
        ];
        all.CopyTo(values);
    }

    /// <summary>The measures of <paramref name="values"/>, in the order <see cref="ToArray"/> gives them.</summary>
    public static Measures FromArray(ReadOnlySpan<long> values)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, Count, nameof(values));
        return new Measures
        {
            TicketsOpened = values[0], TicketsResolved = values[1], TicketsClosed = values[2], FirstContactResolutions = values[3],
            MinutesWorked = values[4], LabourCostCents = values[5], GoodwillCostCents = values[6], SupportRevenueCents = values[7],
            ServicesRevenueCents = values[8], FirstResponseMet = values[9], FirstResponseMissed = values[10], ResolveMet = values[11],
            ResolveMissed = values[12], FirstResponseCount = values[13], FirstResponseWallMinutes = values[14],
            FirstResponseBusinessMinutes = values[15], ResolveCount = values[16], ResolveWallMinutes = values[17],
            ResolveBusinessMinutes = values[18], CsatSum = values[19], CsatCount = values[20], Csat1 = values[21], Csat2 = values[22],
            Csat3 = values[23], Csat4 = values[24], Csat5 = values[25], NpsPromoters = values[26], NpsPassives = values[27],
            NpsDetractors = values[28], OutOfScopeTickets = values[29], OffersSent = values[30], OffersAccepted = values[31],
        };
    }

    /// <summary>How many measures there are.</summary>
    public const int Count = 32;

    /// <summary>Whether every measure of <paramref name="other"/> equals this one's.</summary>
    public bool HasSameValuesAs(Measures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ToArray().AsSpan().SequenceEqual(other.ToArray());
    }

    /// <summary>Adds <paramref name="other"/> into this one.</summary>
    public void Add(Measures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        TicketsOpened += other.TicketsOpened;
        TicketsResolved += other.TicketsResolved;
        TicketsClosed += other.TicketsClosed;
        FirstContactResolutions += other.FirstContactResolutions;
        MinutesWorked += other.MinutesWorked;
        LabourCostCents += other.LabourCostCents;
        GoodwillCostCents += other.GoodwillCostCents;
        SupportRevenueCents += other.SupportRevenueCents;
        ServicesRevenueCents += other.ServicesRevenueCents;
        FirstResponseMet += other.FirstResponseMet;
        FirstResponseMissed += other.FirstResponseMissed;
        ResolveMet += other.ResolveMet;
        ResolveMissed += other.ResolveMissed;
        FirstResponseCount += other.FirstResponseCount;
        FirstResponseWallMinutes += other.FirstResponseWallMinutes;
        FirstResponseBusinessMinutes += other.FirstResponseBusinessMinutes;
        ResolveCount += other.ResolveCount;
        ResolveWallMinutes += other.ResolveWallMinutes;
        ResolveBusinessMinutes += other.ResolveBusinessMinutes;
        CsatSum += other.CsatSum;
        CsatCount += other.CsatCount;
        Csat1 += other.Csat1;
        Csat2 += other.Csat2;
        Csat3 += other.Csat3;
        Csat4 += other.Csat4;
        Csat5 += other.Csat5;
        NpsPromoters += other.NpsPromoters;
        NpsPassives += other.NpsPassives;
        NpsDetractors += other.NpsDetractors;
        OutOfScopeTickets += other.OutOfScopeTickets;
        OffersSent += other.OffersSent;
        OffersAccepted += other.OffersAccepted;
    }

    /// <summary>The sum of <paramref name="cells"/>.</summary>
    public static Measures Sum(IEnumerable<Measures> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var total = new Measures();
        foreach (var cell in cells)
        {
            total.Add(cell);
        }

        return total;
    }

    /// <summary>Records one customer satisfaction score from 1 to 5.</summary>
    public void AddCsat(int score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 5);
        CsatSum += score;
        CsatCount++;
        switch (score)
        {
            case 1: Csat1++; break;
            case 2: Csat2++; break;
            case 3: Csat3++; break;
            case 4: Csat4++; break;
            default: Csat5++; break;
        }
    }

    /// <summary>Records one answer to "how likely are you to recommend us" (0–10): 9–10 promote, 7–8 are passive, 0–6 detract.</summary>
    public void AddNps(int score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 10);
        if (score >= 9)
        {
            NpsPromoters++;
        }
        else if (score >= 7)
        {
            NpsPassives++;
        }
        else
        {
            NpsDetractors++;
        }
    }
}
