using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// A manager's rounds, on a phone, a tablet and a desktop: the home's SLA, queues and month, the workload, a scope
/// draft taken to published, contracts, engineers, the economics and the services catalogue; and a CSV import of
/// organisations with one bad row, fixed and imported.
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

    [Theory]
    [MemberData(nameof(Journey.Widths), MemberType = typeof(Journey))]
    public async Task Manager_ImportsOrganisations_FixingTheRowTheCheckRefused(int width)
    {
        var journey = await Journey.SignInAsync(chromium, app.BaseUrl, "manager", width, "manager@helpdesk.test");
        var page = journey.Page;
        var names = new[] { $"Imported {width} {Guid.NewGuid():N}"[..22], $"Imported {width} {Guid.NewGuid():N}"[..22] };
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Manage" }).GetByRole(AriaRole.Link, new() { Name = "Import from CSV" }).ClickAsync();
        await Expect(journey.Heading).ToHaveTextAsync("Import from a CSV file");
        await journey.SeeAsync("import");

        await page.GetByLabel("What the file holds").SelectOptionAsync("organisations");
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("organisations.csv", $"{names[0]},Emea,Key,", $"{names[1]},Mars,Key,"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        var problems = page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Problems in organisations.csv" });
        await Expect(problems.GetByRole(AriaRole.Row).Filter(new() { HasText = "region" })).ToContainTextAsync("Choose a region: Emea, Americas, Apac.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import 2 rows" })).ToHaveCountAsync(0);
        await journey.SeeAsync("import-problems");

        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("organisations.csv", $"{names[0]},Emea,Key,", $"{names[1]},Americas,Key,"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("2 rows are ready");
        await journey.SeeAsync("import-ready");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 rows" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2 organisations imported from organisations.csv" })).ToBeVisibleAsync();
        await journey.SeeAsync("import-done");
        await page.GetByRole(AriaRole.Link, new() { Name = names[1] }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(names[1]);

        await page.Context.CloseAsync();
    }

    private static FilePayload Csv(string name, params string[] rows) => new()
    {
        Name = name,
        MimeType = "text/csv",
        Buffer = System.Text.Encoding.UTF8.GetBytes("name,region,segment,domains\n" + string.Join("\n", rows) + "\n"),
    };
}
