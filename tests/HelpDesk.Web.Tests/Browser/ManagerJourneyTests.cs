using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// A manager's rounds, on a phone, a tablet and a desktop: the home's SLA, queues and month, the workload, a scope
/// draft taken to published, contracts, engineers, the economics and the services catalogue.
/// </summary>
public sealed class ManagerJourneyTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Journey.Widths), MemberType = typeof(Journey))]
    public async Task Manager_ReadsTheDeskAndPublishesAScopeVersion(int width)
    {
        var journey = await Journey.SignInAsync(chromium, app.BaseUrl, "manager", width, "manager@helpdesk.test");
        var page = journey.Page;
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/manage");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SLA at risk" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queues" })).ToBeVisibleAsync();
        var month = page.Locator(".attention-card").Filter(new() { HasText = "This month so far" });
        await Expect(month).ToContainTextAsync("Profit");
        await Expect(month).ToContainTextAsync("CSAT");
        await journey.SeeAsync("home", readme: true);

        var links = page.GetByRole(AriaRole.Navigation, new() { Name = "Manage" });
        await links.GetByRole(AriaRole.Link, new() { Name = "Workload" }).ClickAsync();
        await Expect(journey.Heading).ToHaveTextAsync("Workload");
        await Expect(page.Locator("main")).ToContainTextAsync("Erin Engineer");
        await journey.SeeAsync("workload");

        await page.GotoAsync("/manage/scope");
        await Expect(journey.Heading).ToHaveTextAsync("Scope of Support");
        await journey.SeeAsync("scope");
        var draft = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Keel RTOS" });
        await draft.GetByRole(AriaRole.Link, new() { Name = "Start a draft" }).Or(draft.GetByRole(AriaRole.Link, new() { Name = "Edit the draft" })).ClickAsync();
        await page.GetByLabel("What changed").FillAsync($"Clarified the supported releases ({width} px review).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview and publish" }).ClickAsync();
        await journey.SeeAsync("scope-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish this version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Published");
        await journey.SeeAsync("scope-published");

        await journey.VisitAsync("/manage/contracts", "Contracts", "contracts", showing: "Northwind");
        await journey.VisitAsync("/manage/engineers", "Engineers", "engineers", showing: "Kenji Sato");
        await journey.VisitAsync("/manage/economics", "Support economics", "economics", showing: "Profit");
        await journey.VisitAsync("/manage/services", "Services catalogue", "services");

        await page.Context.CloseAsync();
    }
}
