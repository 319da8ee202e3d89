using System.Net;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Accounts;

/// <summary>A token answers for its owner as the account is now: removed, locked out or given a lesser role.</summary>
public sealed partial class ApiTokenTests
{
    [Fact]
    public async Task RemovedOwner_StopsTheToken_With401SayingSo()
    {
        var (email, script) = await ManagerWithTokenAsync("removed");

        // The owner's own audit lines (making the token) name them as actor; the trail keeps them without the name.
        await using (var connection = await app.Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE ManageAudit SET ActorId = NULL WHERE ActorId = @Id", new { Id = await app.UserIdAsync(email) });
        }

        await ChangeOwnerAsync(email, (users, owner) => users.DeleteAsync(owner));
        var after = await script.GetAsync("/api/contracts");

        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await after.JsonAsync()).Text("detail").Should().Contain("removed");
    }

    [Fact]
    public async Task LockedOutOwner_StopsTheToken_With401SayingSo()
    {
        var (email, script) = await ManagerWithTokenAsync("locked");

        await ChangeOwnerAsync(email, async (users, owner) =>
        {
            await users.SetLockoutEnabledAsync(owner, true);
            return await users.SetLockoutEndDateAsync(owner, DateTimeOffset.UtcNow.AddHours(1));
        });
        var after = await script.GetAsync("/api/contracts");

        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await after.JsonAsync()).Text("detail").Should().Contain("locked out");
    }

    [Fact]
    public async Task OwnerLoweredFromManagerToEngineer_KeepsTheToken_ButLosesManagerRoutes()
    {
        var (email, script) = await ManagerWithTokenAsync("lowered");

        await ChangeOwnerAsync(email, async (users, owner) =>
        {
            await users.AddToRoleAsync(owner, Roles.Engineer);
            return await users.RemoveFromRoleAsync(owner, Roles.Manager);
        });
        var managerRoute = await script.GetAsync("/api/contracts");
        var engineerRoute = await script.GetAsync("/api/tickets");

        managerRoute.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the token can never do more than its owner's role");
        engineerRoute.StatusCode.Should().Be(HttpStatusCode.OK, "what the lesser role may do, the token still does");
    }

    /// <summary>A new manager account of its own (the seeded ones are shared by the other tests) and a client with its token.</summary>
    private async Task<(string Email, HttpClient Script)> ManagerWithTokenAsync(string name)
    {
        var email = $"token-owner-{name}-{Guid.NewGuid():N}@helpdesk.test";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<HelpDeskUserManager>();
            var owner = new HelpDeskUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Owner {name}", CreatedUtc = DateTime.UtcNow };
            (await users.CreateAsync(owner)).Succeeded.Should().BeTrue();
            (await users.AddToRoleAsync(owner, Roles.Manager)).Succeeded.Should().BeTrue();
        }

        var script = await app.CreateTokenClientAsync(email, [.. ApiScopes.All]);
        (await script.GetAsync("/api/contracts")).StatusCode.Should().Be(HttpStatusCode.OK, "the token works before its owner changes");
        return (email, script);
    }

    private async Task ChangeOwnerAsync(string email, Func<HelpDeskUserManager, HelpDeskUser, Task<Microsoft.AspNetCore.Identity.IdentityResult>> change)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<HelpDeskUserManager>();
        var owner = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"{email} has no account.");
        (await change(users, owner)).Succeeded.Should().BeTrue();
    }
}
