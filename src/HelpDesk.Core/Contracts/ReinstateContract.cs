using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Contracts;

/// <summary>
/// Undoes a cancellation: the contract entitles again as before. Refused when it would now duplicate another
/// contract (an active one covering the same products on the same days, or another renewal of the contract it
/// renews). The contract's audit trail says who reinstated it.
/// </summary>
public sealed class ReinstateContract(IContractStore contracts, IOrganisationStore organisations, IScopeStore catalogue, TimeProvider clock)
{
    public async Task<Result<Contract>> HandleAsync(int contractId, int version, int actorId, CancellationToken cancellationToken = default)
    {
        var contract = await contracts.GetContractAsync(contractId, cancellationToken);
        if (contract is null)
        {
            return Result<Contract>.NotFound($"There is no contract {Contract.FormatNumber(contractId)}.");
        }

        if (contract.Status != ContractStatus.Cancelled)
        {
            return Result<Contract>.Invalid("", $"{contract.Number} is not cancelled.");
        }

        if (contract.Version != version)
        {
            return Stale(contract);
        }

        var organisation = await organisations.GetAsync(contract.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return Result<Contract>.Invalid("", $"The organisation of {contract.Number} no longer exists, so it cannot be reinstated.");
        }

        var active = contract with { Status = ContractStatus.Active };
        var theirs = await contracts.ListContractsAsync(organisation.Id, cancellationToken);
        var errors = new List<FieldError>();
        var renewed = contract.RenewsContractId is int renews ? await contracts.GetContractAsync(renews, cancellationToken) : null;
        SaveContract.CheckRenewal(active, organisation, renewed, theirs, errors);
        SaveContract.CheckOverlap(active, organisation, theirs, await catalogue.ListProductsAsync(cancellationToken), errors);
        if (errors.Count > 0)
        {
            return Result<Contract>.Invalid("", $"{contract.Number} cannot be reinstated: {string.Join(" ", errors.Select(e => e.Message))}");
        }

        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Contract,
            SubjectId = contract.Id,
            ActorId = actorId,
            Action = "reinstated",
            Detail = $"{contract.Number} entitles {organisation.Name} to support again.",
            AtUtc = clock.UtcNow(),
        };
        var saved = await contracts.SetStatusAsync(contract.Id, version, ContractStatus.Active, audit, cancellationToken);
        return saved is null ? Stale(contract) : Result<Contract>.Ok(saved);
    }

    private static Result<Contract> Stale(Contract contract) =>
        Result<Contract>.Conflict($"Someone else changed {contract.Number} since you opened it; reload and reinstate it again if you still mean to.");
}
