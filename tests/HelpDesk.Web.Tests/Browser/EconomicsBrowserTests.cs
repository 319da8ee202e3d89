using System.Globalization;
using System.Text.RegularExpressions;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Demo;
using HelpDesk.Web.Tests.Economics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// A manager walks the support P&amp;L in a real browser: from the Manage home to the dashboard, a quarter of 2021, then
/// region → customer → contract → ticket → its time entries, the period carried all the way, and back up by the
/// breadcrumbs.
/// </summary>
public sealed class EconomicsBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task AManager_DrillsFromARegionToATicketsTimeEntries()
    {
        var baseUrl = app.BaseUrl;
        var seed = await EconomicsSeed.WriteAsync(app);
        var page = await chromium.SignedInPageAsync(baseUrl, DemoData.ManagerEmail);

        await page.GotoAsync("/manage");
        await page.GetByRole(AriaRole.Link, new() { Name = "Support economics" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Support economics", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("select[name=period]").SelectOptionAsync("quarter");
        await page.Locator("input[name=on]").FillAsync("2021-05-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator(".economics-period-label")).ToContainTextAsync("1 Apr 2021 – 30 Jun 2021");

        var pnl = page.Locator("table[data-table=pnl]");
        await pnl.Locator("tr[data-key=Apac]").GetByRole(AriaRole.Link, new() { Name = "Asia-Pacific" }).ClickAsync();
        await Expect(page.Locator("nav.economics-path")).ToContainTextAsync("Asia-Pacific");
        await pnl.GetByRole(AriaRole.Link, new() { Name = "Econ South" }).ClickAsync();
        var contract = HelpDesk.Core.Contracts.Contract.FormatNumber(seed.ContractC);
        await pnl.GetByRole(AriaRole.Link, new() { Name = contract }).ClickAsync();
        await Expect(page.Locator("nav.economics-path")).ToContainTextAsync($"Asia-Pacific › Econ South › {contract}");

        var number = TicketNumber.Format(seed.TicketS1);
        await page.Locator("table[data-table=tickets]").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        var entries = page.Locator("table[data-table=time]");
        await Expect(entries.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(entries.Locator($"tr[data-key='{seed.S1InHouse.ToString(CultureInfo.InvariantCulture)}']")).ToContainTextAsync("Ines Inhouse");
        await Expect(entries.Locator($"tr[data-key='{seed.S1InHouse.ToString(CultureInfo.InvariantCulture)}']")).ToContainTextAsync("90.00");
        await Expect(page.Locator(".time-log-agreement")).ToContainTextAsync("The facts hold 250 minutes");
        await Expect(page).ToHaveURLAsync(new Regex("on=2021-05-15.*region=Apac.*organisation=.*contract=.*ticket="));

        await page.Locator("nav.economics-path").GetByRole(AriaRole.Link, new() { Name = "Asia-Pacific" }).ClickAsync();
        await Expect(pnl.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(pnl).ToContainTextAsync("Econ South");
    }
}
