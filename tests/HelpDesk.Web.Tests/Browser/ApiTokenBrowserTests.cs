using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>An engineer makes an API token on a phone-sized screen, copies it, sees it work, and revokes it.</summary>
public sealed class ApiTokenBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Engineer_MakesATokenOnTheTokenPage_UsesIt_ThenRevokesIt()
    {
        var journey = await Journey.SignInAsync(chromium, app.BaseUrl, "tokens", 390, "engineer@helpdesk.test");
        var page = journey.Page;
        await journey.VisitAsync("/account/tokens", "API tokens", "token-list", showing: "No tokens yet.");

        await page.GetByLabel("Name").FillAsync("Nightly report");
        await page.GetByLabel("tickets:read").CheckAsync();
        await page.GetByLabel("In 30 days").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the token" }).ClickAsync();
        var shown = page.Locator("#new-token");
        await Expect(shown).ToContainTextAsync("hd_");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy token" })).ToBeVisibleAsync();
        await journey.SeeAsync("token-made");
        var token = (await shown.TextContentAsync())!.Trim();

        using var script = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await script.GetAsync("/api/tickets")).StatusCode.Should().Be(HttpStatusCode.OK);

        await page.GotoAsync("/account/tokens");
        await Expect(page.Locator("#new-token")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke Nightly report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revoke “Nightly report”?" })).ToBeVisibleAsync();
        await journey.SeeAsync("token-confirm-revoke");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the token" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("“Nightly report” is revoked");
        await Expect(page.Locator("table.api-tokens")).ToContainTextAsync("revoked");
        await journey.SeeAsync("token-revoked");

        (await script.GetAsync("/api/tickets")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await page.Context.CloseAsync();
    }
}
