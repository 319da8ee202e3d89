using System.Security.Claims;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Accounts;

namespace HelpDesk.Web.Tickets;

/// <summary>
/// Who the signed-in user is to the ticket use cases. A customer is always bound to their organisation, read
/// from the database rather than the cookie, so a placement made after sign-in takes effect at once.
/// </summary>
public sealed class CurrentActor(HelpDeskUserManager users)
{
    /// <summary>Null for someone who may not act on tickets: anonymous, or a customer not yet placed in an organisation.</summary>
    public async Task<TicketActor?> ResolveAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return null;
        }

        if (principal.IsInRole(Roles.Engineer) || principal.IsInRole(Roles.Manager))
        {
            return TicketActor.Staff(user.Id);
        }

        return principal.IsInRole(Roles.Customer) && user.OrganisationId is int organisationId
            ? TicketActor.Customer(user.Id, organisationId)
            : null;
    }
}
