using HelpDesk.Core.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Manage.Pages.Contracts;

/// <summary>
/// A contract's incidents: how many its tickets use against what the term allows (the plan's allowance and the
/// incidents bought), how many are left, and every ticket that took one, with those given back and why. Read the
/// same way for the manage page and the API.
/// </summary>
public sealed record ContractUsage(Contract Contract, Plan? Plan, int Used, IReadOnlyList<IncidentUse> Incidents)
{
    /// <summary>Null when the plan's incidents are unlimited.</summary>
    public int? Allowed => Plan is null ? null : ContractStates.Allowance(Contract, Plan);

    /// <summary>Null when the plan's incidents are unlimited.</summary>
    public int? Left => Allowed is int allowed ? Math.Max(0, allowed - Used) : null;

    public static async Task<ContractUsage> ReadAsync(IContractStore contracts, Contract contract, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(contract);
        var plan = await contracts.GetPlanAsync(contract.PlanId, cancellationToken);
        var used = await contracts.CountIncidentsAsync(contract.Id, cancellationToken);
        var incidents = await contracts.ListIncidentsAsync(contract.Id, cancellationToken);
        return new ContractUsage(contract, plan, used, incidents);
    }
}

/// <summary>Renders a contract's incident usage on its manage page.</summary>
public sealed class ContractUsageViewComponent(IContractStore contracts) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Contract contract) =>
        View(await ContractUsage.ReadAsync(contracts, contract, HttpContext.RequestAborted));
}
