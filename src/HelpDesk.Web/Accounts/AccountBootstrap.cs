using HelpDesk.Core.Accounts;
using HelpDesk.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// Makes sure the four roles exist, and on a new installation creates the first administrator from
/// <c>Admin:Email</c> and <c>Admin:Password</c> (environment or user secrets, never the repository).
/// </summary>
public sealed partial class AccountBootstrap(
    RoleManager<HelpDeskRole> roles,
    HelpDeskUserManager users,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<AccountBootstrap> logger)
{
    public async Task EnsureRolesAndAdminAsync()
    {
        foreach (var name in Roles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                Check(await roles.CreateAsync(new HelpDeskRole { Name = name }), $"create role {name}");
            }
        }

        var email = configuration["Admin:Email"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)
            || (await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var admin = new HelpDeskUser
        {
            UserName = email,
            Email = email,
            DisplayName = "Administrator",
            EmailConfirmed = true,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        Check(await users.CreateAsync(admin, password), "create the first administrator from Admin:Email");
        Check(await users.AddToRoleAsync(admin, Roles.Admin), "give the first administrator the Admin role");
        LogAdminCreated(logger, email);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new StartupConfigurationException($"could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Created the first administrator {Email}")]
    private static partial void LogAdminCreated(ILogger logger, string email);
}
