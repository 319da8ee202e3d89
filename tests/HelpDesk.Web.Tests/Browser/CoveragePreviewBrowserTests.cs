using HelpDesk.Web.Tests.Entitlement;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>The filing form's coverage preview follows the fields as the customer changes them, before anything is sent.</summary>
public sealed class CoveragePreviewBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private EntitlementSeed _seed = null!;

    public async Task InitializeAsync()
    {
        _context = await chromium.NewContextAsync(app.BaseUrl);
        _seed = await EntitlementSeed.WriteAsync(app);
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    [Fact]
    public async Task ChangingTheRelease_SwitchesThePreviewFromCoveredToOutOfScope()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(EntitlementSeed.Northwind);
        await page.GetByLabel("Password").FillAsync(HelpDeskAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync("/portal/tickets/new");
        var preview = page.Locator("#coverage");
        await Expect(preview).ToContainTextAsync("Choose the product");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check coverage" })).ToBeHiddenAsync();

        await page.Locator("#Input_Product").SelectOptionAsync(EntitlementSeed.ProductName);
        var release = page.Locator("#Input_ProductRelease");
        await Expect(release.Locator("option")).ToHaveTextAsync(["Choose the release…", EntitlementSeed.CurrentRelease, EntitlementSeed.PreviousRelease, EntitlementSeed.EndedRelease]);
        await release.SelectOptionAsync(EntitlementSeed.CurrentRelease);
        await page.Locator("#Input_Environment").SelectOptionAsync(EntitlementSeed.EnvironmentName);
        await Expect(preview.Locator("[data-verdict]")).ToHaveAttributeAsync("data-verdict", "Entitled");
        await Expect(preview).ToContainTextAsync($"Covered by your {EntitlementSeed.PlanName} contract {_seed.ContractNumber}: first response within {EntitlementSeed.NormalFirstResponse}.");

        await release.SelectOptionAsync(EntitlementSeed.EndedRelease);

        await Expect(preview.Locator("[data-verdict]")).ToHaveAttributeAsync("data-verdict", "OutOfScope");
        await Expect(preview).ToContainTextAsync("This looks out of scope because");
        await Expect(preview.GetByRole(AriaRole.Link, new() { Name = "Supported releases" })).ToHaveAttributeAsync("href", EntitlementSeed.ReleasesClauseUrl);

        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Browser: imager on 6.1");
        await page.GetByLabel("Description").FillAsync("It stops after the first page.");
        await page.GetByRole(AriaRole.Button, new() { Name = "File the ticket" }).ClickAsync();
        await Expect(page.Locator("section.entitlement [data-verdict]")).ToHaveAttributeAsync("data-verdict", "OutOfScope");
    }
}
