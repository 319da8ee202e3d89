using System.Net;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Every response, error responses included, carries the Content-Security-Policy and the other headers.</summary>
public sealed class SecurityHeadersTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    public static TheoryData<string> Paths() => ["/", "/account/signin", "/no-such-page", "/api/no-such-thing", "/api/me"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Response_CarriesAPolicyWithoutInlineScript_AndARequestId(string path)
    {
        var response = await app.CreateAnonymousClient().GetAsync(path);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("script-src 'self';").And.NotContain("unsafe-inline").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("Permissions-Policy").Single().Should().Contain("camera=()");
        response.Headers.GetValues("X-Request-Id").Single().Should().NotBeNullOrWhiteSpace();
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptOrHandler()
    {
        var client = await app.SignInAsync("customer@northwind.example");

        foreach (var path in new[] { "/", "/portal", "/portal/tickets/new", "/account/signin" })
        {
            var html = await client.GetStringAsync(path);
            System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\b(src|type=\"application/json\"))[^>]*>").Should().BeEmpty(path);
            html.Should().NotMatchRegex("\\son[a-z]+=\"", path);
        }
    }

    [Fact]
    public async Task ErrorPage_ShowsTheRequestIdAfterAPost()
    {
        var response = await app.CreateAnonymousClient().PostAsync("/error", new FormUrlEncodedContent([]));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        (await response.Content.ReadAsStringAsync()).Should().Contain($"<code>{id}</code>");
    }
}
