using HelpDesk.Core.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Manage.Pages.Contracts;

/// <summary>
/// A contract's incidents: how many its tickets use against the plan's allowance, how many are left, and every
/// ticket that took one, with those given back and why.
/// </summary>
public sealed record ContractUsage(Contract Contract, Plan? Plan, int Used, IReadOnlyList<IncidentUse> Incidents)
{
    /// <summary>Null when the plan's incidents are unlimited.</summary>
    public int? Left => Plan?.IncidentAllowance is int allowance ? Math.Max(0, allowance - Used) : null;
}

/// <summary>Renders a contract's incident usage on its manage page.</summary>
public sealed class ContractUsageViewComponent(IContractStore contracts) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var cancellationToken = HttpContext.RequestAborted;
        var plan = await contracts.GetPlanAsync(contract.PlanId, cancellationToken);
        var used = await contracts.CountIncidentsAsync(contract.Id, cancellationToken);
        var incidents = await contracts.ListIncidentsAsync(contract.Id, cancellationToken);
        return View(new ContractUsage(contract, plan, used, incidents));
    }
}
