using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// What an administrator does to accounts: invite, change roles, deactivate, reactivate, send a password reset. Each
/// change carries the concurrency stamp the administrator's page read, so it never overwrites a change made meanwhile;
/// each leaves a line in the account's audit trail; and a role taken away or a deactivation ends the account's
/// sessions at once.
/// </summary>
public sealed class AccountAdministration(
    HelpDeskUserManager users,
    IAccountStore accounts,
    IOrganisationStore organisations,
    PasswordLinks links,
    AccountMailer mailer,
    SetEngineerAvailability availability,
    TimeProvider clock)
{
    private const string Stale = "Someone else changed this account since you opened the page. Look at it again and repeat the change if it is still needed.";

    public async Task<Result<HelpDeskUser>> InviteAsync(int actorId, Invitation invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var organisation = invitation.IsCustomer && invitation.OrganisationId is int organisationId
            ? await organisations.GetAsync(organisationId, cancellationToken)
            : null;
        var errors = AccountRules.CheckInvitation(invitation, organisation is not null);
        if (errors.Count > 0)
        {
            return Result<HelpDeskUser>.Invalid(errors);
        }

        var email = invitation.Email.Trim();
        var user = new HelpDeskUser
        {
            UserName = email,
            Email = email,
            DisplayName = PlainText.Clean(invitation.Name),
            OrganisationId = organisation?.Id,
            CreatedUtc = clock.UtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (CustomerRegistration.IsTaken(created))
        {
            return Result<HelpDeskUser>.Invalid("email", $"{email} already has an account; find it in the list.");
        }

        if (!created.Succeeded)
        {
            return Result<HelpDeskUser>.Invalid("email", Describe(created));
        }

        var roles = invitation.GrantedRoles;
        var granted = await users.AddToRolesAsync(user, roles);
        if (!granted.Succeeded)
        {
            return Result<HelpDeskUser>.Invalid("roles", Describe(granted));
        }

        var detail = organisation is null ? $"as {AccountRules.RoleList(roles)}" : $"as a customer contact of {organisation.Name}";
        await accounts.RecordAsync(Line(actorId, user.Id, "invited", detail), cancellationToken);
        await mailer.SendInvitationAsync(user, await links.ResetLinkAsync(user));
        return Result<HelpDeskUser>.Ok(user);
    }

    /// <returns>The account's roles in words after the change.</returns>
    public async Task<Result<string>> ChangeRolesAsync(int actorId, int userId, string concurrencyStamp, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var (user, target, failure) = await LoadAsync<string>(userId, concurrencyStamp);
        if (failure is not null)
        {
            return failure;
        }

        var wanted = Roles.All.Where(r => roles.Contains(r, StringComparer.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var errors = AccountRules.CheckRoleChange(actorId, target!, wanted, await accounts.CountActiveAdminsAsync(cancellationToken));
        if (errors.Count > 0)
        {
            return Result<string>.Invalid(errors);
        }

        if (wanted.SetEquals(target!.Roles))
        {
            return Result<string>.Ok(AccountRules.RoleList(wanted));
        }

        var line = Line(actorId, userId, "roles changed", AccountRules.RoleChange(target.Roles, wanted));
        var write = await accounts.ChangeRolesAsync(userId, concurrencyStamp, wanted, line, cancellationToken);
        if (write != AccountWrite.Done)
        {
            return Refused<string>(write, user!.Email);
        }

        // A role given leaves old sessions with less than the account may do; one taken away must not outlive them.
        if (!target.Roles.IsSubsetOf(wanted))
        {
            await EndSessionsAsync(userId);
        }

        return Result<string>.Ok(AccountRules.RoleList(wanted));
    }

    public async Task<Result<HelpDeskUser>> DeactivateAsync(int actorId, int userId, string concurrencyStamp, CancellationToken cancellationToken)
    {
        var (user, target, failure) = await LoadAsync<HelpDeskUser>(userId, concurrencyStamp);
        if (failure is not null)
        {
            return failure;
        }

        var errors = AccountRules.CheckDeactivation(actorId, target!, await accounts.CountActiveAdminsAsync(cancellationToken));
        if (errors.Count > 0)
        {
            return Result<HelpDeskUser>.Invalid(errors);
        }

        var write = await accounts.SetDeactivatedAsync(userId, concurrencyStamp, clock.UtcNow(), Line(actorId, userId, "deactivated", "every session ended"), cancellationToken);
        if (write != AccountWrite.Done)
        {
            return Refused<HelpDeskUser>(write, user!.Email);
        }

        await EndSessionsAsync(userId);

        // A leaver who was an engineer is marked away, so the router gives them no more tickets. Reactivating leaves
        // that to a manager, who knows when they are back. An account without a routing profile has nothing to mark.
        await availability.HandleAsync(userId, available: false, actorId, cancellationToken);
        return Result<HelpDeskUser>.Ok(user!);
    }

    public async Task<Result<HelpDeskUser>> ReactivateAsync(int actorId, int userId, string concurrencyStamp, CancellationToken cancellationToken)
    {
        var (user, _, failure) = await LoadAsync<HelpDeskUser>(userId, concurrencyStamp);
        if (failure is not null)
        {
            return failure;
        }

        if (user!.DeactivatedUtc is null)
        {
            return Result<HelpDeskUser>.Invalid("", $"{user.Email} is active already.");
        }

        var write = await accounts.SetDeactivatedAsync(userId, concurrencyStamp, null, Line(actorId, userId, "reactivated", ""), cancellationToken);
        return write == AccountWrite.Done ? Result<HelpDeskUser>.Ok(user) : Refused<HelpDeskUser>(write, user.Email);
    }

    /// <summary>Mails the account the same reset link "forgot password" sends. Changes nothing, so it needs no stamp.</summary>
    public async Task<Result<HelpDeskUser>> SendResetAsync(int actorId, int userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return Result<HelpDeskUser>.NotFound("There is no such account.");
        }

        var errors = AccountRules.CheckResetMail(await TargetAsync(user));
        if (errors.Count > 0)
        {
            return Result<HelpDeskUser>.Invalid(errors);
        }

        await mailer.SendPasswordResetLinkAsync(user, user.Email, await links.ResetLinkAsync(user));
        await accounts.RecordAsync(Line(actorId, userId, "password reset sent", $"to {user.Email}"), cancellationToken);
        return Result<HelpDeskUser>.Ok(user);
    }

    private async Task<(HelpDeskUser? User, AccountTarget? Target, Result<T>? Failure)> LoadAsync<T>(int userId, string concurrencyStamp)
    {
        var user = await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return (null, null, Result<T>.NotFound("There is no such account."));
        }

        if (!string.Equals(user.ConcurrencyStamp, concurrencyStamp, StringComparison.Ordinal))
        {
            return (user, null, Result<T>.Conflict(Stale));
        }

        return (user, await TargetAsync(user), null);
    }

    private async Task<AccountTarget> TargetAsync(HelpDeskUser user) =>
        new(user.Id, user.Email, (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal), user.DeactivatedUtc);

    /// <summary>
    /// Ends the account's sessions with a new security stamp. The account was just written, so a copy read now is
    /// current; should another write slip in between, the stamp is written again from a fresh copy.
    /// </summary>
    private async Task EndSessionsAsync(int userId)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var user = await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture))
                ?? throw new InvalidOperationException($"Account {userId} vanished while its sessions were being ended.");
            var ended = await users.EndSessionsAsync(user);
            if (ended.Succeeded)
            {
                return;
            }

            if (attempt == attempts)
            {
                throw new InvalidOperationException($"The sessions of {user.Email} could not be ended: {Describe(ended)}");
            }
        }
    }

    private static Result<T> Refused<T>(AccountWrite write, string email) => write == AccountWrite.LastAdmin
        ? Result<T>.Invalid("", AccountRules.LastAdmin(email))
        : Result<T>.Conflict(Stale);

    private ManageAuditEntry Line(int actorId, int userId, string action, string detail) => new()
    {
        Subject = AuditSubjects.Account,
        SubjectId = userId,
        ActorId = actorId,
        Action = action,
        Detail = detail,
        AtUtc = clock.UtcNow(),
    };

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
