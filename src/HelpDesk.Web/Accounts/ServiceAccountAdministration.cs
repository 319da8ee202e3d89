using System.Security.Cryptography;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// An administrator makes a service account: an account with one role (and, for a customer, an organisation) that
/// has no password and can act only through the API tokens made for it. It is disabled as any account is deactivated
/// (<see cref="AccountAdministration.DeactivateAsync"/>), which stops its tokens at their next use.
/// </summary>
public sealed class ServiceAccountAdministration(
    HelpDeskUserManager users,
    IServiceAccountStore serviceAccounts,
    IOrganisationStore organisations,
    TimeProvider clock)
{
    public async Task<Result<HelpDeskUser>> CreateAsync(int actorId, string? name, string? role, int? organisationId, CancellationToken cancellationToken)
    {
        var organisation = role == Roles.Customer && organisationId is int id ? await organisations.GetAsync(id, cancellationToken) : null;
        var errors = ServiceAccountRules.CheckNew(name, role, organisation is not null);
        if (errors.Count > 0)
        {
            return Result<HelpDeskUser>.Invalid(errors);
        }

        var now = clock.UtcNow();
        var email = ServiceAccountRules.EmailFor(name!, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));
        var user = new HelpDeskUser
        {
            UserName = email,
            Email = email,
            DisplayName = PlainText.Clean(name).Trim(),
            OrganisationId = organisation?.Id,
            CreatedUtc = now,
        };

        // No password: no one signs in as a service account; it acts only through its tokens.
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return Result<HelpDeskUser>.Invalid("name", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var granted = await users.AddToRoleAsync(user, role!);
        if (!granted.Succeeded)
        {
            return Result<HelpDeskUser>.Invalid("role", string.Join(" ", granted.Errors.Select(e => e.Description)));
        }

        var detail = organisation is null ? $"as {role}" : $"as a customer of {organisation.Name}";
        await serviceAccounts.MarkAsync(user.Id, actorId, now, new ManageAuditEntry
        {
            Subject = AuditSubjects.Account,
            SubjectId = user.Id,
            ActorId = actorId,
            Action = "service account created",
            Detail = detail,
            AtUtc = now,
        }, cancellationToken);
        return Result<HelpDeskUser>.Ok(user);
    }
}
