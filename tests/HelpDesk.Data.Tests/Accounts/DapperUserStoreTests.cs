using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Data.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Data.Tests.Accounts;

/// <summary>The store's own contract, called directly: what UserManager would hide and the extra queries the site uses.</summary>
public abstract class DapperUserStoreTests : IdentityTestBase
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task CreateAsync_ReturnsDuplicateUserName_WhenTheNormalizedNameIsTaken()
    {
        await UserStore.CreateAsync(NewUser("ada@example.com"), None);

        var result = await UserStore.CreateAsync(NewUser("ada@example.com"), None);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Code.Should().Be(nameof(IdentityErrorDescriber.DuplicateUserName));
        (await UserStore.ListAsync(None)).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task CreateAsync_StoresEveryColumn_AsAFreshLoadShows()
    {
        var user = NewUser("ada@example.com");
        user.EmailConfirmed = true;
        user.PasswordHash = "hash";
        user.SecurityStamp = "stamp";
        user.PhoneNumber = "+44 1";
        user.PhoneNumberConfirmed = true;
        user.TwoFactorEnabled = true;
        user.LockoutEnd = new DateTimeOffset(2031, 2, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));
        user.LockoutEnabled = false;
        user.AccessFailedCount = 3;
        user.CreatedUtc = new DateTime(2030, 1, 2, 3, 4, 5, 6, DateTimeKind.Utc);

        (await UserStore.CreateAsync(user, None)).Succeeded.Should().BeTrue();

        var loaded = await ReloadAsync(user);
        loaded.Should().BeEquivalentTo(user);
        loaded.LockoutEnd!.Value.UtcDateTime.Should().Be(new DateTime(2031, 2, 3, 2, 5, 6, 7, DateTimeKind.Utc));
    }

    [SkippableFact]
    public async Task FindByIdAsync_ReturnsNull_ForAnIdThatIsNotANumber_OrNotThere()
    {
        var user = NewUser("ada@example.com");
        await UserStore.CreateAsync(user, None);

        (await UserStore.FindByIdAsync("ada", None)).Should().BeNull();
        (await UserStore.FindByIdAsync("", None)).Should().BeNull();
        (await UserStore.FindByIdAsync("-1", None)).Should().BeNull();
        (await UserStore.FindByIdAsync("99999", None)).Should().BeNull();
        (await UserStore.FindByIdAsync(await UserStore.GetUserIdAsync(user, None), None))!.Email.Should().Be("ada@example.com");
    }

    [SkippableFact]
    public async Task UpdateAsync_ReturnsConcurrencyFailure_ForAStaleStamp_AndKeepsTheRow()
    {
        var user = NewUser("ada@example.com");
        await UserStore.CreateAsync(user, None);
        var stale = await ReloadAsync(user);
        user.DisplayName = "Saved";
        (await UserStore.UpdateAsync(user, None)).Succeeded.Should().BeTrue();

        stale.DisplayName = "Lost";
        var result = await UserStore.UpdateAsync(stale, None);

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(nameof(IdentityErrorDescriber.ConcurrencyFailure));
        (await ReloadAsync(user)).DisplayName.Should().Be("Saved");
    }

    [SkippableFact]
    public async Task DeleteAsync_ReturnsConcurrencyFailure_ForAStaleStamp()
    {
        var user = NewUser("ada@example.com");
        await UserStore.CreateAsync(user, None);
        var stale = await ReloadAsync(user);
        await UserStore.UpdateAsync(user, None);

        (await UserStore.DeleteAsync(stale, None)).Succeeded.Should().BeFalse();
        (await UserStore.DeleteAsync(user, None)).Succeeded.Should().BeTrue();
        (await UserStore.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task AddToRoleAsync_Throws_WhenTheRoleDoesNotExist()
    {
        var user = NewUser("ada@example.com");
        await UserStore.CreateAsync(user, None);

        var act = () => UserStore.AddToRoleAsync(user, "NOSUCHROLE", None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*NOSUCHROLE*");
    }

    [SkippableFact]
    public async Task RedeemCodeAsync_RemovesOnlyTheRedeemedCode()
    {
        var user = NewUser("ada@example.com");
        await UserStore.CreateAsync(user, None);
        await UserStore.ReplaceCodesAsync(user, ["aaa", "bbb", "ccc"], None);

        (await UserStore.RedeemCodeAsync(user, "bbb", None)).Should().BeTrue();
        (await UserStore.RedeemCodeAsync(user, "bbb", None)).Should().BeFalse();

        (await UserStore.GetTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes", None)).Should().Be("aaa;ccc");
        (await UserStore.CountCodesAsync(user, None)).Should().Be(2);
    }

    [SkippableFact]
    public async Task AuthenticatorKey_IsStoredAsEntityFrameworkStoresIt()
    {
        var user = NewUser("ada@example.com");
        await UserStore.CreateAsync(user, None);

        await UserStore.SetAuthenticatorKeyAsync(user, "KEY1", None);

        (await UserStore.GetAuthenticatorKeyAsync(user, None)).Should().Be("KEY1");
        (await UserStore.GetTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", None)).Should().Be("KEY1");
    }

    [SkippableFact]
    public async Task ListAsync_ReturnsEveryUser_OrderedByEmail()
    {
        foreach (var email in new[] { "carol@example.com", "ada@example.com", "bob@example.com" })
        {
            await UserStore.CreateAsync(NewUser(email), None);
        }

        (await UserStore.ListAsync(None)).Select(u => u.Email).Should().Equal("ada@example.com", "bob@example.com", "carol@example.com");
    }

    [SkippableFact]
    public async Task ListAwaitingPlacementAsync_ReturnsConfirmedCustomersWithoutOrganisation()
    {
        await CreateRoleAsync(Roles.Customer);
        await CreateRoleAsync(Roles.Engineer);
        var organisationId = await InsertOrganisationAsync();
        var waiting = await CreateUserAsync("waiting@example.com", Roles.Customer, confirmed: true);
        await CreateUserAsync("unconfirmed@example.com", Roles.Customer, confirmed: false);
        await CreateUserAsync("engineer@example.com", Roles.Engineer, confirmed: true);
        var placed = await CreateUserAsync("placed@example.com", Roles.Customer, confirmed: true);
        await UserStore.PlaceInOrganisationAsync(placed.Id, organisationId, None);
        var another = await CreateUserAsync("another@example.com", Roles.Customer, confirmed: true);

        var awaiting = await UserStore.ListAwaitingPlacementAsync(None);

        awaiting.Select(u => u.Id).Should().Equal(another.Id, waiting.Id);
    }

    [SkippableFact]
    public async Task PlaceInOrganisationAsync_SetsTheOrganisation_AndMakesEarlierCopiesStale()
    {
        var organisationId = await InsertOrganisationAsync();
        var user = NewUser("ada@example.com");
        await UserStore.CreateAsync(user, None);
        var earlier = await ReloadAsync(user);

        (await UserStore.PlaceInOrganisationAsync(user.Id, organisationId, None)).Should().BeTrue();

        (await ReloadAsync(user)).OrganisationId.Should().Be(organisationId);
        (await UserStore.UpdateAsync(earlier, None)).Succeeded.Should().BeFalse();
    }

    [SkippableFact]
    public async Task PlaceInOrganisationAsync_ReturnsFalse_WhenTheUserOrOrganisationIsMissing()
    {
        var organisationId = await InsertOrganisationAsync();
        var user = NewUser("ada@example.com");
        await UserStore.CreateAsync(user, None);

        (await UserStore.PlaceInOrganisationAsync(user.Id, organisationId + 100, None)).Should().BeFalse();
        (await UserStore.PlaceInOrganisationAsync(user.Id + 100, organisationId, None)).Should().BeFalse();
        (await ReloadAsync(user)).OrganisationId.Should().BeNull();
    }

    private static HelpDeskUser NewUser(string email) => new()
    {
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        DisplayName = email.Split('@')[0],
        SecurityStamp = Guid.NewGuid().ToString(),
    };

    private async Task<HelpDeskUser> CreateUserAsync(string email, string role, bool confirmed)
    {
        var user = NewUser(email);
        user.EmailConfirmed = confirmed;
        (await UserStore.CreateAsync(user, None)).Succeeded.Should().BeTrue();
        await UserStore.AddToRoleAsync(user, role.ToUpperInvariant(), None);
        return user;
    }

    private async Task<int> InsertOrganisationAsync()
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId(
            "INSERT INTO Organisations (Name, Region, Segment, CreatedUtc, Version) VALUES ('Contoso', 'Emea', 'Key', @Now, 1)"),
            new { Now = DateTime.UtcNow });
    }
}

public sealed class SqliteDapperUserStoreTests : DapperUserStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerDapperUserStoreTests : DapperUserStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
