using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Areas.Manage.Pages.Economics;

namespace HelpDesk.Web.Areas.Manage.Pages.Scope;

/// <summary>
/// The scope review's tables as the page and its CSV show them (<see cref="DashboardTable"/>, as the economics
/// dashboard): every count of tickets leads to the tickets behind it.
/// </summary>
public static class ScopeReviewTables
{
    public const string TicketsId = "tickets";

    public static IReadOnlyDictionary<string, ScopeReviewTable> Ids { get; } = new Dictionary<string, ScopeReviewTable>(StringComparer.OrdinalIgnoreCase)
    {
        ["category"] = ScopeReviewTable.Category,
        ["clause"] = ScopeReviewTable.Clause,
        ["release"] = ScopeReviewTable.Release,
        ["environment"] = ScopeReviewTable.Environment,
        ["goodwill-clause"] = ScopeReviewTable.GoodwillClause,
        ["goodwill-engineer"] = ScopeReviewTable.GoodwillEngineer,
    };

    public static string IdOf(ScopeReviewTable table) => Ids.First(p => p.Value == table).Key;

    public static DashboardTable Of(ScopeReviewTable table, IReadOnlyList<ScopeReviewTicket> tickets, ReportingPeriod period, Currency currency)
    {
        var (title, key) = table switch
        {
            ScopeReviewTable.Category => ("Out-of-scope requests by category", "Category"),
            ScopeReviewTable.Clause => ("Out-of-scope requests by clause", "Clause"),
            ScopeReviewTable.Release => ("Tickets by release", "Release"),
            ScopeReviewTable.Environment => ("Tickets by environment", "Environment"),
            ScopeReviewTable.GoodwillClause => ("Goodwill by clause of the verdict overridden", "Clause"),
            _ => ("Goodwill by engineer", "Engineer"),
        };
        DashboardColumn[] figures = table switch
        {
            ScopeReviewTable.Category or ScopeReviewTable.Clause =>
                [new("Became accepted offers", Number: true), new("Share accepted"), new("Services revenue", Money: true), new("Labour cost", Money: true)],
            ScopeReviewTable.Release or ScopeReviewTable.Environment => [new("Labour cost", Money: true), new("CSAT")],
            _ => [new("Goodwill cost", Money: true)],
        };
        return new(IdOf(table), title, [new("Product"), new(key), new("Tickets", Number: true), .. figures],
            [.. ScopeReview.Rows(table, tickets).Select(r => new DashboardRow($"{r.ProductId.ToString(CultureInfo.InvariantCulture)}|{r.Key}",
            [
                r.ProductName,
                r.Label,
                EconomicsText.Count(r.Tickets.Count, Href(period, table, r)),
                .. Figures(table, r, currency),
            ]))]);
    }

    /// <summary>The tickets behind one row, with what each adds to it.</summary>
    public static DashboardTable Tickets(ScopeReviewRow row, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(TicketsId, $"Tickets behind {row.ProductName}, {row.Label}",
            [
                new("Ticket"), new("Subject"), new("Release"), new("Environment"), new("Verdict in force"), new("Labour cost", Money: true),
                new("Goodwill cost", Money: true), new("Services revenue", Money: true), new("CSAT"),
            ],
            [.. row.Tickets.Select(t => new DashboardRow(t.Number,
            [
                new(t.Number, null, $"/desk/tickets/{t.Number}"),
                t.Subject,
                t.Release ?? "",
                t.Environment ?? "",
                t.VerdictInForce?.ToString() ?? "",
                EconomicsText.MoneyCell(t.Measures.LabourCostCents, currency),
                EconomicsText.MoneyCell(t.Measures.GoodwillCostCents, currency),
                EconomicsText.MoneyCell(t.ServicesRevenueCents, currency),
                EconomicsText.MetricCell(SupportMetrics.CsatMean(t.Measures), currency),
            ]))]);
    }

    public static string Href(ReportingPeriod period, ScopeReviewTable table, ScopeReviewRow row)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(row);
        return string.Create(CultureInfo.InvariantCulture,
            $"/manage/scope/review?from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}&table={IdOf(table)}&product={row.ProductId}&key={Uri.EscapeDataString(row.Key)}");
    }

    private static IEnumerable<DashboardCell> Figures(ScopeReviewTable table, ScopeReviewRow row, Currency currency) => table switch
    {
        ScopeReviewTable.Category or ScopeReviewTable.Clause =>
        [
            EconomicsText.Count(row.TicketsAccepted),
            new(EconomicsText.Percent(row.AcceptedShare), row.AcceptedShare?.ToString("0.000", CultureInfo.InvariantCulture) ?? "", null,
                $"{row.TicketsAccepted} of {row.Tickets.Count} tickets had an offer accepted in the period"),
            EconomicsText.MoneyCell(row.ServicesRevenueCents, currency),
            EconomicsText.MoneyCell(row.Measures.LabourCostCents, currency),
        ],
        ScopeReviewTable.Release or ScopeReviewTable.Environment =>
            [EconomicsText.MoneyCell(row.Measures.LabourCostCents, currency), EconomicsText.MetricCell(SupportMetrics.CsatMean(row.Measures), currency)],
        _ => [EconomicsText.MoneyCell(row.Measures.GoodwillCostCents, currency)],
    };
}
