using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// An engineer's shift, on a phone, a tablet and a desktop: the desk's home, the triage queue, classifying a ticket
/// filed without a product, taking it, replying, a note, time and resolving it.
/// </summary>
public sealed class EngineerJourneyTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Journey.Widths), MemberType = typeof(Journey))]
    public async Task Engineer_WorksATicketFromTheQueueToResolved(int width)
    {
        var subject = $"Journey {width}: the nightly export stops at forty percent";
        await FileWithoutAProductAsync(subject);

        var journey = await Journey.SignInAsync(chromium, app.BaseUrl, "engineer", width, "engineer@helpdesk.test");
        var page = journey.Page;
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/desk");
        await Expect(journey.Heading).ToHaveTextAsync("Engineer desk");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your tickets due soonest" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Waiting in skill queues" })).ToBeVisibleAsync();
        await journey.SeeAsync("home", readme: true);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Queues" }).GetByRole(AriaRole.Link, new() { Name = "Triage" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = subject });
        await Expect(row).ToContainTextAsync("needs classification");
        await journey.SeeAsync("triage");

        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(journey.Heading).ToContainTextAsync(subject);
        await journey.SeeAsync("ticket");

        var classify = page.Locator("form.classification-form");
        await classify.Locator("select[name='Classification.Product']").SelectOptionAsync(new SelectOptionValue { Label = "Keel RTOS" });
        await classify.Locator("select[name='Classification.Release']").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await classify.GetByRole(AriaRole.Button, new() { Name = "Classify and judge again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Classified and judged again");
        await Expect(page.Locator(".badge.needs-classification")).ToHaveCountAsync(0);
        await journey.SeeAsync("classified");

        var take = page.GetByRole(AriaRole.Button, new() { Name = "Take it" });
        if (await take.IsVisibleAsync())
        {
            await take.ClickAsync();
            await Expect(page.Locator("dd.assignee")).ToContainTextAsync("Erin Engineer");
        }

        await page.Locator("#reply-body").FillAsync("Thank you: we reproduced it and are preparing a fix.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(page.Locator("ol.conversation")).ToContainTextAsync("we reproduced it and are preparing a fix");
        await page.Locator("#reply-body").FillAsync("Same cause as the March export defect.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add internal note" }).ClickAsync();
        await Expect(page.Locator("ol.conversation .message.note").Filter(new() { HasText = "Same cause as the March export defect." })).ToBeVisibleAsync();
        await journey.SeeAsync("replied-and-noted");

        await page.GetByLabel("Minutes").FillAsync("35");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log time" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("35 min");
        await page.Locator("select[name='StatusChange.Status']").SelectOptionAsync("Resolved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Expect(page.Locator("dl.ticket-facts").First).ToContainTextAsync("Resolved");
        await journey.SeeAsync("resolved");

        await page.Context.CloseAsync();
    }

    /// <summary>Files a ticket as Northwind's script does through the API, with no product named: it needs classification.</summary>
    private async Task FileWithoutAProductAsync(string subject)
    {
        using var script = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await script.PostAsJsonAsync("/api/auth/login", new { email = "customer@northwind.example", password = Infrastructure.HelpDeskAppFactory.Password });
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        var filed = await script.PostAsJsonAsync("/api/tickets", new { subject, body = "Since this morning the export stops.", severity = 3 });
        filed.EnsureSuccessStatusCode();
    }
}
