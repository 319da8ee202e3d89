using HelpDesk.Web.Tests.Entitlement;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>The filing form's environment list follows the product the customer chooses, as its release list does.</summary>
public sealed class EnvironmentListBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _context = await chromium.NewContextAsync(app.BaseUrl);
        await EntitlementSeed.WriteAsync(app);
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    [Fact]
    public async Task ChoosingTheProduct_NarrowsTheEnvironmentsToThoseItsScopeNames()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(EntitlementSeed.Northwind);
        await page.GetByLabel("Password").FillAsync(HelpDeskAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/portal");
        await page.GotoAsync("/portal/tickets/new");
        var environments = page.Locator("#Input_Environment option");
        await Expect(environments.Filter(new() { HasText = "Ubuntu 22.04 LTS" })).ToHaveCountAsync(1);

        await page.Locator("#Input_Product").SelectOptionAsync(EntitlementSeed.ProductName);

        await Expect(environments).ToHaveTextAsync(["Choose the environment…", EntitlementSeed.EnvironmentName]);

        await page.Locator("#Input_Product").SelectOptionAsync("");

        await Expect(environments.Filter(new() { HasText = "Ubuntu 22.04 LTS" })).ToHaveCountAsync(1);
    }
}
