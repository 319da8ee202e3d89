using System.Net;
using HelpDesk.Core.Mail;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Mail;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task TicketPages_AllowStyleAttributesAndHttpsImages_AndNoOtherPageDoes()
    {
        IntakeOutcome filed;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            filed = await scope.ServiceProvider.GetRequiredService<IEmailIntake>().ReceiveAsync(
                InboundMailEndpointTests.Message("customer@northwind.example", "Policy of a ticket page", $"<{Guid.NewGuid():N}@mail.northwind.example>"), "api");
        }

        var engineer = await app.SignInAsync("engineer@helpdesk.test");
        var customer = await app.SignInAsync("customer@northwind.example");
        foreach (var (client, path) in new[] { (engineer, $"/desk/tickets/HD-{filed.TicketId}"), (customer, $"/portal/tickets/HD-{filed.TicketId}") })
        {
            var response = await client.GetAsync(path);

            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Headers.GetValues("Content-Security-Policy").Single().Should()
                .Contain("script-src 'self';").And.Contain("style-src 'self'; style-src-attr 'unsafe-inline';").And.Contain("img-src 'self' data: https:;");
        }

        foreach (var (client, path) in new[] { (engineer, "/desk"), (customer, "/portal"), (customer, "/portal/tickets/new") })
        {
            var response = await client.GetAsync(path);

            response.Headers.GetValues("Content-Security-Policy").Single().Should().NotContain("unsafe-inline", path).And.NotContain("https:", path);
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
