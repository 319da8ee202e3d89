using System.Net;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>
/// <c>POST /api/import/people</c>: administrators invite organisations' customer contacts from a file; every row is
/// checked before anyone is invited, so a dry run or a file with one bad row invites nobody; a good file invites
/// everyone, each with an invitation mail.
/// </summary>
public sealed class PersonImportTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Admin = "admin@helpdesk.test";
    private const string Header = "organisation,name,email";

    [Fact]
    public async Task DryRun_WithMixedRows_ReportsEachBadRow_AndInvitesNobody()
    {
        var admin = await app.SignInWithTokenAsync(Admin);
        var (organisation, domain) = await OrganisationAsync();
        var good = $"good@{domain}";
        var before = await app.CountAsync("Users");

        var (status, report) = await admin.PostCsvAsync("people", true, Header,
            $"{organisation},Good Person,{good}",
            $"No Such Organisation,Lost Person,lost@{domain}",
            $"{organisation},Again,{good}",
            $"{organisation},,not-an-address",
            $"{organisation},Existing,{NorthwindCustomer}");

        status.Should().Be(HttpStatusCode.OK, report.ToString());
        report.Number("rows").Should().Be(5);
        report.Number("saved").Should().Be(0);
        var errors = report.RowErrors();
        errors.Should().Contain([(2, "organisation"), (3, "email"), (4, "name"), (4, "email"), (5, "email")]);
        errors.Should().NotContain(e => e.Row == 1);
        (await app.CountAsync("Users")).Should().Be(before);
        (await app.OutboxForAsync(good)).Should().BeEmpty();
    }

    [Fact]
    public async Task RealImport_WithOneBadRow_InvitesNobody_And422sWithTheRow()
    {
        var admin = await app.SignInWithTokenAsync(Admin);
        var (organisation, domain) = await OrganisationAsync();
        var before = await app.CountAsync("Users");

        var (status, problem) = await admin.PostCsvAsync("people", false, Header,
            $"{organisation},First,first@{domain}",
            $"{organisation},Second,second@{domain}",
            $"{organisation},Third,");

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain("rows[3].email");
        (await app.CountAsync("Users")).Should().Be(before);
        (await app.OutboxForAsync($"first@{domain}")).Should().BeEmpty();
    }

    [Fact]
    public async Task AGoodFile_InvitesEveryone_AsTheOrganisationsContacts()
    {
        var admin = await app.SignInWithTokenAsync(Admin);
        var (organisation, domain) = await OrganisationAsync();
        var id = await app.OrganisationIdAsync(organisation);
        string[] emails = [$"ada@{domain}", $"grace@{domain}"];

        var (status, result) = await admin.PostCsvAsync("people", false, Header,
            $"{organisation},Ada Lovelace,{emails[0]}",
            $"{id},Grace Hopper,{emails[1]}");

        status.Should().Be(HttpStatusCode.OK, result.ToString());
        result.Number("saved").Should().Be(2);
        foreach (var email in emails)
        {
            (await app.OrganisationOfAsync(email)).Should().Be(organisation);
            (await app.RolesOfAsync(email)).Should().Equal("Customer");
            (await app.OutboxForAsync(email)).Should().ContainSingle(m => m.Kind == "account-invitation");
        }
    }

    [Fact]
    public async Task ManagersAndCustomersAreRefused()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);

        (await manager.PostCsvAsync("people", true, Header)).Status.Should().Be(HttpStatusCode.Forbidden);
        (await customer.PostCsvAsync("people", true, Header)).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<(string Name, string Domain)> OrganisationAsync()
    {
        var name = await app.OrganisationAsync("Staffed");
        return (name, $"{name.ToLowerInvariant()}.example");
    }
}
