using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Organisations;

/// <summary>
/// What placing a customer's account in an organisation leads to, worded for the manager about to confirm it: whose
/// tickets the customer will see, which contracts their requests are judged under, and whether the address belongs
/// to one of the organisation's domains.
/// </summary>
public static class AccountPlacement
{
    public static IReadOnlyList<string> Consequences(string email, Organisation organisation, IReadOnlyList<Contract> contracts, IReadOnlyDictionary<int, string> planNames, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(planNames);
        var lines = new List<string>
        {
            $"{email} will see every ticket of {organisation.Name}, including those filed by other people there, and can file tickets for it.",
        };

        var current = contracts
            .Where(c => ContractStates.On(c, nowUtc, contracts) is ContractState.Active or ContractState.Upcoming)
            .OrderBy(c => c.StartsOn)
            .Select(c => $"{c.Number} ({planNames.GetValueOrDefault(c.PlanId, "a")} plan, to {ContractStates.Describe(c.EndsOn)})")
            .ToList();
        lines.Add(current.Count == 0
            ? $"{organisation.Name} has no current contract: their requests will be judged as having none."
            : $"Their requests are judged under {organisation.Name}'s {(current.Count == 1 ? "contract" : "contracts")} {EntitlementWording.List(current)}.");

        var domain = OrganisationPlacement.EmailDomain(email);
        if (domain is not null && organisation.EmailDomains.Count > 0 && !organisation.EmailDomains.Contains(domain, StringComparer.OrdinalIgnoreCase))
        {
            lines.Add($"Check it is the right organisation: {domain} is not one of {organisation.Name}'s domains ({string.Join(", ", organisation.EmailDomains)}).");
        }

        lines.Add("A placed account stays in its organisation: there is no undoing this from the manage pages.");
        return lines;
    }
}
