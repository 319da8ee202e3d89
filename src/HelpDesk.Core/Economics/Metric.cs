namespace HelpDesk.Core.Economics;

/// <summary>How a metric's value reads: money in cents, a share from 0 to 1, minutes, a score, or an NPS from −100 to 100.</summary>
public enum MetricUnit
{
    Money,
    Share,
    Minutes,
    Score,
    Nps,
}

/// <summary>
/// One figure of the P&amp;L with what it was worked out from: <see cref="Formula"/> in words, <see cref="Inputs"/>
/// with the numbers put in, and when there is nothing to divide by, a null <see cref="Value"/> and
/// <see cref="WhyNone"/> saying so.
/// </summary>
public sealed record Metric(string Key, string Name, MetricUnit Unit, decimal? Value, string Formula, string Inputs, string? WhyNone = null)
{
    /// <summary>The value rounded for reading: money to the cent, shares to a tenth of a percent, the rest to a tenth.</summary>
    public decimal? Rounded => Value is not { } value
        ? null
        : Unit switch
        {
            MetricUnit.Money => Math.Round(value, 0, MidpointRounding.AwayFromZero),
            MetricUnit.Share => Math.Round(value, 3, MidpointRounding.AwayFromZero),
            _ => Math.Round(value, 1, MidpointRounding.AwayFromZero),
        };
}
