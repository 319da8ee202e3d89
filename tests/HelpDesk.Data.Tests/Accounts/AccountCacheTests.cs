using System.Globalization;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Offers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Accounts;

/// <summary>
/// The accounts read by id are kept for a few seconds; every write to an account row through the app forgets them, so
/// what the bearer check and the caller's identity read is never older than the last change made here.
/// </summary>
public abstract class AccountCacheTests : IdentityTestBase
{
    private static readonly CancellationToken None = CancellationToken.None;

    private AccountCache Cache => Services.GetRequiredService<AccountCache>();

    [SkippableFact]
    public async Task FindByIdAsync_ReadsTheNewSecurityStamp_AsSoonAsTheSessionsEnd()
    {
        var user = await CreateUserAsync("ada@example.com");
        var before = (await ReloadAsync(user)).SecurityStamp;

        (await Users.UpdateSecurityStampAsync(await ReloadAsync(user))).Succeeded.Should().BeTrue();

        var after = (await ReloadAsync(user)).SecurityStamp;
        after.Should().NotBe(before);
        after.Should().Be(await StoredStampAsync(user.Id));
    }

    [SkippableFact]
    public async Task FindByIdAsync_ReadsALockout_AsSoonAsItIsSet()
    {
        var user = await CreateUserAsync("ada@example.com");
        (await Users.IsLockedOutAsync(await ReloadAsync(user))).Should().BeFalse();

        (await Users.SetLockoutEndDateAsync(await ReloadAsync(user), DateTimeOffset.UtcNow.AddHours(1))).Succeeded.Should().BeTrue();

        (await Users.IsLockedOutAsync(await ReloadAsync(user))).Should().BeTrue();
    }

    [SkippableFact]
    public async Task FindByIdAsync_GivesEachCallerACopyOfItsOwn()
    {
        var user = await CreateUserAsync("ada@example.com");
        var first = await ReloadAsync(user);

        first.DisplayName = "Changed but not saved";
        first.SecurityStamp = "not saved either";

        var second = await ReloadAsync(user);
        second.Should().NotBeSameAs(first);
        second.DisplayName.Should().Be("ada");
        second.SecurityStamp.Should().Be(await StoredStampAsync(user.Id));
    }

    [SkippableFact]
    public async Task FindByIdAsync_ReadsAChangeMadeOutsideTheApp_OnceTheLifetimeIsOver()
    {
        var user = await CreateUserAsync("ada@example.com");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = new DapperUserStore(Connections, new IdentityErrorDescriber(), new AccountCache(clock));
        var id = user.Id.ToString(CultureInfo.InvariantCulture);
        (await store.FindByIdAsync(id, None))!.DisplayName.Should().Be("ada");
        await using (var connection = await Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Users SET DisplayName = 'Edited by hand' WHERE Id = @Id", new { user.Id });
        }

        (await store.FindByIdAsync(id, None))!.DisplayName.Should().Be("ada", "another node's change holds within the lifetime");
        clock.Advance(AccountCache.Lifetime);

        (await store.FindByIdAsync(id, None))!.DisplayName.Should().Be("Edited by hand");
    }

    [SkippableFact]
    public async Task FindByIdAsync_ReadsTheDeactivation_AsSoonAsTheAccountStoreWritesIt()
    {
        await CreateRoleAsync(Roles.Admin);
        var admin = await CreateUserAsync("admin@example.com");
        await UserStore.AddToRoleAsync(admin, Roles.Admin.ToUpperInvariant(), None);
        var user = await CreateUserAsync("ada@example.com");
        var loaded = await ReloadAsync(user);
        loaded.DeactivatedUtc.Should().BeNull();
        var accounts = new AccountStore(Connections, Cache);
        var line = new ManageAuditEntry { Subject = AuditSubjects.Account, SubjectId = user.Id, Action = "deactivated", AtUtc = DateTime.UtcNow };

        (await accounts.SetDeactivatedAsync(user.Id, loaded.ConcurrencyStamp, DateTime.UtcNow, line)).Should().Be(AccountWrite.Done);

        (await ReloadAsync(user)).DeactivatedUtc.Should().NotBeNull();
    }

    [SkippableFact]
    public async Task FindByIdAsync_ReadsThePlacementAndTheRightToBuy_AsSoonAsTheyAreWritten()
    {
        var user = await CreateUserAsync("ada@example.com");
        (await ReloadAsync(user)).OrganisationId.Should().BeNull();
        int organisationId;
        await using (var connection = await Connections.OpenAsync())
        {
            organisationId = await connection.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId(
                "INSERT INTO Organisations (Name, Region, Segment, CreatedUtc, Version) VALUES ('Contoso', 'Emea', 'Key', @Now, 1)"),
                new { Now = DateTime.UtcNow });
        }

        (await UserStore.PlaceInOrganisationAsync(user.Id, organisationId, None)).Should().BeTrue();
        (await ReloadAsync(user)).OrganisationId.Should().Be(organisationId);

        await new BuyingRightsStore(Connections, Cache).SetCanBuyAsync(user.Id, true);
        (await ReloadAsync(user)).CanBuyServices.Should().BeTrue();
    }

    [SkippableFact]
    public async Task PeopleFindAsync_ReadsStaffRolesAndDeactivation_AsSoonAsTheyAreWritten_AndAChangeByHandWithinTheLifetime()
    {
        var user = await CustomerBesideAnAdminAsync();
        var people = new PeopleDirectory(Connections, Cache);
        (await people.FindAsync(user.Id))!.IsStaff.Should().BeFalse();

        var accounts = new AccountStore(Connections, Cache);
        var stamp = (await ReloadAsync(user)).ConcurrencyStamp;
        var line = new ManageAuditEntry { Subject = AuditSubjects.Account, SubjectId = user.Id, Action = "roles", AtUtc = DateTime.UtcNow };
        (await accounts.ChangeRolesAsync(user.Id, stamp, [Roles.Engineer], line)).Should().Be(AccountWrite.Done);
        (await people.FindAsync(user.Id))!.IsStaff.Should().BeTrue("the role change forgot the kept person");

        stamp = (await ReloadAsync(user)).ConcurrencyStamp;
        (await accounts.SetDeactivatedAsync(user.Id, stamp, DateTime.UtcNow, line with { Action = "deactivated" })).Should().Be(AccountWrite.Done);
        (await people.FindAsync(user.Id))!.IsStaff.Should().BeFalse("a deactivated account is no one's colleague");

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var elsewhere = new PeopleDirectory(Connections, new AccountCache(clock));
        (await elsewhere.FindAsync(user.Id))!.Name.Should().Be("ada");
        await using (var connection = await Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Users SET DisplayName = 'Edited by hand' WHERE Id = @Id", new { user.Id });
        }

        (await elsewhere.FindAsync(user.Id))!.Name.Should().Be("ada", "another node's change holds within the lifetime");
        clock.Advance(AccountCache.Lifetime);
        (await elsewhere.FindAsync(user.Id))!.Name.Should().Be("Edited by hand");
        (await elsewhere.FindAsync(user.Id + 1000)).Should().BeNull();
    }

    [SkippableFact]
    public async Task PeopleFindByEmailAsync_IsKeptAsFindAsyncIs_AndAnAddressOfNobodyIsNotRemembered()
    {
        var user = await CustomerBesideAnAdminAsync();
        var people = new PeopleDirectory(Connections, Cache);
        (await people.FindByEmailAsync(" Ada@Example.com "))!.IsStaff.Should().BeFalse();

        var accounts = new AccountStore(Connections, Cache);
        var stamp = (await ReloadAsync(user)).ConcurrencyStamp;
        var line = new ManageAuditEntry { Subject = AuditSubjects.Account, SubjectId = user.Id, Action = "roles", AtUtc = DateTime.UtcNow };
        (await accounts.ChangeRolesAsync(user.Id, stamp, [Roles.Engineer], line)).Should().Be(AccountWrite.Done);
        (await people.FindByEmailAsync("ada@example.com"))!.IsStaff.Should().BeTrue("the role change forgot the person kept by address");

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var elsewhere = new PeopleDirectory(Connections, new AccountCache(clock));
        (await elsewhere.FindByEmailAsync("ada@example.com"))!.Name.Should().Be("ada");
        (await elsewhere.FindByEmailAsync("grace@example.com")).Should().BeNull();
        await using (var connection = await Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Users SET DisplayName = 'Edited by hand' WHERE Id = @Id", new { user.Id });
        }

        var grace = await elsewhere.AddContactAsync("grace@example.com", "Grace", null, DateTime.UtcNow);
        (await elsewhere.FindByEmailAsync("GRACE@example.com"))!.Id.Should().Be(grace.Id, "an address found to be nobody's was not remembered");
        (await elsewhere.FindByEmailAsync("ada@example.com"))!.Name.Should().Be("ada", "another node's change holds within the lifetime");
        clock.Advance(AccountCache.Lifetime);
        (await elsewhere.FindByEmailAsync("ada@example.com"))!.Name.Should().Be("Edited by hand");
    }

    /// <summary>A customer, ada, beside an admin, with the engineer role there to be given.</summary>
    private async Task<HelpDeskUser> CustomerBesideAnAdminAsync()
    {
        await CreateRoleAsync(Roles.Engineer);
        await CreateRoleAsync(Roles.Admin);
        var admin = await CreateUserAsync("admin@example.com");
        await UserStore.AddToRoleAsync(admin, Roles.Admin.ToUpperInvariant(), None);
        return await CreateUserAsync("ada@example.com");
    }

    private async Task<string?> StoredStampAsync(int id)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT SecurityStamp FROM Users WHERE Id = @Id", new { Id = id });
    }
}

public sealed class SqliteAccountCacheTests : AccountCacheTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerAccountCacheTests : AccountCacheTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
