using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Contracts;

/// <summary>
/// A manager activates a pending contract (one bought through a plan offer): from then on it entitles. It is checked
/// as saving a contract checks it: it may not cover a product another active contract of the organisation covers on
/// the same day, and a renewal must start after the contract it renews.
/// </summary>
public sealed class ActivateContract(IContractStore contracts, IOrganisationStore organisations, IScopeStore scope)
{
    public async Task<Result<Contract>> HandleAsync(int contractId, int version, CancellationToken cancellationToken = default)
    {
        var contract = await contracts.GetContractAsync(contractId, cancellationToken);
        if (contract is null)
        {
            return Result<Contract>.NotFound($"There is no contract {Contract.FormatNumber(contractId)}.");
        }

        if (contract.Status != ContractStatus.Pending)
        {
            return Result<Contract>.Invalid("", $"{contract.Number} is {contract.Status.ToString().ToLowerInvariant()}, not pending; there is nothing to activate.");
        }

        var organisation = await organisations.GetAsync(contract.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return Result<Contract>.NotFound($"The organisation of {contract.Number} no longer exists.");
        }

        var active = contract with { Status = ContractStatus.Active, Version = version };
        var theirs = await contracts.ListContractsAsync(organisation.Id, cancellationToken);
        var renewed = active.RenewsContractId is int renewsId ? await contracts.GetContractAsync(renewsId, cancellationToken) : null;
        var errors = new List<FieldError>();
        SaveContract.CheckRenewal(active, organisation, renewed, theirs, errors);
        SaveContract.CheckOverlap(active, organisation, theirs, await scope.ListProductsAsync(cancellationToken), errors);
        if (errors.Count > 0)
        {
            // Said as one message: the list page shows it in place of the activation it refused.
            return Result<Contract>.Invalid("", $"{contract.Number} cannot be activated: {string.Join(" ", errors.Select(e => e.Message))} Change its term or the other contract first.");
        }

        var saved = await contracts.SaveContractAsync(active, cancellationToken);
        return saved is null
            ? Result<Contract>.Conflict($"Someone else changed {contract.Number} since you opened it; reload and activate it again if you still mean to.")
            : Result<Contract>.Ok(saved);
    }
}
