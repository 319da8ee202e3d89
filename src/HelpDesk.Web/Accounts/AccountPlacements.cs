using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;

namespace HelpDesk.Web.Accounts;

/// <summary>A customer's account and the organisation it is (to be) placed in.</summary>
public sealed record Placement(HelpDeskUser Account, Organisation Organisation);

/// <summary>
/// Placing a customer's account that belongs to no organisation yet into one, for the manager's confirmation page and
/// the API alike. Only a customer account awaiting placement can be placed, and a placed account stays placed.
/// </summary>
public sealed class AccountPlacements(HelpDeskUserManager users, IOrganisationStore organisations)
{
    /// <summary>Both, when the account is a customer's that still awaits placement; otherwise why not.</summary>
    public async Task<Result<Placement>> FindAsync(int userId, int organisationId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture));
        var organisation = await organisations.GetAsync(organisationId, cancellationToken);
        if (user is null || organisation is null || !await users.IsInRoleAsync(user, Roles.Customer))
        {
            return Result<Placement>.NotFound("That account or organisation no longer exists.");
        }

        return user.OrganisationId is null
            ? Result<Placement>.Ok(new Placement(user, organisation))
            : Result<Placement>.Conflict($"{user.Email} was already placed by someone else; nothing changed.");
    }

    /// <summary>Makes the account a member of the organisation, unless it changed since it was read.</summary>
    public async Task<Result<Placement>> PlaceAsync(int userId, int organisationId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(userId, organisationId, cancellationToken);
        if (!found.Succeeded)
        {
            return found;
        }

        var (account, organisation) = found.Value!;
        account.OrganisationId = organisation.Id;
        var saved = await users.UpdateAsync(account);
        return saved.Succeeded
            ? found
            : Result<Placement>.Conflict($"{account.Email} changed while you were looking; nothing was saved. Check the list and try again.");
    }
}
