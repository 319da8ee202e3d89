using System.Globalization;

namespace HelpDesk.Core.Economics;

/// <summary>A contract that ended in the period: whether a renewal followed it, and its organisation's ratings over its term.</summary>
public sealed record EndedContract(int ContractId, int OrganisationId, bool Renewed, long CsatSum, long CsatCount);

/// <summary>One band of satisfaction and how its contracts renewed.</summary>
public sealed record RenewalBand(string Band, int Ended, int Renewed, decimal? Rate, string Explanation);

/// <summary>
/// Do unhappy customers renew? Contracts that ended in the period, grouped by the organisation's mean rating over the
/// contract's term: below 3.5, 3.5 up to 4.5, 4.5 and above, and no ratings; each band's renewal rate is renewed ÷ ended.
/// </summary>
public static class RenewalBands
{
    public const string Low = "below 3.5";
    public const string Middle = "3.5 to 4.5";
    public const string High = "4.5 and above";
    public const string Unrated = "no ratings";

    public static IReadOnlyList<RenewalBand> For(IEnumerable<EndedContract> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var byBand = contracts.GroupBy(BandOf).ToDictionary(g => g.Key, g => g.ToList());
        return [.. new[] { Low, Middle, High, Unrated }.Select(band =>
        {
            var ended = byBand.GetValueOrDefault(band) ?? [];
            var renewed = ended.Count(c => c.Renewed);
            return ended.Count == 0
                ? new RenewalBand(band, 0, 0, null, "no contract in this band ended in the period")
                : new RenewalBand(band, ended.Count, renewed, (decimal)renewed / ended.Count,
                    string.Create(CultureInfo.InvariantCulture, $"{renewed} of {ended.Count} contracts that ended were renewed"));
        })];
    }

    /// <summary>The band of a mean rating; 2 × sum compared with 7 × count and 9 × count keeps the bounds exact.</summary>
    public static string BandOf(EndedContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (contract.CsatCount == 0)
        {
            return Unrated;
        }

        var twice = 2 * contract.CsatSum;
        return twice < 7 * contract.CsatCount ? Low : twice < 9 * contract.CsatCount ? Middle : High;
    }
}
