using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Admin;

public sealed partial class AdminTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Index_ListsEveryUserWithTheirRoles()
    {
        var admin = await app.SignInAsync("admin@helpdesk.test");

        var html = await admin.GetStringAsync("/admin");

        CheckedRoles(html, "engineer@helpdesk.test").Should().Equal("Engineer");
        CheckedRoles(html, "manager@helpdesk.test").Should().Equal("Manager");
        CheckedRoles(html, "customer@northwind.example").Should().Equal("Customer");
        CheckedRoles(html, "admin@helpdesk.test").Should().Equal("Admin");
        RowOf(html, "customer@northwind.example").Should().Contain("Northwind Traders");
        RowOf(html, "newcomer@unlisted.example").Should().Contain("active");
    }

    [Fact]
    public async Task Roles_ReplacesTheUsersRoles()
    {
        const string email = "kenji.sato@helpdesk.test";
        var admin = await app.SignInAsync("admin@helpdesk.test");

        var response = await admin.PostFormAsync("/admin", RolesForm(await app.UserIdAsync(email), "Engineer", "Manager"), handler: "Roles");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.RolesOfAsync(email)).Should().Equal("Engineer", "Manager");
        var kenji = await app.SignInAsync(email);
        (await kenji.GetAsync("/manage")).StatusCode.Should().Be(HttpStatusCode.OK, "the new role opens its area");

        (await admin.PostFormAsync("/admin", RolesForm(await app.UserIdAsync(email), "Manager"), handler: "Roles"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.RolesOfAsync(email)).Should().Equal("Manager");
    }

    [Fact]
    public async Task Roles_IgnoresNamesThatAreNoRole()
    {
        const string email = "lena.fischer@helpdesk.test";
        var admin = await app.SignInAsync("admin@helpdesk.test");

        await admin.PostFormAsync("/admin", RolesForm(await app.UserIdAsync(email), "Engineer", "Superuser"), handler: "Roles");

        (await app.RolesOfAsync(email)).Should().Equal("Engineer");
    }

    [Fact]
    public async Task Roles_RefusesToTakeAdminFromYourself()
    {
        var admin = await app.SignInAsync("admin@helpdesk.test");

        var response = await admin.PostFormAsync("/admin", RolesForm(await app.UserIdAsync("admin@helpdesk.test"), "Manager"), handler: "Roles");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the page comes back with the error");
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("You cannot take the Admin role from yourself");
        (await app.RolesOfAsync("admin@helpdesk.test")).Should().Equal("Admin");
    }

    [Fact]
    public async Task Roles_IsForbidden_ToAManager()
    {
        const string email = "engineer@helpdesk.test";
        var manager = await app.SignInAsync("manager@helpdesk.test");

        var response = await manager.PostFormAsync("/admin", RolesForm(await app.UserIdAsync(email), "Admin"), handler: "Roles");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.RolesOfAsync(email)).Should().Equal("Engineer");
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

    private static List<KeyValuePair<string, string>> RolesForm(int? userId, params string[] roles) =>
        [new("userId", $"{userId}"), .. roles.Select(r => new KeyValuePair<string, string>("roles", r))];

    private static string RowOf(string html, string email) =>
        TableRows().Matches(html).Select(m => m.Value).SingleOrDefault(row => row.Contains($">{email}<", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The admin page lists no {email}.");

    private static List<string> CheckedRoles(string html, string email) =>
        [.. CheckedBox().Matches(RowOf(html, email)).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRows();

    [GeneratedRegex("<input type=\"checkbox\" name=\"roles\" value=\"([^\"]+)\" checked=\"checked\"")]
    private static partial Regex CheckedBox();
}
