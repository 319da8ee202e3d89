using HelpDesk.Core.Common;

namespace HelpDesk.Core.Contracts;

/// <summary>
/// The form for a contract's renewal, filled in from the contract it renews (see <see cref="ContractRenewal"/>).
/// Nothing is saved until the manager submits it through <see cref="SaveContract"/>.
/// </summary>
public sealed class RenewContract(IContractStore contracts)
{
    public async Task<Result<SaveContractRequest>> HandleAsync(int contractId, CancellationToken cancellationToken = default)
    {
        var old = await contracts.GetContractAsync(contractId, cancellationToken);
        if (old is null)
        {
            return Result<SaveContractRequest>.NotFound($"There is no contract {Contract.FormatNumber(contractId)}.");
        }

        if (old.Status == ContractStatus.Cancelled)
        {
            return Result<SaveContractRequest>.Invalid("renewsContractId", $"{old.Number} is cancelled; create a new contract instead of renewing it.");
        }

        if (old.Status == ContractStatus.Pending)
        {
            return Result<SaveContractRequest>.Invalid("renewsContractId", $"{old.Number} is pending; activate it before renewing it.");
        }

        var renewal = ContractRenewal.Prefill(old);
        return Result<SaveContractRequest>.Ok(new SaveContractRequest
        {
            OrganisationId = renewal.OrganisationId,
            PlanId = renewal.PlanId,
            ProductIds = renewal.ProductIds,
            StartsOn = renewal.StartsOn,
            EndsOn = renewal.EndsOn,
            Value = Money.ForInput(renewal.ValueCents),
            TimeZone = renewal.TimeZone,
            SupportTimeZone = renewal.SupportTimeZone,
            HolidayCalendarId = renewal.HolidayCalendarId,
            RenewsContractId = renewal.RenewsContractId,
        });
    }
}
