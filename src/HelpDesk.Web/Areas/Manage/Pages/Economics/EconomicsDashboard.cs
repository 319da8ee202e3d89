using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Areas.Manage.Pages.Economics;

/// <summary>A step of the drill-down path; the last has no link.</summary>
public sealed record Breadcrumb(string Text, string? Href);

/// <summary>
/// Everything the dashboard shows for one place and period: the headline figures beside the previous period's, the
/// P&amp;L rows (a level, the tickets behind it, or one ticket's time entries), and the sections answering which products
/// cost most to support, which customers lose money, what services brought in, how SLA and CSAT move, and whether
/// unhappy customers renew. Charts are drawn from the same rows as the tables.
/// </summary>
public sealed record EconomicsDashboard
{
    /// <summary>How many tickets a drill-down lists at most, the costliest first.</summary>
    public const int TicketRows = 200;

    public required DashboardQuery Query { get; init; }
    public required ReportingPeriod Period { get; init; }
    public required IReadOnlyList<Breadcrumb> Breadcrumbs { get; init; }
    public required DashboardTable Metrics { get; init; }
    public required DashboardTable Rows { get; init; }
    public TicketTimeLog? TimeLog { get; init; }
    public IReadOnlyList<DashboardTable> Sections { get; init; } = [];
    public IReadOnlyList<ChartPoint> ProductCostPerCase { get; init; } = [];
    public IReadOnlyList<ChartPoint> ProductLabour { get; init; } = [];
    public IReadOnlyList<ChartPoint> CustomerLosses { get; init; } = [];
    public IReadOnlyList<ChartPoint> SlaByMonth { get; init; } = [];
    public IReadOnlyList<ChartPoint> CsatByMonth { get; init; } = [];
    public IReadOnlyList<ChartPoint> ProfitByMonth { get; init; } = [];

    /// <summary>The first month the trends show: twelve months back from the period's last, or the period's first when longer.</summary>
    public static DateOnly TrendStart(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var twelve = new DateOnly(period.To.Year, period.To.Month, 1).AddMonths(-11);
        return period.From < twelve ? period.From : twelve;
    }

    public DashboardTable? Table(string id) =>
        new[] { Metrics, Rows }.Concat(Sections).FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    public static async Task<EconomicsDashboard> LoadAsync(
        IEconomicsReader reader, DashboardQuery query, ReportingPeriod period, Currency currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(period);
        var filter = query.Filter(period);
        // The page's reads are independent of one another, so they run side by side on the thread pool, each on a
        // connection of its own: SQLite's driver completes its "async" calls before returning them, so awaiting them
        // one after another would run them in turn. One of them sums the period and the one before in total and at
        // every level the page shows: its rows' level (none for a ticket or the tickets), the products and the customers.
        var levels = new List<EconomicsLevel>();
        if (query.Ticket is null)
        {
            if (query.RowLevel is { } rowLevel)
            {
                levels.Add(rowLevel);
            }

            levels.AddRange([EconomicsLevel.Product, EconomicsLevel.Customer]);
        }

        var comparing = Task.Run(() => reader.ComparedAsync(levels, filter, period.PreviousFrom, cancellationToken), cancellationToken);
        var naming = query.Organisation is null && query.Product is null
            ? Task.FromResult(new FilterNames(null, null))
            : Task.Run(() => reader.NamesAsync(filter, cancellationToken), cancellationToken);
        if (query.Ticket is int ticketId)
        {
            var logging = Task.Run(() => reader.TimeLogAsync(ticketId, filter, cancellationToken), cancellationToken);
            await Task.WhenAll(comparing, naming, logging);
            var log = await logging;
            var number = TicketNumber.Format(ticketId);
            var path = PathOf(query, await naming);
            path.Add(new(number, null));
            return new EconomicsDashboard
            {
                Query = query,
                Period = period,
                Breadcrumbs = path,
                Metrics = DashboardTables.Metrics((await comparing).Total, currency),
                Rows = log is null
                    ? new DashboardTable("time", $"Time entries of {number}", [new("Work date")], [])
                    : DashboardTables.TimeLog(log, period, currency),
                TimeLog = log,
            };
        }

        var listing = query.RowLevel is null
            ? Task.Run(() => reader.TicketsAsync(filter, TicketRows, cancellationToken), cancellationToken)
            : Task.FromResult<IReadOnlyList<TicketContribution>>([]);
        var trending = Task.Run(() => reader.ByMonthAsync(filter with { From = TrendStart(period) }, cancellationToken), cancellationToken);
        var ending = Task.Run(() => reader.EndedContractsAsync(filter, cancellationToken), cancellationToken);
        await Task.WhenAll(comparing, naming, listing, trending, ending);
        var compared = await comparing;
        var totals = compared.Total;
        var crumbs = PathOf(query, await naming);
        DashboardTable rows;
        if (query.RowLevel is { } level)
        {
            rows = DashboardTables.Levels(level, compared.Of(level), query, currency);
        }
        else
        {
            crumbs.Add(new("Tickets", null));
            rows = DashboardTables.Tickets(await listing, query, currency);
        }

        var products = compared.Of(EconomicsLevel.Product);
        var customers = compared.Of(EconomicsLevel.Customer);
        var months = await trending;
        var ended = await ending;
        var losing = DashboardTables.Unprofitable(customers);
        var costliest = DashboardTables.CostliestFirst(products).ToList();
        return new EconomicsDashboard
        {
            Query = query,
            Period = period,
            Breadcrumbs = crumbs,
            Metrics = DashboardTables.Metrics(totals, currency),
            Rows = rows,
            Sections =
            [
                DashboardTables.Products(products, query, currency),
                DashboardTables.UnprofitableCustomers(losing, query, currency),
                DashboardTables.Services(totals, currency),
                DashboardTables.Trends(months, currency),
                DashboardTables.RenewalBandTable(RenewalBands.For(ended.Select(e => e.Contract))),
                DashboardTables.EndedContracts(ended, query),
            ],
            ProductCostPerCase = [.. costliest.Select(p => Point(p.Name, SupportMetrics.CostPerCase(p.Current), currency))],
            ProductLabour = [.. costliest.OrderByDescending(p => p.Current.LabourCostCents)
                .Select(p => new ChartPoint(p.Name, p.Current.LabourCostCents, EconomicsText.Money(p.Current.LabourCostCents, currency)))],
            CustomerLosses = [.. losing.Select(c =>
            {
                var profit = DashboardTables.Profit(c.Current);
                return new ChartPoint(c.Name, profit, EconomicsText.Money(profit, currency));
            })],
            SlaByMonth = [.. months.Select(m => Point(EconomicsText.Month(m.Month), SupportMetrics.SlaAttainment(m.Measures), currency))],
            CsatByMonth = [.. months.Select(m => Point(EconomicsText.Month(m.Month), SupportMetrics.CsatMean(m.Measures), currency))],
            ProfitByMonth = [.. months.Select(m =>
            {
                var profit = DashboardTables.Profit(m.Measures);
                return new ChartPoint(EconomicsText.Month(m.Month), profit, EconomicsText.Money(profit, currency));
            })],
        };
    }

    private static ChartPoint Point(string label, Metric metric, Currency currency) => new(label, metric.Rounded, EconomicsText.Value(metric, currency));

    private static List<Breadcrumb> PathOf(DashboardQuery query, FilterNames names)
    {
        var top = query.Top(query.Level);
        var crumbs = new List<Breadcrumb> { new(query.Level switch
        {
            EconomicsLevel.Customer => "All customers",
            EconomicsLevel.Contract => "All contracts",
            EconomicsLevel.Product => "All products",
            _ => "All regions",
        }, top.Href()) };
        var path = top;
        if (query.Region is { } region)
        {
            path = path with { Region = region };
            crumbs.Add(new(Enum.TryParse<Core.Organisations.Region>(region, out var known) ? Core.Common.Wording.Name(known) : region, path.Href()));
        }

        if (query.Organisation is { } organisation)
        {
            path = path with { Organisation = organisation };
            crumbs.Add(new(names.Organisation ?? $"Customer #{organisation.ToString(CultureInfo.InvariantCulture)}", path.Href()));
        }

        if (query.Contract is { } contract)
        {
            path = path with { Contract = contract };
            crumbs.Add(new(contract == 0 ? "No contract" : Contract.FormatNumber(contract), path.Href()));
        }

        if (query.Product is { } product)
        {
            path = path with { Product = product };
            crumbs.Add(new(product == 0 ? "No product" : names.Product ?? $"Product #{product.ToString(CultureInfo.InvariantCulture)}", path.Href()));
        }

        if (query.Ticket is not null && query.Tickets)
        {
            crumbs.Add(new("Tickets", (path with { Tickets = true }).Href()));
        }

        // The last step is where the manager stands: no link.
        if (query.Ticket is null && !query.Tickets && crumbs.Count > 0)
        {
            crumbs[^1] = crumbs[^1] with { Href = null };
        }

        return crumbs;
    }
}
