using System.Globalization;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Contracts;

/// <summary>The names a contract's audit line reads its ids by.</summary>
public sealed record ContractNames(
    string Organisation,
    IReadOnlyDictionary<int, string> Plans,
    IReadOnlyDictionary<int, string> Products,
    IReadOnlyDictionary<int, string> Calendars);

/// <summary>A contract's creation or change as its audit trail words it: what it is, or each field that changed, old → new.</summary>
public static class ContractChanges
{
    public static string Describe(Contract? before, Contract after, ContractNames names, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(currency);
        if (before is null)
        {
            return $"{names.Organisation}, {Plan(after, names)} plan, {Products(after, names)}, {Term(after)}, value {Money.Format(after.ValueCents, currency)}; "
                + $"support hours in {SupportZone(after)}, closed on {Calendar(after, names)}.";
        }

        var changes = new List<string>();
        void Compare(string what, string old, string now)
        {
            if (!string.Equals(old, now, StringComparison.Ordinal))
            {
                changes.Add($"{what} {old} → {now}");
            }
        }

        Compare("organisation", before.OrganisationId == after.OrganisationId ? names.Organisation : $"organisation {before.OrganisationId.ToString(CultureInfo.InvariantCulture)}", names.Organisation);
        Compare("plan", Plan(before, names), Plan(after, names));
        Compare("products", Products(before, names), Products(after, names));
        Compare("term", Term(before), Term(after));
        Compare("value", Money.Format(before.ValueCents, currency), Money.Format(after.ValueCents, currency));
        Compare("support hours", SupportZone(before), SupportZone(after));
        Compare("holidays", Calendar(before, names), Calendar(after, names));
        return changes.Count == 0 ? "Saved without changes." : string.Join("; ", changes) + ".";
    }

    private static string Plan(Contract contract, ContractNames names) =>
        names.Plans.GetValueOrDefault(contract.PlanId, $"plan {contract.PlanId.ToString(CultureInfo.InvariantCulture)}");

    private static string Products(Contract contract, ContractNames names) =>
        EntitlementWording.List([.. contract.ProductIds.Select(id => names.Products.GetValueOrDefault(id, $"product {id.ToString(CultureInfo.InvariantCulture)}"))]);

    private static string Term(Contract contract) =>
        $"{ContractStates.Describe(contract.StartsOn)} to {ContractStates.Describe(contract.EndsOn)} ({contract.TimeZone})";

    private static string SupportZone(Contract contract) =>
        string.IsNullOrWhiteSpace(contract.SupportTimeZone) ? "the plan's time zone" : contract.SupportTimeZone;

    private static string Calendar(Contract contract, ContractNames names) => contract.HolidayCalendarId is int id
        ? names.Calendars.GetValueOrDefault(id, $"calendar {id.ToString(CultureInfo.InvariantCulture)}")
        : "the plan's holidays";
}
