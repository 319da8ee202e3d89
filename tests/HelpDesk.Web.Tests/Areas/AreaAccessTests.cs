using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Areas;

public sealed partial class AreaAccessTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static readonly string[] AreaPages = ["/portal", "/desk", "/manage", "/admin", "/admin/jobs"];

    // Who may open which area page; everyone else signed in gets 403.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["customer"] = ["/portal"],
        ["engineer"] = ["/desk"],
        ["manager"] = ["/desk", "/manage"],
        ["admin"] = ["/admin", "/admin/jobs"],
    };

    private static readonly Dictionary<string, string> EmailOf = new(StringComparer.Ordinal)
    {
        ["customer"] = "customer@northwind.example",
        ["engineer"] = "engineer@helpdesk.test",
        ["manager"] = "manager@helpdesk.test",
        ["admin"] = "admin@helpdesk.test",
    };

    public static TheoryData<string, string, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var page in AreaPages)
        {
            data.Add("anonymous", page, HttpStatusCode.Redirect);
            foreach (var (who, pages) in Allowed)
            {
                data.Add(who, page, pages.Contains(page) ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task AreaPage_AnswersByRole_ForEachVisitor(string who, string page, HttpStatusCode expected)
    {
        var client = who == "anonymous" ? app.CreateAnonymousClient() : await app.SignInAsync(EmailOf[who]);

        var response = await client.GetAsync(page);

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.Redirect)
        {
            PathOf(response.Headers.Location!).Should().Be($"/account/signin?ReturnUrl={Uri.EscapeDataString(page)}");
        }
    }

    [Fact]
    public async Task AreaPage_ExplainsTheRefusal_WhenAnotherRoleOpensIt()
    {
        var client = await app.SignInAsync("customer@northwind.example");

        var response = await client.GetAsync("/manage");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Not for your role");
    }

    public static TheoryData<string, string[]> Navigation() => new()
    {
        { "anonymous", [] },
        { "customer", ["/portal", "/portal/support", "/portal/value"] },
        { "engineer", ["/desk"] },
        { "manager", ["/desk", "/manage"] },
        { "admin", ["/admin"] },
    };

    [Theory]
    [MemberData(nameof(Navigation))]
    public async Task Layout_ShowsExactlyTheAreasOfTheRole_OnTheHomePage(string who, string[] expected)
    {
        var client = who == "anonymous" ? app.CreateAnonymousClient() : await app.SignInAsync(EmailOf[who]);

        var html = await client.GetStringAsync("/");

        var nav = MainNavigation().Match(html);
        nav.Success.Should().BeTrue("the layout has a main navigation");
        var links = Links().Matches(nav.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
        links.Should().Contain("/scope", "the published Scope of Support is for everyone");
        links.Where(link => link != "/scope").Should().BeEquivalentTo(expected);
        foreach (var area in new[] { "/portal", "/desk", "/manage", "/admin" }.Except(expected))
        {
            html.Should().NotContain($"href=\"{area}\"", "the {0} has no business in {1}", who, area);
        }
    }

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    [GeneratedRegex("<nav aria-label=\"Main\">(.*?)</nav>", RegexOptions.Singleline)]
    private static partial Regex MainNavigation();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Links();
}
