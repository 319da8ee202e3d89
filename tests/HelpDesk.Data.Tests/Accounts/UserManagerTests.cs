using System.Security.Claims;
using HelpDesk.Core.Accounts;
using HelpDesk.Data.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Data.Tests.Accounts;

/// <summary>Identity's own UserManager over the Dapper user store, checked against what reached the database.</summary>
public abstract class UserManagerTests : IdentityTestBase
{
    [SkippableFact]
    public async Task CreateAsync_SavesTheUser_FindableByIdNameAndEmail()
    {
        var user = await CreateUserAsync("Ada@Example.com");

        user.Id.Should().BePositive();
        var byId = await Users.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var byName = await Users.FindByNameAsync("ada@example.COM");
        var byEmail = await Users.FindByEmailAsync("ADA@example.com");

        byId.Should().BeEquivalentTo(user, options => options.Excluding(u => u.CreatedUtc));
        byId!.CreatedUtc.Should().BeCloseTo(user.CreatedUtc, TimeSpan.FromMilliseconds(5));
        byName!.Id.Should().Be(user.Id);
        byEmail!.Id.Should().Be(user.Id);
        byId.NormalizedEmail.Should().Be("ADA@EXAMPLE.COM");
        byId.LockoutEnabled.Should().BeTrue();
        byId.SecurityStamp.Should().NotBeNullOrEmpty();
    }

    [SkippableFact]
    public async Task CreateAsync_Fails_WhenTheUserNameIsTaken()
    {
        await CreateUserAsync("ada@example.com");

        var result = await Users.CreateAsync(new HelpDeskUser { UserName = "ADA@example.com", Email = "other@example.com", DisplayName = "Other" });

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName));
        (await UserStore.ListAsync(CancellationToken.None)).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task CheckPasswordAsync_AcceptsTheSavedPassword_AndRejectsAnother()
    {
        var user = await CreateUserAsync("ada@example.com");
        var loaded = await ReloadAsync(user);

        (await Users.HasPasswordAsync(loaded)).Should().BeTrue();
        (await Users.CheckPasswordAsync(loaded, Password)).Should().BeTrue();
        (await Users.CheckPasswordAsync(loaded, "Wrong-Horse-9")).Should().BeFalse();
    }

    [SkippableFact]
    public async Task ChangePasswordAsync_StoresTheNewHash_AndChangesTheSecurityStamp()
    {
        var user = await CreateUserAsync("ada@example.com");
        var stampBefore = user.SecurityStamp;

        var result = await Users.ChangePasswordAsync(user, Password, "Battery-Staple-7");

        result.Succeeded.Should().BeTrue();
        var loaded = await ReloadAsync(user);
        loaded.SecurityStamp.Should().NotBe(stampBefore);
        (await Users.CheckPasswordAsync(loaded, "Battery-Staple-7")).Should().BeTrue();
        (await Users.CheckPasswordAsync(loaded, Password)).Should().BeFalse();
    }

    [SkippableFact]
    public async Task RemovePasswordAsync_LeavesTheUserWithoutPassword()
    {
        var user = await CreateUserAsync("ada@example.com");

        (await Users.RemovePasswordAsync(user)).Succeeded.Should().BeTrue();

        var loaded = await ReloadAsync(user);
        loaded.PasswordHash.Should().BeNull();
        (await Users.HasPasswordAsync(loaded)).Should().BeFalse();
    }

    [SkippableFact]
    public async Task UpdateSecurityStampAsync_PersistsANewStamp()
    {
        var user = await CreateUserAsync("ada@example.com");
        var before = await Users.GetSecurityStampAsync(user);

        (await Users.UpdateSecurityStampAsync(user)).Succeeded.Should().BeTrue();

        var loaded = await ReloadAsync(user);
        loaded.SecurityStamp.Should().NotBe(before).And.Be(await Users.GetSecurityStampAsync(user));
    }

    [SkippableFact]
    public async Task AccessFailedAsync_LocksTheUserOut_AfterTheConfiguredNumberOfFailures()
    {
        var user = await CreateUserAsync("ada@example.com");
        var attempts = Users.Options.Lockout.MaxFailedAccessAttempts;

        for (var i = 1; i < attempts; i++)
        {
            (await Users.AccessFailedAsync(user)).Succeeded.Should().BeTrue();
        }

        (await Users.GetAccessFailedCountAsync(await ReloadAsync(user))).Should().Be(attempts - 1);
        (await Users.IsLockedOutAsync(await ReloadAsync(user))).Should().BeFalse();

        (await Users.AccessFailedAsync(user)).Succeeded.Should().BeTrue();

        var loaded = await ReloadAsync(user);
        (await Users.IsLockedOutAsync(loaded)).Should().BeTrue();
        loaded.LockoutEnd.Should().BeCloseTo(DateTimeOffset.UtcNow + Users.Options.Lockout.DefaultLockoutTimeSpan, TimeSpan.FromSeconds(30));
        loaded.AccessFailedCount.Should().Be(0, "Identity resets the count when it locks the user out");
    }

    [SkippableFact]
    public async Task ResetAccessFailedCountAsync_AndSetLockoutEndDateAsync_UnlockTheUser()
    {
        var user = await CreateUserAsync("ada@example.com");
        await Users.AccessFailedAsync(user);
        await Users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1));
        (await Users.IsLockedOutAsync(await ReloadAsync(user))).Should().BeTrue();

        (await Users.ResetAccessFailedCountAsync(user)).Succeeded.Should().BeTrue();
        (await Users.SetLockoutEndDateAsync(user, null)).Succeeded.Should().BeTrue();

        var loaded = await ReloadAsync(user);
        loaded.AccessFailedCount.Should().Be(0);
        loaded.LockoutEnd.Should().BeNull();
        (await Users.IsLockedOutAsync(loaded)).Should().BeFalse();
    }

    [SkippableFact]
    public async Task SetLockoutEnabledAsync_False_StopsFailuresFromLockingOut()
    {
        var user = await CreateUserAsync("ada@example.com");

        (await Users.SetLockoutEnabledAsync(user, false)).Succeeded.Should().BeTrue();
        for (var i = 0; i < Users.Options.Lockout.MaxFailedAccessAttempts + 1; i++)
        {
            await Users.AccessFailedAsync(user);
        }

        var loaded = await ReloadAsync(user);
        (await Users.GetLockoutEnabledAsync(loaded)).Should().BeFalse();
        (await Users.IsLockedOutAsync(loaded)).Should().BeFalse();
    }

    [SkippableFact]
    public async Task SetTwoFactorEnabledAsync_PersistsTheFlag()
    {
        var user = await CreateUserAsync("ada@example.com");

        (await Users.SetTwoFactorEnabledAsync(user, true)).Succeeded.Should().BeTrue();
        (await Users.GetTwoFactorEnabledAsync(await ReloadAsync(user))).Should().BeTrue();

        (await Users.SetTwoFactorEnabledAsync(user, false)).Succeeded.Should().BeTrue();
        (await Users.GetTwoFactorEnabledAsync(await ReloadAsync(user))).Should().BeFalse();
    }

    [SkippableFact]
    public async Task ResetAuthenticatorKeyAsync_StoresAKey_ThatAFreshLoadReads()
    {
        var user = await CreateUserAsync("ada@example.com");
        (await Users.GetAuthenticatorKeyAsync(user)).Should().BeNull();

        (await Users.ResetAuthenticatorKeyAsync(user)).Succeeded.Should().BeTrue();
        var first = await Users.GetAuthenticatorKeyAsync(await ReloadAsync(user));
        (await Users.ResetAuthenticatorKeyAsync(user)).Succeeded.Should().BeTrue();
        var second = await Users.GetAuthenticatorKeyAsync(await ReloadAsync(user));

        first.Should().NotBeNullOrEmpty();
        second.Should().NotBeNullOrEmpty().And.NotBe(first);
    }

    [SkippableFact]
    public async Task RecoveryCodes_CanBeGeneratedCountedAndEachRedeemedOnce()
    {
        var user = await CreateUserAsync("ada@example.com");
        (await Users.CountRecoveryCodesAsync(user)).Should().Be(0);

        var codes = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();

        codes.Should().HaveCount(10);
        (await Users.CountRecoveryCodesAsync(await ReloadAsync(user))).Should().Be(10);
        (await Users.RedeemTwoFactorRecoveryCodeAsync(user, codes[3])).Succeeded.Should().BeTrue();
        (await Users.CountRecoveryCodesAsync(await ReloadAsync(user))).Should().Be(9);
        (await Users.RedeemTwoFactorRecoveryCodeAsync(await ReloadAsync(user), codes[3])).Succeeded.Should().BeFalse();
        (await Users.RedeemTwoFactorRecoveryCodeAsync(await ReloadAsync(user), "not-a-code")).Succeeded.Should().BeFalse();
        (await Users.RedeemTwoFactorRecoveryCodeAsync(await ReloadAsync(user), codes[0])).Succeeded.Should().BeTrue();
        (await Users.CountRecoveryCodesAsync(await ReloadAsync(user))).Should().Be(8);
    }

    [SkippableFact]
    public async Task AuthenticationTokens_CanBeSetOverwrittenReadAndRemoved()
    {
        var user = await CreateUserAsync("ada@example.com");

        (await Users.SetAuthenticationTokenAsync(user, "Microsoft", "refresh", "one")).Succeeded.Should().BeTrue();
        (await Users.SetAuthenticationTokenAsync(user, "Microsoft", "refresh", "two")).Succeeded.Should().BeTrue();
        (await Users.SetAuthenticationTokenAsync(user, "Google", "refresh", "three")).Succeeded.Should().BeTrue();

        (await Users.GetAuthenticationTokenAsync(await ReloadAsync(user), "Microsoft", "refresh")).Should().Be("two");
        (await Users.GetAuthenticationTokenAsync(user, "Google", "refresh")).Should().Be("three");
        (await Users.GetAuthenticationTokenAsync(user, "Google", "access")).Should().BeNull();

        (await Users.RemoveAuthenticationTokenAsync(user, "Microsoft", "refresh")).Succeeded.Should().BeTrue();
        (await Users.GetAuthenticationTokenAsync(user, "Microsoft", "refresh")).Should().BeNull();
        (await Users.GetAuthenticationTokenAsync(user, "Google", "refresh")).Should().Be("three");
    }

    [SkippableFact]
    public async Task Roles_CanBeAddedListedCheckedAndRemoved()
    {
        await CreateRoleAsync(Roles.Customer);
        await CreateRoleAsync(Roles.Engineer);
        var ada = await CreateUserAsync("ada@example.com");
        var bob = await CreateUserAsync("bob@example.com");

        (await Users.AddToRolesAsync(ada, [Roles.Engineer, Roles.Customer])).Succeeded.Should().BeTrue();
        (await Users.AddToRoleAsync(bob, Roles.Customer)).Succeeded.Should().BeTrue();
        var again = await Users.AddToRoleAsync(bob, Roles.Customer);

        again.Errors.Should().Contain(e => e.Code == nameof(IdentityErrorDescriber.UserAlreadyInRole));
        (await Users.GetRolesAsync(ada)).Should().BeEquivalentTo(Roles.Customer, Roles.Engineer);
        (await Users.IsInRoleAsync(bob, Roles.Customer)).Should().BeTrue();
        (await Users.IsInRoleAsync(bob, Roles.Engineer)).Should().BeFalse();
        (await Users.GetUsersInRoleAsync(Roles.Customer)).Select(u => u.Email).Should().Equal("ada@example.com", "bob@example.com");

        (await Users.RemoveFromRoleAsync(ada, Roles.Customer)).Succeeded.Should().BeTrue();

        (await Users.GetRolesAsync(ada)).Should().Equal(Roles.Engineer);
        (await Users.GetUsersInRoleAsync(Roles.Customer)).Select(u => u.Email).Should().Equal("bob@example.com");
    }

    [SkippableFact]
    public async Task Claims_CanBeAddedReplacedRemovedAndSearched()
    {
        var ada = await CreateUserAsync("ada@example.com");
        var bob = await CreateUserAsync("bob@example.com");
        var team = new Claim("team", "networks");

        (await Users.AddClaimsAsync(ada, [team, new Claim("level", "2")])).Succeeded.Should().BeTrue();
        (await Users.AddClaimAsync(bob, team)).Succeeded.Should().BeTrue();

        (await Users.GetClaimsAsync(ada)).Select(c => (c.Type, c.Value)).Should().Equal(("team", "networks"), ("level", "2"));
        (await Users.GetUsersForClaimAsync(team)).Select(u => u.Email).Should().Equal("ada@example.com", "bob@example.com");

        (await Users.ReplaceClaimAsync(ada, new Claim("level", "2"), new Claim("level", "3"))).Succeeded.Should().BeTrue();
        (await Users.RemoveClaimAsync(bob, team)).Succeeded.Should().BeTrue();

        (await Users.GetClaimsAsync(ada)).Select(c => (c.Type, c.Value)).Should().Equal(("team", "networks"), ("level", "3"));
        (await Users.GetClaimsAsync(bob)).Should().BeEmpty();
        (await Users.GetUsersForClaimAsync(team)).Select(u => u.Email).Should().Equal("ada@example.com");

        (await Users.RemoveClaimsAsync(ada, [team, new Claim("level", "3")])).Succeeded.Should().BeTrue();
        (await Users.GetClaimsAsync(ada)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task EmailConfirmationToken_ConfirmsTheEmail_WhenSentBack()
    {
        var user = await CreateUserAsync("ada@example.com");
        var token = await Users.GenerateEmailConfirmationTokenAsync(user);

        var loaded = await ReloadAsync(user);
        (await Users.ConfirmEmailAsync(loaded, "not-the-token")).Succeeded.Should().BeFalse();
        (await Users.ConfirmEmailAsync(loaded, token)).Succeeded.Should().BeTrue();

        (await Users.IsEmailConfirmedAsync(await ReloadAsync(user))).Should().BeTrue();
    }

    [SkippableFact]
    public async Task PasswordResetToken_SetsTheNewPassword_AndCannotBeUsedTwice()
    {
        var user = await CreateUserAsync("ada@example.com");
        var token = await Users.GeneratePasswordResetTokenAsync(user);

        var reset = await Users.ResetPasswordAsync(await ReloadAsync(user), token, "Battery-Staple-7");
        var reuse = await Users.ResetPasswordAsync(await ReloadAsync(user), token, "Another-Staple-8");

        reset.Succeeded.Should().BeTrue();
        reuse.Errors.Should().Contain(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken), "the reset changed the security stamp");
        (await Users.CheckPasswordAsync(await ReloadAsync(user), "Battery-Staple-7")).Should().BeTrue();
    }

    [SkippableFact]
    public async Task ChangeEmailAsync_WithItsToken_UpdatesAndConfirmsTheAddress()
    {
        var user = await CreateUserAsync("ada@example.com");
        var token = await Users.GenerateChangeEmailTokenAsync(user, "ada@newmail.example");

        (await Users.ChangeEmailAsync(user, "ada@newmail.example", token)).Succeeded.Should().BeTrue();

        var loaded = await Users.FindByEmailAsync("ADA@NEWMAIL.EXAMPLE");
        loaded.Should().NotBeNull();
        loaded!.EmailConfirmed.Should().BeTrue();
        (await Users.GetEmailAsync(loaded)).Should().Be("ada@newmail.example");
    }

    [SkippableFact]
    public async Task ChangePhoneNumberAsync_WithItsToken_StoresAConfirmedNumber()
    {
        var user = await CreateUserAsync("ada@example.com");
        (await Users.SetPhoneNumberAsync(user, "+44 20 7946 0000")).Succeeded.Should().BeTrue();
        (await Users.IsPhoneNumberConfirmedAsync(await ReloadAsync(user))).Should().BeFalse();

        var token = await Users.GenerateChangePhoneNumberTokenAsync(user, "+44 20 7946 0001");
        (await Users.ChangePhoneNumberAsync(user, "+44 20 7946 0001", token)).Succeeded.Should().BeTrue();

        var loaded = await ReloadAsync(user);
        (await Users.GetPhoneNumberAsync(loaded)).Should().Be("+44 20 7946 0001");
        (await Users.IsPhoneNumberConfirmedAsync(loaded)).Should().BeTrue();
    }

    [SkippableFact]
    public async Task SetUserNameAsync_RenamesTheUser_AndRejectsATakenName()
    {
        var ada = await CreateUserAsync("ada@example.com");
        await CreateUserAsync("bob@example.com");

        (await Users.SetUserNameAsync(ada, "ada.lovelace")).Succeeded.Should().BeTrue();
        (await Users.GetUserNameAsync(await ReloadAsync(ada))).Should().Be("ada.lovelace");
        (await Users.FindByNameAsync("ADA.LOVELACE"))!.Id.Should().Be(ada.Id);

        var taken = await Users.SetUserNameAsync(ada, "bob@example.com");
        taken.Errors.Should().Contain(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName));
    }

    [SkippableFact]
    public async Task UpdateAsync_FailsWithConcurrencyFailure_WhenAnotherCopyWasSavedFirst()
    {
        var user = await CreateUserAsync("ada@example.com");
        var first = await ReloadAsync(user);
        var second = await ReloadAsync(user);

        first.DisplayName = "First writer";
        (await Users.UpdateAsync(first)).Succeeded.Should().BeTrue();
        second.DisplayName = "Second writer";
        var stale = await Users.UpdateAsync(second);

        stale.Succeeded.Should().BeFalse();
        stale.Errors.Should().ContainSingle().Which.Code.Should().Be(nameof(IdentityErrorDescriber.ConcurrencyFailure));
        (await ReloadAsync(user)).DisplayName.Should().Be("First writer");
    }

    [SkippableFact]
    public async Task UpdateAsync_ChangesTheConcurrencyStamp_SoTheSameCopyCanSaveAgain()
    {
        var user = await CreateUserAsync("ada@example.com");
        var stamp = user.ConcurrencyStamp;

        user.DisplayName = "Ada";
        (await Users.UpdateAsync(user)).Succeeded.Should().BeTrue();
        user.DisplayName = "Ada L.";
        (await Users.UpdateAsync(user)).Succeeded.Should().BeTrue();

        var loaded = await ReloadAsync(user);
        loaded.ConcurrencyStamp.Should().NotBe(stamp).And.Be(user.ConcurrencyStamp);
        loaded.DisplayName.Should().Be("Ada L.");
    }

    [SkippableFact]
    public async Task DeleteAsync_RemovesTheUserWithRolesClaimsAndTokens()
    {
        await CreateRoleAsync(Roles.Customer);
        var user = await CreateUserAsync("ada@example.com");
        await Users.AddToRoleAsync(user, Roles.Customer);
        await Users.AddClaimAsync(user, new Claim("team", "networks"));
        await Users.SetAuthenticationTokenAsync(user, "Google", "refresh", "x");

        (await Users.DeleteAsync(user)).Succeeded.Should().BeTrue();

        (await Users.FindByEmailAsync("ada@example.com")).Should().BeNull();
        (await Users.GetUsersInRoleAsync(Roles.Customer)).Should().BeEmpty();
        (await Users.GetUsersForClaimAsync(new Claim("team", "networks"))).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task DeleteAsync_FailsWithConcurrencyFailure_WhenTheCopyIsStale()
    {
        var user = await CreateUserAsync("ada@example.com");
        var stale = await ReloadAsync(user);
        await Users.UpdateSecurityStampAsync(user);

        var result = await Users.DeleteAsync(stale);

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(nameof(IdentityErrorDescriber.ConcurrencyFailure));
        (await ReloadAsync(user)).Should().NotBeNull();
    }
}

public sealed class SqliteUserManagerTests : UserManagerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerUserManagerTests : UserManagerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
