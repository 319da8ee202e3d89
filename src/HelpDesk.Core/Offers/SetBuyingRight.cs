using HelpDesk.Core.Common;

namespace HelpDesk.Core.Offers;

/// <param name="ActorIsManager">Whether the person acting has the Manager role.</param>
public sealed record SetBuyingRightRequest(int ActorId, bool ActorIsManager, int UserId, bool CanBuy);

/// <summary>
/// Gives a customer the right to buy services for their organisation, or takes it away. A manager may do it for
/// anyone; a customer only as their organisation's admin contact, for the organisation's own accounts.
/// </summary>
public sealed class SetBuyingRight(IBuyingRights rights)
{
    public async Task<Result<Buyer>> HandleAsync(SetBuyingRightRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buyer = await rights.FindAsync(request.UserId, cancellationToken);
        if (buyer?.OrganisationId is not int organisationId)
        {
            return Result<Buyer>.NotFound("There is no such customer account.");
        }

        if (!request.ActorIsManager)
        {
            var actor = await rights.FindAsync(request.ActorId, cancellationToken);
            if (actor?.OrganisationId != organisationId)
            {
                return Result<Buyer>.NotFound("There is no such customer account.");
            }

            if (await rights.GetAdminContactAsync(organisationId, cancellationToken) != request.ActorId)
            {
                return Result<Buyer>.Invalid("", "Only your organisation's admin contact or a manager can give or take the right to buy services.");
            }
        }

        await rights.SetCanBuyAsync(buyer.Id, request.CanBuy, cancellationToken);
        return Result<Buyer>.Ok(buyer with { CanBuyServices = request.CanBuy });
    }
}
