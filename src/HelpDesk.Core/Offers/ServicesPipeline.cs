using System.Globalization;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Offers;

/// <summary>What the pipeline groups offers by.</summary>
public enum PipelineDimension
{
    Offering,
    Product,
    Segment,
    Engineer,
}

/// <summary>The offers of one offering, product, segment or engineer: their conversion and the revenue they booked.</summary>
public sealed record PipelineGroup(PipelineDimension Dimension, string Name, Conversion Conversion, long RevenueCents);

/// <summary>Services revenue booked in one month (<see cref="Month"/> ISO <c>yyyy-MM</c>), by how many accepted offers.</summary>
public sealed record RevenueMonth(string Month, int Offers, long Cents);

/// <summary>A decline reason as customers gave it (the same words, any case, counted together), and how often.</summary>
public sealed record DeclineReasonCount(string Reason, int Count);

/// <summary>
/// The services pipeline over a window: conversion of the offers sent in it (all of them, and by offering, product,
/// segment and engineer), the revenue booked in it by month, and why customers declined.
/// </summary>
public sealed record PipelineReport(
    Conversion Total,
    IReadOnlyList<PipelineGroup> Groups,
    IReadOnlyList<RevenueMonth> RevenueByMonth,
    IReadOnlyList<DeclineReasonCount> DeclineReasons)
{
    public long RevenueCents => RevenueByMonth.Sum(m => m.Cents);

    public IReadOnlyList<PipelineGroup> By(PipelineDimension dimension) => [.. Groups.Where(g => g.Dimension == dimension)];
}

/// <summary>
/// Builds the pipeline from offers (pure). An offer counts in the window when it was sent on or after
/// <c>since</c>; revenue counts in the month it was booked (the day of acceptance), when that day is on or after
/// <c>since</c> — so an offer sent before the window and accepted in it adds revenue but not conversion. A group's
/// revenue is what its offers counted in the window booked. Groups are listed by offers sent, most first.
/// </summary>
public static class ServicesPipeline
{
    public const string NoProduct = "(no product)";
    public const string NoReason = "(no reason given)";

    public static PipelineReport Build(IReadOnlyList<PipelineOffer> offers, DateOnly? since)
    {
        ArgumentNullException.ThrowIfNull(offers);
        var sinceDay = since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var counted = offers.Where(o => since is not DateOnly from || DateOnly.FromDateTime(o.SentUtc) >= from).ToList();

        var groups = new List<PipelineGroup>();
        groups.AddRange(Group(counted, PipelineDimension.Offering, o => o.OfferingName.Length > 0 ? $"{o.OfferingName} ({o.OfferingCode})" : o.OfferingCode));
        groups.AddRange(Group(counted, PipelineDimension.Product, o => o.ProductName ?? NoProduct));
        groups.AddRange(Group(counted, PipelineDimension.Segment, o => Wording.Name(o.Segment)));
        groups.AddRange(Group(counted, PipelineDimension.Engineer, o => o.EngineerName));

        var revenue = offers
            .Where(o => o.RevenueDay is { Length: >= 7 } day && o.RevenueCents is not null && (sinceDay is null || string.CompareOrdinal(day, sinceDay) >= 0))
            .GroupBy(o => o.RevenueDay![..7], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RevenueMonth(g.Key, g.Count(), g.Sum(o => o.RevenueCents!.Value)))
            .ToList();

        var reasons = counted
            .Where(o => o.Status == OfferStatus.Declined)
            .GroupBy(o => string.IsNullOrWhiteSpace(o.DeclineReason) ? NoReason : o.DeclineReason.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new DeclineReasonCount(g.First().DeclineReason?.Trim() is { Length: > 0 } first ? first : NoReason, g.Count()))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Reason, StringComparer.OrdinalIgnoreCase)
            .ToList();

        return new(OfferConversion.Of(counted.Select(o => o.Status)), groups, revenue, reasons);
    }

    /// <summary>A month key (yyyy-MM) as pages write it: Mar 2026.</summary>
    public static string MonthName(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("MMM yyyy", CultureInfo.InvariantCulture)
            : month;

    private static IEnumerable<PipelineGroup> Group(IReadOnlyList<PipelineOffer> offers, PipelineDimension dimension, Func<PipelineOffer, string> key) =>
        offers
            .GroupBy(key, StringComparer.Ordinal)
            .Select(g => new PipelineGroup(dimension, g.Key, OfferConversion.Of(g.Select(o => o.Status)), g.Sum(o => o.RevenueCents ?? 0)))
            .OrderByDescending(g => g.Conversion.Tally.Sent)
            .ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase);
}
