using System.Globalization;
using System.Security.Claims;
using HelpDesk.Web.Accounts;

namespace HelpDesk.Web.Manage;

/// <summary>The signed-in manager's user id, which the manage pages record in the audit trail beside what they change.</summary>
public static class SignedInManager
{
    public static int IdOf(this HelpDeskUserManager users, ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(users);
        return int.Parse(users.GetUserId(principal) ?? throw new InvalidOperationException("A manage page ran without a signed-in user."), CultureInfo.InvariantCulture);
    }
}
