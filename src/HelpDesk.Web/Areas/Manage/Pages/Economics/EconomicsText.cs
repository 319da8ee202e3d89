using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;

namespace HelpDesk.Web.Areas.Manage.Pages.Economics;

/// <summary>How the dashboard writes figures: money in the installation's currency, shares as percentages, minutes as spans.</summary>
public static class EconomicsText
{
    public const string None = "no value";

    public static string Value(Metric metric, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Rounded is not { } value ? None : Of(metric.Unit, value, currency);
    }

    /// <summary>The value as the CSV holds it: cents for money, a plain decimal otherwise, empty when there is none.</summary>
    public static string Raw(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Rounded is { } value ? value.ToString(CultureInfo.InvariantCulture) : "";
    }

    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/>, signed; empty when either has no value.</summary>
    public static string Change(Metric current, Metric previous, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        if (current.Rounded is not { } now || previous.Rounded is not { } before)
        {
            return "";
        }

        var delta = now - before;
        var sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
        var size = Math.Abs(delta);
        return current.Unit switch
        {
            MetricUnit.Share => $"{sign}{(size * 100).ToString("0.0", CultureInfo.InvariantCulture)} pts",
            _ => sign + Of(current.Unit, size, currency),
        };
    }

    public static string Money(long cents, Currency currency) => Core.Contracts.Money.Format(cents, currency);

    public static DashboardCell MoneyCell(long cents, Currency currency, string? href = null) =>
        new(Money(cents, currency), cents.ToString(CultureInfo.InvariantCulture), href);

    public static DashboardCell Count(long count, string? href = null) =>
        new(count.ToString("#,##0", CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), href);

    public static DashboardCell MetricCell(Metric metric, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new(Value(metric, currency), Raw(metric), null, metric.WhyNone ?? $"{metric.Formula}: {metric.Inputs}");
    }

    public static string Percent(decimal? share) =>
        share is { } value ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    public static string Month(DateOnly month) => month.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Of(MetricUnit unit, decimal value, Currency currency) => unit switch
    {
        MetricUnit.Money => Money((long)value, currency),
        MetricUnit.Share => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        MetricUnit.Minutes => Core.Common.Wording.Span((int)Math.Round(value, MidpointRounding.AwayFromZero)),
        _ => value.ToString("0.0", CultureInfo.InvariantCulture),
    };
}
