using HelpDesk.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpDesk.Data.Accounts;

public static class IdentityBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="DapperUserStore"/> and <see cref="DapperRoleStore"/> as Identity's stores, and as
    /// themselves for the pages that need the user store's own queries, with the <see cref="AccountCache"/> the account
    /// stores share. Needs an <c>IDbConnectionFactory</c>.
    /// </summary>
    public static IdentityBuilder AddDapperStores(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<AccountCache>();
        builder.Services.TryAddScoped<DapperUserStore>();
        builder.Services.TryAddScoped<IUserStore<HelpDeskUser>>(services => services.GetRequiredService<DapperUserStore>());
        builder.Services.TryAddScoped<DapperRoleStore>();
        builder.Services.TryAddScoped<IRoleStore<HelpDeskRole>>(services => services.GetRequiredService<DapperRoleStore>());
        return builder;
    }
}
