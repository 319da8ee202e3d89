using HelpDesk.Web.Tests.Entitlement;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>The filing form's coverage preview follows the fields as the customer changes them, before anything is sent.</summary>
public sealed class CoveragePreviewBrowserTests(EntitlementBrowserApp app, ChromiumFixture chromium)
    : IClassFixture<EntitlementBrowserApp>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private IBrowserContext _context = null!;

    public async Task InitializeAsync() => _context = await chromium.NewContextAsync(app.BaseUrl);

    public async Task DisposeAsync() => await _context.CloseAsync();

    [Fact]
    public async Task ChangingTheRelease_SwitchesThePreviewFromCoveredToOutOfScope()
    {
        var page = await SignedInAsync();
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
        await Expect(preview).ToContainTextAsync($"Covered by your {EntitlementSeed.PlanName} contract {app.Seed.ContractNumber}: first response within {EntitlementSeed.NormalFirstResponse}.");

        await release.SelectOptionAsync(EntitlementSeed.EndedRelease);

        await Expect(preview.Locator("[data-verdict]")).ToHaveAttributeAsync("data-verdict", "OutOfScope");
        await Expect(preview).ToContainTextAsync("This looks out of scope because");
        await Expect(preview.GetByRole(AriaRole.Link, new() { Name = "Supported releases" })).ToHaveAttributeAsync("href", EntitlementSeed.ReleasesClauseUrl);

        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Browser: imager on 6.1");
        await page.GetByLabel("Description").FillAsync("It stops after the first page.");
        await page.GetByRole(AriaRole.Button, new() { Name = "File the ticket" }).ClickAsync();
        await Expect(page.Locator("section.entitlement [data-verdict]")).ToHaveAttributeAsync("data-verdict", "OutOfScope");
    }

    private async Task<IPage> SignedInAsync()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(EntitlementSeed.Northwind);
        await page.GetByLabel("Password").FillAsync(HelpDeskAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task AProductChosenBeforeTheScriptRuns_StillGetsItsReleasesAndAVerdict()
    {
        var page = await SignedInAsync();

        // The script is held back: a customer quick on a slow line chooses the product while the page is still loading.
        var script = new TaskCompletionSource();
        await page.RouteAsync("**/js/coverage.js*", async route =>
        {
            await script.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync("/portal/tickets/new", new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("#Input_Product").SelectOptionAsync(EntitlementSeed.ProductName);
        var release = page.Locator("#Input_ProductRelease");
        await Expect(release.Locator("option")).ToHaveCountAsync(1);
        script.SetResult();

        await Expect(release.Locator("option")).ToHaveTextAsync(["Choose the release…", EntitlementSeed.CurrentRelease, EntitlementSeed.PreviousRelease, EntitlementSeed.EndedRelease]);
        await release.SelectOptionAsync(EntitlementSeed.CurrentRelease);
        await page.Locator("#Input_Environment").SelectOptionAsync(EntitlementSeed.EnvironmentName);
        await Expect(page.Locator("#coverage [data-verdict]")).ToHaveAttributeAsync("data-verdict", "Entitled");
    }
}

/// <summary>The browser's app with <see cref="EntitlementSeed"/> written once, for a test class.</summary>
public sealed class EntitlementBrowserApp : BrowserAppFactory, IAsyncLifetime
{
    public EntitlementSeed Seed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _ = BaseUrl;
        Seed = await EntitlementSeed.WriteAsync(this);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
