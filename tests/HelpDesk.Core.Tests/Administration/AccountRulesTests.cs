using HelpDesk.Core.Accounts;

namespace HelpDesk.Core.Tests.Administration;

public sealed class AccountRulesTests
{
    private const int Actor = 1;
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CheckDeactivation_Refuses_YourOwnAccount()
    {
        var errors = AccountRules.CheckDeactivation(Actor, Target(Actor, Roles.Admin), activeAdmins: 3);

        errors.Should().ContainSingle().Which.Message.Should().Contain("cannot deactivate your own account");
    }

    [Fact]
    public void CheckDeactivation_Refuses_TheLastActiveAdministrator()
    {
        var errors = AccountRules.CheckDeactivation(Actor, Target(2, Roles.Admin), activeAdmins: 1);

        errors.Should().ContainSingle().Which.Message.Should().Contain("last active administrator");
    }

    [Fact]
    public void CheckDeactivation_Allows_AnAdministratorWhenAnotherRemains()
    {
        AccountRules.CheckDeactivation(Actor, Target(2, Roles.Admin), activeAdmins: 2).Should().BeEmpty();
    }

    [Fact]
    public void CheckDeactivation_Allows_AnEngineer_WhateverTheAdministratorCount()
    {
        AccountRules.CheckDeactivation(Actor, Target(2, Roles.Engineer), activeAdmins: 1).Should().BeEmpty();
    }

    [Fact]
    public void CheckDeactivation_Refuses_AnAccountDeactivatedAlready()
    {
        var errors = AccountRules.CheckDeactivation(Actor, Target(2, Roles.Engineer) with { DeactivatedUtc = Now }, activeAdmins: 2);

        errors.Should().ContainSingle().Which.Message.Should().Contain("already deactivated");
    }

    [Theory]
    [InlineData(Actor, 5, "You cannot take the Admin role from yourself")]
    [InlineData(2, 1, "last active administrator")]
    public void CheckRoleChange_Refuses_TakingAdminAway(int targetId, int activeAdmins, string reason)
    {
        var errors = AccountRules.CheckRoleChange(Actor, Target(targetId, Roles.Admin), Set(Roles.Manager), activeAdmins);

        errors.Should().ContainSingle().Which.Should().Match<Common.FieldError>(e => e.Field == "roles" && e.Message.Contains(reason));
    }

    [Fact]
    public void CheckRoleChange_Allows_AddingRolesToYourself_AndTakingAdminFromADeactivatedAccount()
    {
        AccountRules.CheckRoleChange(Actor, Target(Actor, Roles.Admin), Set(Roles.Admin, Roles.Manager), 1).Should().BeEmpty();
        AccountRules.CheckRoleChange(Actor, Target(2, Roles.Admin) with { DeactivatedUtc = Now }, Set(), 1).Should().BeEmpty();
    }

    [Fact]
    public void CheckResetMail_Refuses_ADeactivatedAccount()
    {
        AccountRules.CheckResetMail(Target(2, Roles.Engineer)).Should().BeEmpty();
        AccountRules.CheckResetMail(Target(2, Roles.Engineer) with { DeactivatedUtc = Now }).Should().ContainSingle()
            .Which.Message.Should().Contain("reactivate the account");
    }

    public static TheoryData<Invitation, bool, string[]> Invitations => new()
    {
        { new Invitation("erin@helpdesk.test", "Erin", false, [Roles.Engineer], null), false, [] },
        { new Invitation("carl@contoso.example", "Carl", true, [], 7), true, [] },
        { new Invitation("carl@contoso.example", "Carl", true, [], null), false, ["organisationId"] },
        { new Invitation("erin@helpdesk.test", "Erin", false, [], null), false, ["roles"] },
        { new Invitation("erin@helpdesk.test", "Erin", false, [Roles.Customer, "Superuser"], null), false, ["roles"] },
        { new Invitation("not-an-address", " ", false, [Roles.Admin], null), false, ["email", "name"] },
    };

    [Theory]
    [MemberData(nameof(Invitations))]
    public void CheckInvitation_NamesEachFieldThatIsWrong(Invitation invitation, bool organisationExists, string[] fields)
    {
        AccountRules.CheckInvitation(invitation, organisationExists).Select(e => e.Field).Should().Equal(fields);
    }

    [Fact]
    public void Invitation_GrantsACustomerOnlyTheCustomerRole_AndStaffOnlyStaffRoles()
    {
        new Invitation("c@x.example", "C", true, [Roles.Admin], 1).GrantedRoles.Should().Equal(Roles.Customer);
        new Invitation("s@x.example", "S", false, ["admin", Roles.Customer, Roles.Engineer], null).GrantedRoles.Should().Equal(Roles.Engineer, Roles.Admin);
    }

    [Fact]
    public void RoleChange_ReadsFromAndTo()
    {
        AccountRules.RoleChange([Roles.Engineer], [Roles.Manager, Roles.Engineer]).Should().Be("Engineer → Engineer, Manager");
        AccountRules.RoleChange([Roles.Engineer], []).Should().Be("Engineer → no roles");
    }

    [Theory]
    [InlineData(true, false, AccountState.Deactivated)]
    [InlineData(false, true, AccountState.Active)]
    [InlineData(false, false, AccountState.Pending)]
    public void StateOf_PutsDeactivationFirst(bool deactivated, bool confirmed, AccountState state)
    {
        AccountRules.StateOf(deactivated ? Now : null, confirmed).Should().Be(state);
    }

    [Fact]
    public void AccountQuery_Bounded_KeepsPagingInRange_AndOnlyKnownRoles()
    {
        var bounded = new AccountQuery("  ada ", "engineer", null, Page: 0, PageSize: 5000).Bounded();

        bounded.Should().Be(new AccountQuery("ada", Roles.Engineer, null, 1, AccountQuery.MaxPageSize));
        new AccountQuery(Role: "Superuser").Bounded().Role.Should().BeNull();
    }

    private static AccountTarget Target(int id, params string[] roles) => new(id, $"user{id}@helpdesk.test", Set(roles), null);

    private static HashSet<string> Set(params string[] roles) => roles.ToHashSet(StringComparer.Ordinal);
}
