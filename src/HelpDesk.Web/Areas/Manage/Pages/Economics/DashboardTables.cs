using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;

namespace HelpDesk.Web.Areas.Manage.Pages.Economics;

/// <summary>The dashboard's tables, built from what the reader returned; nothing here reads the database.</summary>
public static class DashboardTables
{
    public static DashboardTable Metrics(ComparedMeasures totals, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var previous = SupportMetrics.All(totals.Previous).ToDictionary(m => m.Key);
        return new("metrics", "Headline figures",
            [new("Figure"), new("This period"), new("Previous period"), new("Change"), new("Formula"), new("Inputs"), new("Why no value")],
            [.. SupportMetrics.All(totals.Current).Select(m =>
            {
                var before = previous[m.Key];
                return new DashboardRow(m.Key,
                [
                    m.Name, EconomicsText.MetricCell(m, currency), EconomicsText.MetricCell(before, currency),
                    EconomicsText.Change(m, before, currency), m.Formula, m.Inputs, m.WhyNone ?? "",
                ]);
            })]);
    }

    public static DashboardTable Levels(EconomicsLevel level, IReadOnlyList<LevelComparison> rows, DashboardQuery query, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(query);
        var title = level switch
        {
            EconomicsLevel.Region => "Region",
            EconomicsLevel.Customer => "Customer",
            EconomicsLevel.Contract => "Contract",
            _ => "Product",
        };
        return new("pnl", $"Profit and loss by {title.ToLowerInvariant()}",
            [
                new(title), new("Support revenue", Money: true), new("Services revenue", Money: true), new("Labour cost", Money: true),
                new("Profit", Money: true), new("Margin"), new("Cost per case", Money: true), new("Tickets opened", Number: true),
                new("Profit, previous period", Money: true), new("Behind the figures"),
            ],
            [.. rows.Select(r =>
            {
                var into = query.Into(level, r.Key);
                var profit = SupportMetrics.Profit(r.Current);
                return new DashboardRow(r.Key,
                [
                    new(NameOf(level, r), null, into.Href(), r.Detail.Length == 0 ? null : r.Detail),
                    EconomicsText.MoneyCell(r.Current.SupportRevenueCents, currency),
                    EconomicsText.MoneyCell(r.Current.ServicesRevenueCents, currency),
                    EconomicsText.MoneyCell(r.Current.LabourCostCents, currency),
                    EconomicsText.MetricCell(profit, currency),
                    EconomicsText.MetricCell(SupportMetrics.Margin(r.Current), currency),
                    EconomicsText.MetricCell(SupportMetrics.CostPerCase(r.Current), currency),
                    EconomicsText.Count(r.Current.TicketsOpened),
                    EconomicsText.MetricCell(SupportMetrics.Profit(r.Previous), currency),
                    new("tickets", "", (into with { Tickets = true }).Href()),
                ]);
            })]);
    }

    public static DashboardTable Tickets(IReadOnlyList<TicketContribution> tickets, DashboardQuery query, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(query);
        return new("tickets", "Tickets behind the figures",
            [
                new("Ticket"), new("Subject"), new("Customer"), new("Minutes worked", Number: true), new("Labour cost", Money: true),
                new("Goodwill cost", Money: true), new("Opened", Number: true), new("Resolved", Number: true), new("CSAT"), new("On the desk"),
            ],
            [.. tickets.Select(t => new DashboardRow(t.Number,
            [
                new(t.Number, null, (query with { Ticket = t.TicketId }).Href()),
                t.Subject,
                t.OrganisationName,
                EconomicsText.Count(t.Measures.MinutesWorked),
                EconomicsText.MoneyCell(t.Measures.LabourCostCents, currency),
                EconomicsText.MoneyCell(t.Measures.GoodwillCostCents, currency),
                EconomicsText.Count(t.Measures.TicketsOpened),
                EconomicsText.Count(t.Measures.TicketsResolved),
                EconomicsText.MetricCell(SupportMetrics.CsatMean(t.Measures), currency),
                new("open", "", $"/desk/tickets/{t.Number}"),
            ]))]);
    }

    public static DashboardTable TimeLog(TicketTimeLog log, ReportingPeriod period, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(period);
        return new("time", $"Time entries of {log.Number}",
            [
                new("Work date"), new("Engineer"), new("Minutes", Number: true), new("Rate in force", Money: true), new("Cost", Money: true),
                new("How it is costed"), new("Note"), new("Billable"), new("In the period"),
            ],
            [.. log.Lines.Select(l =>
            {
                var c = l.Costed;
                var rate = c.HourlyCents is { } hourly
                    ? new DashboardCell($"{EconomicsText.Money(hourly, currency)} an hour", hourly.ToString(CultureInfo.InvariantCulture))
                    : c.PricePerCaseCents is { } price
                        ? new DashboardCell($"{EconomicsText.Money(price, currency)} a case", price.ToString(CultureInfo.InvariantCulture))
                        : new DashboardCell("none", "");
                var inPeriod = c.Entry.WorkDate >= period.From && c.Entry.WorkDate <= period.To;
                return new DashboardRow(c.Entry.EntryId.ToString(CultureInfo.InvariantCulture),
                [
                    c.Entry.WorkDate.ToString(ReportingPeriods.IsoDate, CultureInfo.InvariantCulture),
                    l.EngineerName,
                    EconomicsText.Count(c.Entry.Minutes),
                    rate,
                    EconomicsText.MoneyCell(c.CostCents, currency),
                    c.Explanation,
                    l.Note,
                    l.Billable ? "yes" : "no",
                    inPeriod ? "yes" : "no",
                ]);
            })]);
    }

    public static DashboardTable Products(IReadOnlyList<LevelComparison> products, DashboardQuery query, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(query);
        return new("products", "Products by cost to support",
            [
                new("Product"), new("Cost per case", Money: true), new("Labour cost", Money: true), new("Tickets resolved", Number: true),
                new("Tickets opened", Number: true), new("Minutes worked", Number: true), new("Cost per case, previous period", Money: true),
            ],
            [.. CostliestFirst(products).Select(p => new DashboardRow(p.Key,
            [
                new(p.Name, null, query.Into(EconomicsLevel.Product, p.Key).Href()),
                EconomicsText.MetricCell(SupportMetrics.CostPerCase(p.Current), currency),
                EconomicsText.MoneyCell(p.Current.LabourCostCents, currency),
                EconomicsText.Count(p.Current.TicketsResolved),
                EconomicsText.Count(p.Current.TicketsOpened),
                EconomicsText.Count(p.Current.MinutesWorked),
                EconomicsText.MetricCell(SupportMetrics.CostPerCase(p.Previous), currency),
            ]))]);
    }

    /// <summary>Products by cost per case, highest first; those with no resolved case last, by labour cost.</summary>
    public static IEnumerable<LevelComparison> CostliestFirst(IReadOnlyList<LevelComparison> products) =>
        products
            .Where(p => p.Current.LabourCostCents > 0 || p.Current.TicketsOpened > 0 || p.Current.TicketsResolved > 0)
            .OrderByDescending(p => SupportMetrics.CostPerCase(p.Current).Value ?? decimal.MinValue)
            .ThenByDescending(p => p.Current.LabourCostCents);

    /// <summary>Customers whose profit in the period is below zero, the largest loss first.</summary>
    public static IReadOnlyList<LevelComparison> Unprofitable(IReadOnlyList<LevelComparison> customers) =>
        [.. customers.Where(c => Profit(c.Current) < 0).OrderBy(c => Profit(c.Current)).ThenBy(c => c.Name, StringComparer.Ordinal)];

    public static DashboardTable UnprofitableCustomers(IReadOnlyList<LevelComparison> losing, DashboardQuery query, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(losing);
        ArgumentNullException.ThrowIfNull(query);
        return new("unprofitable", "Customers who lost money in the period",
            [
                new("Customer"), new("Profit", Money: true), new("Support revenue", Money: true), new("Services revenue", Money: true),
                new("Labour cost", Money: true), new("Goodwill cost", Money: true), new("Tickets opened", Number: true), new("Profit, previous period", Money: true),
            ],
            [.. losing.Select(c => new DashboardRow(c.Key,
            [
                new(c.Name, null, query.Into(EconomicsLevel.Customer, c.Key).Href()),
                EconomicsText.MoneyCell(Profit(c.Current), currency),
                EconomicsText.MoneyCell(c.Current.SupportRevenueCents, currency),
                EconomicsText.MoneyCell(c.Current.ServicesRevenueCents, currency),
                EconomicsText.MoneyCell(c.Current.LabourCostCents, currency),
                EconomicsText.MoneyCell(c.Current.GoodwillCostCents, currency),
                EconomicsText.Count(c.Current.TicketsOpened),
                EconomicsText.MoneyCell(Profit(c.Previous), currency),
            ]))]);
    }

    public static DashboardTable Services(ComparedMeasures totals, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var (now, before) = (totals.Current, totals.Previous);
        return new("services", "What services brought in",
            [new("Figure"), new("This period"), new("Previous period")],
            [
                new("services-revenue", ["Services revenue", EconomicsText.MoneyCell(now.ServicesRevenueCents, currency), EconomicsText.MoneyCell(before.ServicesRevenueCents, currency)]),
                new("offers-sent", ["Offers sent", EconomicsText.Count(now.OffersSent), EconomicsText.Count(before.OffersSent)]),
                new("offers-accepted", ["Offers accepted", EconomicsText.Count(now.OffersAccepted), EconomicsText.Count(before.OffersAccepted)]),
                new("offer-conversion", ["Offer conversion (accepted ÷ sent)", EconomicsText.MetricCell(SupportMetrics.OfferConversion(now), currency), EconomicsText.MetricCell(SupportMetrics.OfferConversion(before), currency)]),
            ]);
    }

    public static DashboardTable Trends(IReadOnlyList<MonthTotal> months, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(months);
        return new("trends", "Month by month",
            [
                new("Month"), new("SLA attainment"), new("CSAT"), new("Customers satisfied"), new("Profit", Money: true),
                new("Services revenue", Money: true), new("Tickets opened", Number: true),
            ],
            [.. months.Select(m => new DashboardRow(m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            [
                new(EconomicsText.Month(m.Month), m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
                EconomicsText.MetricCell(SupportMetrics.SlaAttainment(m.Measures), currency),
                EconomicsText.MetricCell(SupportMetrics.CsatMean(m.Measures), currency),
                EconomicsText.MetricCell(SupportMetrics.CsatSatisfied(m.Measures), currency),
                EconomicsText.MoneyCell(Profit(m.Measures), currency),
                EconomicsText.MoneyCell(m.Measures.ServicesRevenueCents, currency),
                EconomicsText.Count(m.Measures.TicketsOpened),
            ]))]);
    }

    public static DashboardTable RenewalBandTable(IReadOnlyList<RenewalBand> bands) => new("renewals", "Renewals by CSAT band",
        [new("CSAT over the term"), new("Contracts ended", Number: true), new("Renewed", Number: true), new("Renewal rate"), new("How")],
        [.. bands.Select(b => new DashboardRow(b.Band,
        [
            b.Band, EconomicsText.Count(b.Ended), EconomicsText.Count(b.Renewed),
            new(EconomicsText.Percent(b.Rate), b.Rate is { } rate ? Math.Round(rate, 3).ToString(CultureInfo.InvariantCulture) : ""),
            b.Explanation,
        ]))]);

    public static DashboardTable EndedContracts(IReadOnlyList<EndedContractTerm> ended, DashboardQuery query)
    {
        ArgumentNullException.ThrowIfNull(ended);
        ArgumentNullException.ThrowIfNull(query);
        return new("ended", "Contracts that ended in the period",
            [new("Contract"), new("Customer"), new("Term"), new("Ratings", Number: true), new("Mean CSAT"), new("Band"), new("Renewed")],
            [.. ended.Select(e =>
            {
                var c = e.Contract;
                var id = c.ContractId.ToString(CultureInfo.InvariantCulture);
                var mean = c.CsatCount == 0 ? null : (decimal?)c.CsatSum / c.CsatCount;
                return new DashboardRow(id,
                [
                    new(Contract.FormatNumber(c.ContractId), null, query.Into(EconomicsLevel.Contract, id).Href()),
                    e.OrganisationName,
                    $"{EconomicsText.Date(e.StartsOn)} – {EconomicsText.Date(e.EndsOn)}",
                    EconomicsText.Count(c.CsatCount),
                    mean is { } m ? new DashboardCell(m.ToString("0.0", CultureInfo.InvariantCulture), Math.Round(m, 3).ToString(CultureInfo.InvariantCulture)) : new DashboardCell(EconomicsText.None, ""),
                    RenewalBands.BandOf(c),
                    c.Renewed ? "yes" : "no",
                ]);
            })]);
    }

    public static long Profit(Measures m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return m.SupportRevenueCents + m.ServicesRevenueCents - m.LabourCostCents;
    }

    private static string NameOf(EconomicsLevel level, LevelComparison row) =>
        level == EconomicsLevel.Region && Enum.TryParse<Core.Organisations.Region>(row.Key, out var region)
            ? Core.Common.Wording.Name(region)
            : row.Name;
}
