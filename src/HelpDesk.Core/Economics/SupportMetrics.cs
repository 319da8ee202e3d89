using System.Globalization;

namespace HelpDesk.Core.Economics;

/// <summary>
/// The support P&amp;L's figures, each a pure function of summed facts. docs/economics.md gives every formula; the
/// wording here is what pages show beside the figure.
/// </summary>
public static class SupportMetrics
{
    public static IReadOnlyList<Metric> All(Measures m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return
        [
            SupportRevenue(m), ServicesRevenue(m), LabourCost(m), Profit(m), Margin(m), CostPerCase(m), CostShareOfRevenue(m),
            GoodwillCost(m), FirstContactResolution(m), MeanTimeToFirstResponse(m, business: true),
            MeanTimeToFirstResponse(m, business: false), MeanTimeToResolve(m, business: true), MeanTimeToResolve(m, business: false),
            SlaAttainment(m), CsatMean(m), CsatSatisfied(m), Nps(m), OutOfScopeRate(m), OfferConversion(m),
        ];
    }

    public static Metric SupportRevenue(Measures m) => new(
        "support-revenue", "Support revenue", MetricUnit.Money, m.SupportRevenueCents,
        "each contract's value spread evenly over the days of its term, summed over the period", Cents(m.SupportRevenueCents));

    public static Metric ServicesRevenue(Measures m) => new(
        "services-revenue", "Services revenue", MetricUnit.Money, m.ServicesRevenueCents,
        "accepted services offers, booked on the day of acceptance", Cents(m.ServicesRevenueCents));

    public static Metric LabourCost(Measures m) => new(
        "labour-cost", "Labour cost", MetricUnit.Money, m.LabourCostCents,
        "minutes logged on tickets × the engineer's hourly cost in force on the work date, plus each supplier's price once per case",
        $"{Count(m.MinutesWorked)} minutes cost {Cents(m.LabourCostCents)}");

    public static Metric Profit(Measures m)
    {
        var profit = m.SupportRevenueCents + m.ServicesRevenueCents - m.LabourCostCents;
        return new(
            "profit", "Profit", MetricUnit.Money, profit,
            "support revenue + services revenue − labour cost on tickets (time logged on a services engagement is not support labour)",
            $"{Cents(m.SupportRevenueCents)} + {Cents(m.ServicesRevenueCents)} − {Cents(m.LabourCostCents)}");
    }

    public static Metric Margin(Measures m)
    {
        var revenue = m.SupportRevenueCents + m.ServicesRevenueCents;
        var profit = revenue - m.LabourCostCents;
        return Ratio("margin", "Margin", MetricUnit.Share, profit, revenue, "profit ÷ (support revenue + services revenue)",
            $"{Cents(profit)} ÷ {Cents(revenue)}", "no revenue in the period");
    }

    public static Metric CostPerCase(Measures m) => Ratio(
        "cost-per-case", "Cost per case", MetricUnit.Money, m.LabourCostCents, m.TicketsResolved,
        "labour cost ÷ tickets resolved", $"{Cents(m.LabourCostCents)} ÷ {Count(m.TicketsResolved)} resolved", "no ticket was resolved in the period");

    public static Metric CostShareOfRevenue(Measures m) => Ratio(
        "cost-share", "Cost of support as a share of support revenue", MetricUnit.Share, m.LabourCostCents, m.SupportRevenueCents,
        "labour cost ÷ support revenue", $"{Cents(m.LabourCostCents)} ÷ {Cents(m.SupportRevenueCents)}", "no support revenue in the period");

    public static Metric GoodwillCost(Measures m) => new(
        "goodwill-cost", "Goodwill cost", MetricUnit.Money, m.GoodwillCostCents,
        "labour cost of tickets an engineer overrode to Entitled from another verdict", Cents(m.GoodwillCostCents));

    public static Metric FirstContactResolution(Measures m) => Ratio(
        "fcr", "First-contact resolution", MetricUnit.Share, m.FirstContactResolutions, m.TicketsResolved,
        "tickets resolved with one staff reply and never reopened ÷ tickets resolved",
        $"{Count(m.FirstContactResolutions)} ÷ {Count(m.TicketsResolved)}", "no ticket was resolved in the period");

    public static Metric MeanTimeToFirstResponse(Measures m, bool business) => Ratio(
        business ? "first-response-business" : "first-response-wall",
        business ? "Mean time to first response (support hours)" : "Mean time to first response (elapsed)",
        MetricUnit.Minutes, business ? m.FirstResponseBusinessMinutes : m.FirstResponseWallMinutes, m.FirstResponseCount,
        business ? "minutes from filing to the first staff reply, counted in the plan's support hours, ÷ first replies"
                 : "minutes from filing to the first staff reply ÷ first replies",
        $"{Count(business ? m.FirstResponseBusinessMinutes : m.FirstResponseWallMinutes)} minutes ÷ {Count(m.FirstResponseCount)}",
        "no first reply was made in the period");

    public static Metric MeanTimeToResolve(Measures m, bool business) => Ratio(
        business ? "resolve-business" : "resolve-wall",
        business ? "Mean time to resolve (support hours)" : "Mean time to resolve (elapsed)",
        MetricUnit.Minutes, business ? m.ResolveBusinessMinutes : m.ResolveWallMinutes, m.ResolveCount,
        business ? "minutes from filing to resolution, counted in the plan's support hours, ÷ resolutions"
                 : "minutes from filing to resolution ÷ resolutions",
        $"{Count(business ? m.ResolveBusinessMinutes : m.ResolveWallMinutes)} minutes ÷ {Count(m.ResolveCount)}",
        "no ticket was resolved in the period");

    public static Metric SlaAttainment(Measures m)
    {
        var met = m.FirstResponseMet + m.ResolveMet;
        var all = met + m.FirstResponseMissed + m.ResolveMissed;
        return Ratio("sla", "SLA attainment", MetricUnit.Share, met, all, "targets met ÷ targets met or missed (first response and resolution)",
            $"{Count(met)} ÷ {Count(all)}", "no SLA target was met or missed in the period");
    }

    public static Metric CsatMean(Measures m) => Ratio(
        "csat", "CSAT", MetricUnit.Score, m.CsatSum, m.CsatCount, "sum of ratings (1–5) ÷ ratings",
        $"{Count(m.CsatSum)} ÷ {Count(m.CsatCount)}", "no rating was given in the period");

    public static Metric CsatSatisfied(Measures m) => Ratio(
        "csat-satisfied", "Customers satisfied (4 or 5)", MetricUnit.Share, m.Csat4 + m.Csat5, m.CsatCount,
        "ratings of 4 or 5 ÷ ratings", $"{Count(m.Csat4 + m.Csat5)} ÷ {Count(m.CsatCount)}", "no rating was given in the period");

    public static Metric Nps(Measures m)
    {
        var answers = m.NpsPromoters + m.NpsPassives + m.NpsDetractors;
        return Ratio("nps", "NPS", MetricUnit.Nps, 100 * (m.NpsPromoters - m.NpsDetractors), answers,
            "% promoters (9–10) − % detractors (0–6)",
            $"({Count(m.NpsPromoters)} − {Count(m.NpsDetractors)}) × 100 ÷ {Count(answers)} answers", "no one answered in the period");
    }

    public static Metric OutOfScopeRate(Measures m) => Ratio(
        "out-of-scope", "Out-of-scope rate", MetricUnit.Share, m.OutOfScopeTickets, m.TicketsOpened,
        "tickets opened whose verdict in force is out of scope ÷ tickets opened",
        $"{Count(m.OutOfScopeTickets)} ÷ {Count(m.TicketsOpened)}", "no ticket was opened in the period");

    public static Metric OfferConversion(Measures m) => Ratio(
        "offer-conversion", "Offer conversion", MetricUnit.Share, m.OffersAccepted, m.OffersSent,
        "offers accepted ÷ offers sent", $"{Count(m.OffersAccepted)} ÷ {Count(m.OffersSent)}", "no offer was sent in the period");

    private static Metric Ratio(string key, string name, MetricUnit unit, long numerator, long denominator, string formula, string inputs, string whyNone) =>
        denominator == 0
            ? new Metric(key, name, unit, null, formula, inputs, whyNone)
            : new Metric(key, name, unit, (decimal)numerator / denominator, formula, inputs);

    private static string Count(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Cents(long cents) => (cents / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
