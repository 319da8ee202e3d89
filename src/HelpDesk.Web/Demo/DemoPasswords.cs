using HelpDesk.Data.Infrastructure;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Demo;

/// <summary>
/// When the demo is seeded and with which password. In Development it is seeded on SQLite by default and every demo
/// account has the published password (<see cref="DemoData.DefaultPassword"/>). Anywhere else it is seeded only when
/// <c>Demo:Seed</c> is <c>true</c>, and then <c>Demo:Password</c> must hold a password of the operator's own: the demo
/// accounts are seeded with it, and any still holding the published password (a database first seeded in Development)
/// are given it at start-up, so that no account keeps a password printed in the README.
/// </summary>
public static class DemoPasswords
{
    public const string SeedSetting = "Demo:Seed";
    public const string PasswordSetting = "Demo:Password";

    public static bool WantsSeed(IConfiguration configuration, IHostEnvironment environment, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return configuration.GetValue(SeedSetting, environment.IsDevelopment() && provider == DatabaseProvider.Sqlite);
    }

    /// <summary>The password the demo accounts get; outside Development a missing or published one stops start-up.</summary>
    public static string Choose(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[PasswordSetting];
        if (environment.IsDevelopment())
        {
            return string.IsNullOrEmpty(configured) ? DemoData.DefaultPassword : configured;
        }

        if (string.IsNullOrWhiteSpace(configured) || configured == DemoData.DefaultPassword)
        {
            throw new StartupConfigurationException(
                $"the setting {SeedSetting} is true outside Development, so {PasswordSetting} must hold a password of your own for the demo accounts; the published demo password is refused here.");
        }

        return configured;
    }

    /// <summary>Gives every demo account that still has the published password <paramref name="password"/> instead.</summary>
    /// <returns>How many accounts were changed.</returns>
    public static async Task<int> RetirePublishedAsync(HelpDeskUserManager users, string password)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (password == DemoData.DefaultPassword)
        {
            return 0;
        }

        // Seeded accounts share one hash: each distinct hash is checked once, since checking is deliberately slow.
        var published = new Dictionary<string, bool>(StringComparer.Ordinal);
        string? newHash = null;
        var changed = 0;
        foreach (var person in DemoData.People)
        {
            if (await users.FindByEmailAsync(person.Email) is not { PasswordHash: { } hash } user)
            {
                continue;
            }

            if (!published.TryGetValue(hash, out var isPublished))
            {
                isPublished = users.PasswordHasher.VerifyHashedPassword(user, hash, DemoData.DefaultPassword) != PasswordVerificationResult.Failed;
                published[hash] = isPublished;
            }

            if (!isPublished)
            {
                continue;
            }

            newHash ??= users.PasswordHasher.HashPassword(user, password);
            user.PasswordHash = newHash;
            Check(await users.UpdateSecurityStampAsync(user), person.Email);
            changed++;
        }

        return changed;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new StartupConfigurationException(
                $"the demo account {email} still has the published password and could not be given {PasswordSetting}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
