using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;

namespace HelpDesk.Web.Accounts;

/// <summary>A customer's account and the organisation it is (to be) placed in.</summary>
public sealed record Placement(HelpDeskUser Account, Organisation Organisation);

/// <summary>
/// Placing a customer's account that belongs to no organisation yet into one, for the manager's confirmation page and
/// the API alike. Only a customer account awaiting placement can be placed, and a placed account stays placed.
/// </summary>
public sealed class AccountPlacements(HelpDeskUserManager users, IOrganisationStore organisations, IAccountStore accounts, TimeProvider clock)
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

    /// <summary>Makes the account a member of the organisation, unless it changed since it was read; the account's audit trail names <paramref name="actorId"/>.</summary>
    public async Task<Result<Placement>> PlaceAsync(int userId, int organisationId, int actorId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(userId, organisationId, cancellationToken);
        if (!found.Succeeded)
        {
            return found;
        }

        var (account, organisation) = found.Value!;
        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Account,
            SubjectId = userId,
            ActorId = actorId,
            Action = "placed",
            Detail = $"Placed {account.Email} in {organisation.Name}.",
            AtUtc = clock.UtcNow(),
        };
        var write = await accounts.PlaceAsync(userId, account.ConcurrencyStamp ?? "", organisation.Id, audit, cancellationToken);
        account.OrganisationId = organisation.Id;
        return write == AccountWrite.Done
            ? found
            : Result<Placement>.Conflict($"{account.Email} changed while you were looking; nothing was saved. Check the list and try again.");
    }
}
