using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Routing;

/// <summary>A dated cost rate added to an engineer, as the engineer's audit trail words it.</summary>
public static class CostRateChanges
{
    /// <summary>
    /// "Changed the hourly rate from 60.00 USD to 65.00 USD from 1 Jan 2027.", the rate before being the one that would
    /// otherwise have applied that day (or the not yet started one it replaces); "Set …" for an engineer's first rate.
    /// </summary>
    public static string Describe(IReadOnlyList<CostRate> before, CostRate added, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(currency);
        var previous = before.Where(r => r.EffectiveFrom <= added.EffectiveFrom).OrderBy(r => r.EffectiveFrom).LastOrDefault();
        var from = EntitlementWording.Date(added.EffectiveFrom);
        return previous is null
            ? $"Set the hourly rate to {Money.Format(added.HourlyCents, currency)} from {from}."
            : $"Changed the hourly rate from {Money.Format(previous.HourlyCents, currency)} to {Money.Format(added.HourlyCents, currency)} from {from}.";
    }
}
