using System.Globalization;
using System.Text;
using CsvHelper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;

namespace HelpDesk.Web.Areas.Manage.Pages.Services;

/// <summary>
/// The pipeline's conversion table as CSV (RFC 4180, UTF-8): one row for all offers, then one per offering, product,
/// segment and engineer, with counts by status, the conversion and the revenue booked (cents and as read).
/// </summary>
public static class PipelineCsv
{
    public static byte[] Write(PipelineReport report, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(currency);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteRecords(Rows(report, currency));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static IEnumerable<PipelineCsvRow> Rows(PipelineReport report, Currency currency)
    {
        yield return Row("All", "All offers", report.Total, report.Groups.Where(g => g.Dimension == PipelineDimension.Offering).Sum(g => g.RevenueCents), currency);
        foreach (var group in report.Groups)
        {
            yield return Row(group.Dimension.ToString(), group.Name, group.Conversion, group.RevenueCents, currency);
        }
    }

    private static PipelineCsvRow Row(string dimension, string name, Conversion conversion, long revenueCents, Currency currency)
    {
        var tally = conversion.Tally;
        return new PipelineCsvRow
        {
            Dimension = dimension,
            Group = name,
            Sent = tally.Sent,
            Open = tally.Open,
            Accepted = tally.Accepted,
            Declined = tally.Declined,
            Expired = tally.Expired,
            Withdrawn = tally.Withdrawn,
            Decided = tally.Decided,
            Conversion = conversion.Rate is decimal rate ? Math.Round(rate * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) : "",
            RevenueCents = revenueCents,
            Revenue = Money.Format(revenueCents, currency),
        };
    }

    /// <summary>One line of the CSV; <see cref="Conversion"/> is accepted ÷ decided as a percentage, empty when nothing was decided.</summary>
    public sealed record PipelineCsvRow
    {
        public string Dimension { get; init; } = "";
        public string Group { get; init; } = "";
        public int Sent { get; init; }
        public int Open { get; init; }
        public int Accepted { get; init; }
        public int Declined { get; init; }
        public int Expired { get; init; }
        public int Withdrawn { get; init; }
        public int Decided { get; init; }
        public string Conversion { get; init; } = "";
        public long RevenueCents { get; init; }
        public string Revenue { get; init; } = "";
    }
}
