namespace HelpDesk.Core.Contracts;

/// <summary>How a contract stands on a day, read with the contract's own time zone: its dates are the customer's dates.</summary>
public static class ContractStates
{
    /// <summary>
    /// Cancelled when cancelled; Upcoming before its first day; Active from its first to its last day; after that
    /// Renewed when a contract that is not cancelled renews it, otherwise Expired.
    /// </summary>
    public static ContractState On(Contract contract, DateTime nowUtc, IEnumerable<Contract> all)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(all);
        return ContractTerms.StateOn(contract, nowUtc, RenewalOf(contract, all) is not null);
    }

    /// <summary>The active contract that renews <paramref name="contract"/> (a cancelled or pending one does not yet); null when none does.</summary>
    public static Contract? RenewalOf(Contract contract, IEnumerable<Contract> all)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(all);
        return all.FirstOrDefault(c => c.RenewsContractId == contract.Id && c.Status == ContractStatus.Active);
    }

    /// <summary>
    /// The incidents a contract's term allows: the plan's allowance plus the incidents bought in packs; null when the
    /// plan's incidents are unlimited.
    /// </summary>
    public static int? Allowance(Contract contract, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(plan);
        return plan.IncidentAllowance is int allowance ? allowance + contract.IncidentsBought : null;
    }

    /// <summary>Whether two terms share at least one day (both ends included).</summary>
    public static bool Overlap(Contract a, Contract b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.StartsOn <= b.EndsOn && b.StartsOn <= a.EndsOn;
    }

    /// <summary>A contract date as messages and pages write it: 1 Mar 2026.</summary>
    public static string Describe(DateOnly day) => Scope.EntitlementWording.Date(day);

    /// <summary>The state as pages write it.</summary>
    public static string Describe(ContractState state) => state.ToString().ToLowerInvariant();
}
