using HelpDesk.Core.Common;

namespace HelpDesk.Core.Contracts;

/// <summary>Cancels a contract: from then on it entitles nothing, as if it had never been signed. Its history stays.</summary>
public sealed class CancelContract(IContractStore contracts)
{
    public async Task<Result<Contract>> HandleAsync(int contractId, int version, CancellationToken cancellationToken = default)
    {
        var contract = await contracts.GetContractAsync(contractId, cancellationToken);
        if (contract is null)
        {
            return Result<Contract>.NotFound($"There is no contract {Contract.FormatNumber(contractId)}.");
        }

        if (contract.Status == ContractStatus.Cancelled)
        {
            return Result<Contract>.Invalid("", $"{contract.Number} is already cancelled.");
        }

        var saved = await contracts.SaveContractAsync(contract with { Status = ContractStatus.Cancelled, Version = version }, cancellationToken);
        return saved is null
            ? Result<Contract>.Conflict($"Someone else changed {contract.Number} since you opened it; reload and cancel it again if you still mean to.")
            : Result<Contract>.Ok(saved);
    }
}
