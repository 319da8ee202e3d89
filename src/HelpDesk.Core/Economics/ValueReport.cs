using HelpDesk.Core.Contracts;
using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Economics;

/// <summary>
/// A ticket an engineer overrode to Entitled from another verdict, with the labour the facts count as goodwill in the
/// period, the out-of-scope categories it was judged on and its catalogue product (null when unknown).
/// </summary>
public sealed record GoodwillTicket(int TicketId, string Number, string Subject, long GoodwillCostCents, IReadOnlyList<string> Categories, int? ProductId);

/// <summary>What a goodwill ticket's work would have cost the customer, and in words why that figure.</summary>
public sealed record GoodwillValue(GoodwillTicket Ticket, long ValueCents, string Why);

/// <summary>
/// What an organisation got from its support in a period, from the economics facts: <see cref="Measures"/> are the
/// organisation's summed facts, the median first response is over its tickets' first responses in the period, and
/// goodwill is valued at the matching service's price.
/// </summary>
public sealed record ValueReport(int OrganisationId, DateOnly From, DateOnly To, Measures Measures, long? MedianFirstResponseMinutes, IReadOnlyList<GoodwillValue> Goodwill)
{
    /// <summary>
    /// The known issues fixed that the organisation reported: those now fixed that its own tickets are linked to, as
    /// they stand when the report is read (a fix is not dated, so the period does not narrow them).
    /// </summary>
    public IReadOnlyList<ReportedFix> KnownIssuesFixed { get; init; } = [];

    public long TicketsResolved => Measures.TicketsResolved;

    public long EngineerMinutes => Measures.MinutesWorked;

    public long FirstContactResolutions => Measures.FirstContactResolutions;

    public Metric SlaAttainment => SupportMetrics.SlaAttainment(Measures);

    public Metric Csat => SupportMetrics.CsatMean(Measures);

    public Metric FirstContactResolution => SupportMetrics.FirstContactResolution(Measures);

    /// <summary>What the contracts cost the customer in the period: their value recognised day by day (support revenue).</summary>
    public long ContractCostCents => Measures.SupportRevenueCents;

    /// <summary>Accepted services offers in the period, and what they came to.</summary>
    public long ServicesDelivered => Measures.OffersAccepted;

    public long ServicesDeliveredCents => Measures.ServicesRevenueCents;

    /// <summary>What the support given cost the help desk: the labour cost of the facts.</summary>
    public long LabourCents => Measures.LabourCostCents;

    public long GoodwillValueCents => Goodwill.Sum(g => g.ValueCents);
}

/// <summary>The pure parts of the value report: its default period, the median first response and goodwill's value.</summary>
public static class ValueReports
{
    /// <summary>
    /// The term of the contract in force today (the latest to start when several are), else of the contract that ended
    /// last, up to today; with no contract, the twelve months to today. Pending and cancelled contracts are left out.
    /// </summary>
    public static (DateOnly From, DateOnly To) DefaultPeriod(IReadOnlyList<Contract> contracts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var started = contracts.Where(c => c.Status == ContractStatus.Active && c.StartsOn <= today).ToList();
        var term = started.Where(c => c.EndsOn >= today).MaxBy(c => c.StartsOn) ?? started.MaxBy(c => c.EndsOn);
        return term is null
            ? (ReportingPeriods.LastTwelveMonths(today).From, today)
            : (term.StartsOn, term.EndsOn < today ? term.EndsOn : today);
    }

    /// <summary>The median of the values, the mean of the two middle ones rounded down when their number is even; null when there are none.</summary>
    public static long? Median(IEnumerable<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The minutes to first response of each ticket that had its first response in the period, counted in the
    /// contract's support hours as the SLA counts them.
    /// </summary>
    public static IEnumerable<long> FirstResponseMinutes(IEnumerable<TicketContribution> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        return tickets.Where(t => t.Measures.FirstResponseCount > 0).Select(t => t.Measures.FirstResponseBusinessMinutes / t.Measures.FirstResponseCount);
    }

    /// <summary>
    /// A goodwill ticket valued at the published service that answers its categories for its product, as an offer would
    /// have been proposed: the fixed price, or for a service priced by size the smallest size's. With no such service, at
    /// the labour given, saying so.
    /// </summary>
    public static GoodwillValue Value(GoodwillTicket ticket, IReadOnlyList<CatalogueEntry> catalogue, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(currency);
        var proposals = OfferProposals.For(new ProposalRequest
        {
            Verdict = Verdict.OutOfScope,
            Categories = ticket.Categories,
            ProductId = ticket.ProductId,
            Currency = currency,
        }, catalogue);
        foreach (var proposal in proposals.Items)
        {
            if (proposal.Price is { } price)
            {
                return new(ticket, price.Cents, $"the price of {proposal.Version.Name}, which answers this request");
            }

            if (proposal.Version.Sizes.Where(s => s.Cents is not null).MinBy(s => s.Cents) is { Cents: long smallest } size)
            {
                return new(ticket, smallest, $"the {size.Size.ToString().ToLowerInvariant()} size of {proposal.Version.Name}, which answers this request");
            }
        }

        return new(ticket, ticket.GoodwillCostCents, "the labour given, at cost: no published service answers this request");
    }
}
