using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// Identity's user manager plus the rules of this help desk that hang on it: a customer whose email is confirmed joins
/// the organisation that owns the email's domain (both the portal page and the API's confirmEmail endpoint confirm
/// through here), and a role taken away ends the account's sessions, so that no cookie or token keeps it.
/// </summary>
public sealed class HelpDeskUserManager(
    IUserStore<HelpDeskUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<HelpDeskUser> passwordHasher,
    IEnumerable<IUserValidator<HelpDeskUser>> userValidators,
    IEnumerable<IPasswordValidator<HelpDeskUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<HelpDeskUser>> logger,
    IOrganisationStore organisations)
    : UserManager<HelpDeskUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>
    /// Ends every session of the account at once: its sign-in cookies, bearer tokens and refresh tokens all carry the
    /// security stamp this replaces (see <see cref="SessionChecks"/>).
    /// </summary>
    public Task<IdentityResult> EndSessionsAsync(HelpDeskUser user) => UpdateSecurityStampAsync(user);

    // Only a role taken away ends the sessions: one given leaves old sessions with less than the account may do, and
    // the links already mailed (confirmation, reset) carry the stamp and keep working.
    public override async Task<IdentityResult> RemoveFromRoleAsync(HelpDeskUser user, string role) =>
        await EndSessionsIfDoneAsync(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(HelpDeskUser user, IEnumerable<string> roles)
    {
        var list = roles.ToList();
        var result = await base.RemoveFromRolesAsync(user, list);
        return list.Count == 0 ? result : await EndSessionsIfDoneAsync(user, result);
    }

    public override async Task<IdentityResult> ConfirmEmailAsync(HelpDeskUser user, string token)
    {
        var result = await base.ConfirmEmailAsync(user, token);
        if (!result.Succeeded)
        {
            return result;
        }

        return await PlaceByEmailDomainAsync(user);
    }

    /// <summary>Puts a confirmed customer without an organisation into the one that owns their email domain, if any.</summary>
    public async Task<IdentityResult> PlaceByEmailDomainAsync(HelpDeskUser user)
    {
        if (user.OrganisationId is not null || !user.EmailConfirmed || !await IsInRoleAsync(user, Roles.Customer))
        {
            return IdentityResult.Success;
        }

        var domain = OrganisationPlacement.EmailDomain(user.Email);
        var owner = domain is null ? null : await organisations.FindByEmailDomainAsync(domain, CancellationToken);
        if (owner is null)
        {
            return IdentityResult.Success;
        }

        user.OrganisationId = owner.Id;
        return await UpdateAsync(user);
    }

    private async Task<IdentityResult> EndSessionsIfDoneAsync(HelpDeskUser user, IdentityResult result) =>
        result.Succeeded ? await EndSessionsAsync(user) : result;
}
