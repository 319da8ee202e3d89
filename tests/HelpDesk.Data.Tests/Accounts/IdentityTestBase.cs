using HelpDesk.Core.Accounts;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Data.Tests.Accounts;

/// <summary>
/// A test database plus Identity wired the way the web app wires it: UserManager and RoleManager over the Dapper
/// stores, the default token providers, and Identity's own validators and hashers.
/// </summary>
public abstract class IdentityTestBase : ProviderTestBase
{
    public const string Password = "Correct-Horse-9";

    private ServiceProvider? _services;
    private IServiceScope? _scope;

    protected IServiceProvider Services
    {
        get
        {
            if (_scope is null)
            {
                var services = new ServiceCollection();
                services.AddLogging();
                services.AddDataProtection().UseEphemeralDataProtectionProvider();
                services.AddSingleton<IDbConnectionFactory>(Connections);
                services.AddIdentityCore<HelpDeskUser>(options => options.User.RequireUniqueEmail = true)
                    .AddRoles<HelpDeskRole>()
                    .AddDapperStores()
                    .AddDefaultTokenProviders();
                _services = services.BuildServiceProvider(validateScopes: true);
                _scope = _services.CreateScope();
            }

            return _scope.ServiceProvider;
        }
    }

    protected UserManager<HelpDeskUser> Users => Services.GetRequiredService<UserManager<HelpDeskUser>>();

    protected RoleManager<HelpDeskRole> RoleManager => Services.GetRequiredService<RoleManager<HelpDeskRole>>();

    protected DapperUserStore UserStore => Services.GetRequiredService<DapperUserStore>();

    protected DapperRoleStore RoleStore => Services.GetRequiredService<DapperRoleStore>();

    protected async Task<HelpDeskUser> CreateUserAsync(string email, string? password = Password)
    {
        var user = new HelpDeskUser { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
        var result = password is null ? await Users.CreateAsync(user) : await Users.CreateAsync(user, password);
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors.Select(e => e.Code)));
        return user;
    }

    protected async Task<HelpDeskUser> ReloadAsync(HelpDeskUser user) =>
        (await UserStore.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None))!;

    protected async Task<HelpDeskRole> CreateRoleAsync(string name)
    {
        var role = new HelpDeskRole { Name = name };
        (await RoleManager.CreateAsync(role)).Succeeded.Should().BeTrue();
        return role;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _scope?.Dispose();
            _services?.Dispose();
        }

        base.Dispose(disposing);
    }
}
