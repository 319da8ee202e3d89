using HelpDesk.Core.Accounts;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Accounts;

public abstract class PeopleDirectoryTests : IdentityTestBase
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc);

    private PeopleDirectory People => new(Connections);

    [SkippableFact]
    public async Task FindByEmailAsync_FindsThePerson_WithoutRegardToCase()
    {
        var organisation = await TestRows.OrganisationAsync(Connections, "Contoso");
        var id = await TestRows.UserAsync(Connections, "ana@contoso.example", organisation);

        var found = await People.FindByEmailAsync("  Ana@CONTOSO.example ");

        found.Should().BeEquivalentTo(new Person { Id = id, Name = "ana@contoso.example", Email = "ana@contoso.example", OrganisationId = organisation });
        (await People.FindByEmailAsync("bob@contoso.example")).Should().BeNull();
    }

    [SkippableFact]
    public async Task AddContactAsync_MakesACustomerAccountWithoutAPassword_ThatIdentityCanRead()
    {
        await CreateRoleAsync(Roles.Customer);
        var organisation = await TestRows.OrganisationAsync(Connections, "Contoso");

        var contact = await People.AddContactAsync("Ana.Lima@Contoso.example", "Ana Lima", organisation, Now);

        contact.Should().BeEquivalentTo(new Person { Name = "Ana Lima", Email = "Ana.Lima@Contoso.example", OrganisationId = organisation }, o => o.Excluding(p => p.Id));
        (await People.FindByEmailAsync("ana.lima@contoso.example"))!.Id.Should().Be(contact.Id);
        var user = await Users.FindByEmailAsync("ana.lima@contoso.example");
        user.Should().NotBeNull();
        user!.UserName.Should().Be("Ana.Lima@Contoso.example");
        user.OrganisationId.Should().Be(organisation);
        user.LockoutEnabled.Should().BeTrue();
        user.SecurityStamp.Should().NotBeNullOrEmpty();
        (await Users.HasPasswordAsync(user)).Should().BeFalse();
        (await Users.IsInRoleAsync(user, Roles.Customer)).Should().BeTrue();
        (await Users.AddPasswordAsync(user, Password)).Succeeded.Should().BeTrue("the contact can set a password later");
    }

    [SkippableFact]
    public async Task AddContactAsync_NamesTheContactByTheAddress_WhenTheMailGaveNoName_AndMakesTheRoleIfMissing()
    {
        var contact = await People.AddContactAsync("noname@elsewhere.example", " ", null, Now);

        contact.Name.Should().Be("noname");
        contact.OrganisationId.Should().BeNull();
        var user = await Users.FindByEmailAsync("noname@elsewhere.example");
        (await Users.IsInRoleAsync(user!, Roles.Customer)).Should().BeTrue();
    }

    [SkippableFact]
    public async Task AddContactAsync_ReturnsTheExistingPerson_WhenTheAddressIsTaken()
    {
        await CreateRoleAsync(Roles.Customer);
        var first = await People.AddContactAsync("ana@contoso.example", "Ana", null, Now);

        var again = await People.AddContactAsync("ANA@contoso.example", "Someone else", null, Now);

        again.Should().BeEquivalentTo(first);
        (await People.FindByEmailAsync("ana@contoso.example"))!.Id.Should().Be(first.Id);
    }
}

public sealed class SqlitePeopleDirectoryTests : PeopleDirectoryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerPeopleDirectoryTests : PeopleDirectoryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
