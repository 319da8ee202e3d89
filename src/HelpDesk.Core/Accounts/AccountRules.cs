using HelpDesk.Core.Common;

namespace HelpDesk.Core.Accounts;

/// <summary>
/// What an administrator may do to an account. The help desk must always keep one active administrator, and no one
/// locks themself out: each refusal says why, in words for the page.
/// </summary>
public static class AccountRules
{
    public static AccountState StateOf(DateTime? deactivatedUtc, bool emailConfirmed) =>
        deactivatedUtc is not null ? AccountState.Deactivated
        : emailConfirmed ? AccountState.Active
        : AccountState.Pending;

    /// <param name="activeAdmins">Active accounts holding the Admin role, the target included.</param>
    public static IReadOnlyList<FieldError> CheckDeactivation(int actorId, AccountTarget target, int activeAdmins)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.DeactivatedUtc is not null)
        {
            return [new FieldError("", $"{target.Email} is already deactivated.")];
        }

        if (target.Id == actorId)
        {
            return [new FieldError("", "You cannot deactivate your own account; ask another administrator.")];
        }

        return target.Roles.Contains(Roles.Admin) && activeAdmins <= 1
            ? [new FieldError("", LastAdmin(target.Email))]
            : [];
    }

    /// <param name="wanted">The roles the account is to hold; names that are no role are already left out.</param>
    public static IReadOnlyList<FieldError> CheckRoleChange(int actorId, AccountTarget target, IReadOnlySet<string> wanted, int activeAdmins)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(wanted);
        if (!target.Roles.Contains(Roles.Admin) || wanted.Contains(Roles.Admin))
        {
            return [];
        }

        if (target.Id == actorId)
        {
            return [new FieldError("roles", "You cannot take the Admin role from yourself; ask another administrator.")];
        }

        return target.DeactivatedUtc is null && activeAdmins <= 1 ? [new FieldError("roles", LastAdmin(target.Email))] : [];
    }

    public static IReadOnlyList<FieldError> CheckResetMail(AccountTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.DeactivatedUtc is null ? [] : [new FieldError("", $"{target.Email} is deactivated: reactivate the account before sending a reset.")];
    }

    /// <param name="organisationExists">Whether <see cref="Invitation.OrganisationId"/> names an organisation.</param>
    public static IReadOnlyList<FieldError> CheckInvitation(Invitation invitation, bool organisationExists)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var errors = new List<FieldError>();
        var email = invitation.Email.Trim();
        if (email.Length == 0 || email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@'))
        {
            errors.Add(new FieldError("email", "Enter an email address such as name@example.com."));
        }

        if (string.IsNullOrWhiteSpace(invitation.Name))
        {
            errors.Add(new FieldError("name", "Enter the person's name."));
        }

        if (invitation.IsCustomer && !organisationExists)
        {
            errors.Add(new FieldError("organisationId", "Choose the organisation the contact belongs to."));
        }

        if (!invitation.IsCustomer && invitation.GrantedRoles.Count == 0)
        {
            errors.Add(new FieldError("roles", "Choose at least one staff role: Engineer, Manager or Admin."));
        }

        return errors;
    }

    /// <summary>An audit line's words for a change of roles, such as "Engineer → Engineer, Manager".</summary>
    public static string RoleChange(IEnumerable<string> from, IEnumerable<string> to) => $"{RoleList(from)} → {RoleList(to)}";

    public static string RoleList(IEnumerable<string> roles)
    {
        var list = roles.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "no roles" : string.Join(", ", list);
    }

    /// <summary>Why a change was refused that would leave the help desk without an active administrator.</summary>
    public static string LastAdmin(string email) =>
        $"{email} is the last active administrator; give another account the Admin role first, so someone can still run the help desk.";
}

/// <summary>The account an administrator acts on, as the rules need it.</summary>
public sealed record AccountTarget(int Id, string Email, IReadOnlySet<string> Roles, DateTime? DeactivatedUtc);

/// <summary>A person an administrator adds: staff with the roles chosen, or a customer contact of an organisation.</summary>
public sealed record Invitation(string Email, string Name, bool IsCustomer, IReadOnlyList<string> Roles, int? OrganisationId)
{
    /// <summary>The roles the account gets: Customer for a contact; for staff, the chosen ones that are staff roles.</summary>
    public IReadOnlyList<string> GrantedRoles => IsCustomer
        ? [Accounts.Roles.Customer]
        : [.. Accounts.Roles.All.Where(r => r != Accounts.Roles.Customer && Roles.Contains(r, StringComparer.OrdinalIgnoreCase))];
}
