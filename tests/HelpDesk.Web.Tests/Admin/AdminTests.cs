using System.Net;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Admin;

public sealed class AdminTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Index_LeadsToTheUsersAndToInviting()
    {
        var admin = await app.SignInAsync("admin@helpdesk.test");

        var html = await admin.GetStringAsync("/admin");

        html.Should().Contain("href=\"/admin/users\"").And.Contain("href=\"/admin/users/invite\"");
    }

    [Fact]
    public async Task Users_ListsEveryUserWithTheirRolesOrganisationAndState()
    {
        var admin = await app.SignInAsync("admin@helpdesk.test");

        var html = await admin.GetStringAsync("/admin/users?q=northwind.example");

        html.Should().Contain("customer@northwind.example").And.Contain("Northwind Traders").And.Contain("<td>Customer</td>");
        (await admin.GetStringAsync("/admin/users?q=newcomer@unlisted.example")).Should().Contain("<td>active</td>");
    }

    [Fact]
    public async Task Roles_GivenByTheAdmin_OpenTheirArea()
    {
        const string email = "kenji.sato@helpdesk.test";
        var admin = await app.SignInAsync("admin@helpdesk.test");
        var id = await app.UserIdAsync(email);
        var page = await admin.GetStringAsync($"/admin/users/{id}");
        var stamp = System.Text.RegularExpressions.Regex.Match(page, "name=\"stamp\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await admin.PostFormAsync($"/admin/users/{id}", [new("stamp", stamp), new("roles", "Engineer"), new("roles", "Manager")], handler: "Roles");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var kenji = await app.SignInAsync(email);
        (await kenji.GetAsync("/manage")).StatusCode.Should().Be(HttpStatusCode.OK, "the new role opens its area");
    }

    [Fact]
    public async Task Jobs_ShowsTheHangfireDashboard_ToTheAdmin()
    {
        var admin = await app.SignInAsync("admin@helpdesk.test");

        var response = await admin.GetAsync("/admin/jobs");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("HelpDesk jobs");
    }
}
