using HelpDesk.Core.Common;

namespace HelpDesk.Core.Offers;

/// <summary>A manager names (or clears) the organisation's admin contact, the customer who grants the right to buy.</summary>
public sealed class SetAdminContact(IBuyingRights rights)
{
    public async Task<Result<int?>> HandleAsync(int organisationId, int? userId, CancellationToken cancellationToken = default)
    {
        return await rights.SetAdminContactAsync(organisationId, userId, cancellationToken)
            ? Result<int?>.Ok(userId)
            : Result<int?>.Invalid("adminContactId", "Choose one of the organisation's own customer accounts.");
    }
}
