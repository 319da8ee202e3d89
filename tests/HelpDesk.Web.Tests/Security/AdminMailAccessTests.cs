using System.Net;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// The administrator runs the mailboxes, and the admin page links to the held mail: Admin may open the desk's mail
/// pages, and only those. (The access matrix covers the other four kinds of visitor.)
/// </summary>
public sealed class AdminMailAccessTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Admin = "admin@helpdesk.test";

    [Fact]
    public async Task HeldMailLink_OnTheAdminPage_OpensForTheAdmin()
    {
        var admin = await app.SignInAsync(Admin);

        var index = await admin.GetStringAsync("/admin");
        var held = await admin.GetAsync("/desk/mail/held");

        index.Should().Contain("<a href=\"/desk/mail/held\">Held mail</a>");
        held.StatusCode.Should().Be(HttpStatusCode.OK);
        (await held.Content.ReadAsStringAsync()).Should().Contain("<h1>Held mail</h1>").And.Contain("<a href=\"/admin\">← Administration</a>").And.NotContain("<a href=\"/desk\">");
    }

    [Theory]
    [InlineData("GET", "/desk/mail/held", HttpStatusCode.OK)]
    [InlineData("POST", "/desk/mail/held", HttpStatusCode.Redirect)]
    [InlineData("GET", "/desk/mail/999999", HttpStatusCode.NotFound)]
    [InlineData("GET", "/desk", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/desk/index", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/desk/tickets/1", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/desk/tickets/1", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/manage", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/portal", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/admin", HttpStatusCode.OK)]
    public async Task Admin_ReachesTheDesksMailPages_AndNoOtherDeskPage(string method, string path, HttpStatusCode expected)
    {
        var admin = await app.SignInAsync(Admin);

        var response = (method, path) switch
        {
            ("GET", _) => await admin.GetAsync(path),
            (_, "/desk/mail/held") => await admin.PostFormAsync(path, new Dictionary<string, string> { ["id"] = "999999" }, handler: "Delete"),
            _ => await PostWithTokenAsync(admin, path),
        };

        response.StatusCode.Should().Be(expected, $"Admin on {method} {path}");
    }

    [Theory]
    [InlineData("engineer@helpdesk.test")]
    [InlineData("manager@helpdesk.test")]
    public async Task Desk_StillReachesHeldMail(string email)
    {
        var staff = await app.SignInAsync(email);

        var held = await staff.GetStringAsync("/desk/mail/held");

        held.Should().Contain("<a href=\"/desk\">← Queues</a>");
    }

    [Fact]
    public async Task Customer_StillCannotOpenHeldMail()
    {
        var customer = await app.SignInAsync("customer@northwind.example");

        (await customer.GetAsync("/desk/mail/held")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>A form post to a page the admin cannot open, with a token read from one they can.</summary>
    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync("/account/forgotpassword");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
    }
}
