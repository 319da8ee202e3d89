using System.Globalization;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.KnownIssues;

namespace HelpDesk.Core.Economics;

/// <summary>One line of the value report: what it counts, the figure as read, the figure as the CSV or a test reads it, and how it was arrived at.</summary>
public sealed record ValueFigure(string Key, string Name, string Value, long? Raw, string How);

/// <summary>The value report in words, the same lines for the page and the mail.</summary>
public static class ValueReportFigures
{
    public static IReadOnlyList<ValueFigure> Of(ValueReport report, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(currency);
        string Money(long cents) => Contracts.Money.Format(cents, currency);
        var hours = (report.EngineerMinutes / 60m).ToString("#,##0.0", CultureInfo.InvariantCulture);
        return
        [
            new("tickets-resolved", "Tickets resolved", Count(report.TicketsResolved), report.TicketsResolved, "each move of a ticket into Resolved in the period"),
            new("engineer-hours", "Engineer hours", $"{hours} h", report.EngineerMinutes, $"{Count(report.EngineerMinutes)} minutes our engineers logged on your tickets"),
            Share("sla-attainment", "SLA attainment against your plan", report.SlaAttainment),
            new("median-first-response", "Median first response",
                report.MedianFirstResponseMinutes is { } median ? Wording.Span((int)median) : "no value", report.MedianFirstResponseMinutes,
                report.MedianFirstResponseMinutes is null ? "no first response in the period" : "the middle of your tickets' times to a first reply, counted in your plan's support hours"),
            new("csat", "Satisfaction (CSAT)",
                report.Csat.Rounded is { } csat ? $"{csat.ToString("0.0", CultureInfo.InvariantCulture)} of 5" : "no value", report.Measures.CsatSum,
                report.Csat.WhyNone ?? $"{report.Csat.Formula}: {report.Csat.Inputs}"),
            new("first-contact-resolutions", "Resolved at the first reply", Count(report.FirstContactResolutions), report.FirstContactResolutions,
                report.FirstContactResolution.WhyNone ?? $"{report.FirstContactResolution.Formula}: {report.FirstContactResolution.Inputs}"),
            new("known-issues-fixed", "Known issues fixed that you reported", Count(report.KnownIssuesFixed.Count), report.KnownIssuesFixed.Count, KnownIssuesFixedHow),
            new("goodwill", "Goodwill given", Money(report.GoodwillValueCents), report.GoodwillValueCents,
                $"{Count(report.Goodwill.Count)} request(s) outside the cover worked at no charge, valued at the matching service's price"),
            new("services", "Services delivered", Money(report.ServicesDeliveredCents), report.ServicesDeliveredCents,
                $"{Count(report.ServicesDelivered)} services offer(s) accepted in the period"),
            new("contract-cost", "What the contract cost", Money(report.ContractCostCents), report.ContractCostCents,
                "your contracts' value for the days of the period, spread evenly over each term"),
        ];
    }

    /// <summary>How the known issues fixed are counted, in one sentence for the customer.</summary>
    public const string KnownIssuesFixedHow =
        "the known issues (defects, limitations, feature requests) now fixed that one or more of your organisation's own tickets were linked to, whenever they were reported; other customers' tickets are not counted";

    /// <summary>A fixed known issue in a line: its title, the release the fix shipped in and how many of the customer's tickets reported it.</summary>
    public static string Line(ReportedFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        return $"{fix.Title} ({fix.ProductName}): {KnownIssueWording.Status(KnownIssueStatus.Fixed, fix.Release)}, reported on {Count(fix.Tickets)} of your tickets";
    }

    /// <summary>One sentence setting what the customer got against what the contract cost.</summary>
    public static string Summary(ValueReport report, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(report);
        string Money(long cents) => Contracts.Money.Format(cents, currency);
        return $"From {Date(report.From)} to {Date(report.To)} your contracts cost {Money(report.ContractCostCents)}. " +
            $"We resolved {Count(report.TicketsResolved)} ticket(s) in {(report.EngineerMinutes / 60m).ToString("#,##0.0", CultureInfo.InvariantCulture)} engineer hours, " +
            $"and did {Money(report.GoodwillValueCents)} of work outside the cover at no charge.";
    }

    public static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static ValueFigure Share(string key, string name, Metric metric) => new(
        key, name, metric.Rounded is { } share ? (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "no value", null,
        metric.WhyNone ?? $"{metric.Formula}: {metric.Inputs}");

    private static string Count(long count) => count.ToString("#,##0", CultureInfo.InvariantCulture);
}
