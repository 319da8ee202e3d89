using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// Identity's user manager plus the one rule of this help desk that hangs on it: a customer whose email is
/// confirmed joins the organisation that owns the email's domain. Both the portal page and the API's
/// confirmEmail endpoint confirm through here.
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
}
