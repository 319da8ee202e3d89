using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Areas.Manage.Pages.Contracts;

/// <summary>Reads contracts with everything a list of them shows. Shared by the contracts list and the organisation page.</summary>
public sealed class ContractRows(IContractStore contracts, IOrganisationStore organisations, IScopeStore scope, TimeProvider clock)
{
    public async Task<IReadOnlyList<ContractRow>> ListAsync(int? organisationId, CancellationToken cancellationToken)
    {
        var all = await contracts.ListContractsAsync(organisationId, cancellationToken);
        var plans = (await contracts.ListPlansAsync(cancellationToken)).ToDictionary(p => p.Id);
        var names = (await organisations.ListAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        var products = (await scope.ListProductsAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Name);
        var now = clock.UtcNow();

        var rows = new List<ContractRow>(all.Count);
        foreach (var contract in all)
        {
            rows.Add(new ContractRow(
                contract,
                names.GetValueOrDefault(contract.OrganisationId, "(removed)"),
                plans.GetValueOrDefault(contract.PlanId),
                [.. contract.ProductIds.Select(id => products.GetValueOrDefault(id, "(removed)"))],
                ContractStates.On(contract, now, all),
                contract.RenewsContractId is int renewsId ? all.FirstOrDefault(c => c.Id == renewsId) : null,
                ContractStates.RenewalOf(contract, all),
                await contracts.CountIncidentsAsync(contract.Id, cancellationToken)));
        }

        return rows;
    }
}
