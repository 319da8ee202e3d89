using System.Globalization;
using System.Security.Claims;
using HelpDesk.Core.Accounts;
using HelpDesk.Data.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Data.Tests.Accounts;

/// <summary>Identity's RoleManager over the Dapper role store.</summary>
public abstract class RoleManagerTests : IdentityTestBase
{
    [SkippableFact]
    public async Task CreateAsync_SavesTheRole_FindableByIdAndName()
    {
        var role = await CreateRoleAsync(Roles.Engineer);

        role.Id.Should().BePositive();
        (await RoleManager.RoleExistsAsync("engineer")).Should().BeTrue();
        var byName = await RoleManager.FindByNameAsync("ENGINEER");
        var byId = await RoleManager.FindByIdAsync(await RoleManager.GetRoleIdAsync(role));
        byName.Should().BeEquivalentTo(role);
        byId.Should().BeEquivalentTo(role);
        (await RoleManager.FindByIdAsync("engineer")).Should().BeNull();
    }

    [SkippableFact]
    public async Task CreateAsync_Fails_WhenTheNameIsTaken()
    {
        await CreateRoleAsync(Roles.Engineer);

        var viaManager = await RoleManager.CreateAsync(new HelpDeskRole { Name = "engineer" });
        var viaStore = await RoleStore.CreateAsync(new HelpDeskRole { Name = "engineer", NormalizedName = "ENGINEER" }, CancellationToken.None);

        viaManager.Errors.Should().Contain(e => e.Code == nameof(IdentityErrorDescriber.DuplicateRoleName));
        viaStore.Errors.Should().ContainSingle().Which.Code.Should().Be(nameof(IdentityErrorDescriber.DuplicateRoleName));
    }

    [SkippableFact]
    public async Task SetRoleNameAsync_ThenUpdateAsync_RenamesTheRole()
    {
        var role = await CreateRoleAsync("Engineers");

        // Unlike UserManager's setters, RoleManager.SetRoleNameAsync only changes the object.
        (await RoleManager.SetRoleNameAsync(role, Roles.Engineer)).Succeeded.Should().BeTrue();
        (await RoleManager.UpdateAsync(role)).Succeeded.Should().BeTrue();

        (await RoleManager.FindByNameAsync("ENGINEERS")).Should().BeNull();
        var loaded = await RoleManager.FindByNameAsync("ENGINEER");
        (await RoleManager.GetRoleNameAsync(loaded!)).Should().Be(Roles.Engineer);
        loaded!.ConcurrencyStamp.Should().Be(role.ConcurrencyStamp);
    }

    [SkippableFact]
    public async Task UpdateAsync_FailsWithConcurrencyFailure_WhenAnotherCopyWasSavedFirst()
    {
        var role = await CreateRoleAsync("Engineers");
        var first = await RoleManager.FindByIdAsync(role.Id.ToString(CultureInfo.InvariantCulture));
        var second = await RoleManager.FindByIdAsync(role.Id.ToString(CultureInfo.InvariantCulture));

        first!.Name = "First";
        (await RoleManager.UpdateAsync(first)).Succeeded.Should().BeTrue();
        second!.Name = "Second";
        var stale = await RoleManager.UpdateAsync(second);

        stale.Errors.Should().ContainSingle().Which.Code.Should().Be(nameof(IdentityErrorDescriber.ConcurrencyFailure));
        (await RoleManager.FindByIdAsync(role.Id.ToString(CultureInfo.InvariantCulture)))!.Name.Should().Be("First");
    }

    [SkippableFact]
    public async Task DeleteAsync_RemovesTheRole_UnlessTheCopyIsStale()
    {
        var role = await CreateRoleAsync(Roles.Manager);
        var user = await CreateUserAsync("ada@example.com");
        await Users.AddToRoleAsync(user, Roles.Manager);
        var stale = await RoleManager.FindByIdAsync(role.Id.ToString(CultureInfo.InvariantCulture));
        role.Name = "Managers";
        await RoleManager.UpdateAsync(role);

        (await RoleManager.DeleteAsync(stale!)).Errors.Should().ContainSingle()
            .Which.Code.Should().Be(nameof(IdentityErrorDescriber.ConcurrencyFailure));
        (await RoleManager.DeleteAsync(role)).Succeeded.Should().BeTrue();

        (await RoleManager.RoleExistsAsync("Managers")).Should().BeFalse();
        (await Users.GetRolesAsync(user)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Claims_CanBeAddedListedAndRemoved()
    {
        var role = await CreateRoleAsync(Roles.Manager);
        var reports = new Claim("permission", "reports.read");
        var budgets = new Claim("permission", "budgets.write");

        (await RoleManager.AddClaimAsync(role, reports)).Succeeded.Should().BeTrue();
        (await RoleManager.AddClaimAsync(role, budgets)).Succeeded.Should().BeTrue();
        (await RoleManager.GetClaimsAsync(role)).Select(c => c.Value).Should().Equal("reports.read", "budgets.write");

        (await RoleManager.RemoveClaimAsync(role, reports)).Succeeded.Should().BeTrue();

        (await RoleManager.GetClaimsAsync(role)).Select(c => c.Value).Should().Equal("budgets.write");
    }
}

public sealed class SqliteRoleManagerTests : RoleManagerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerRoleManagerTests : RoleManagerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
