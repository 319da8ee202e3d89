using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// An administrator's check, on a phone, a tablet and a desktop: mail and job health at home, the users, the outbox and
/// held mail, webhooks, service accounts, API tokens and the job dashboard.
/// </summary>
public sealed class AdminJourneyTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Journey.Widths), MemberType = typeof(Journey))]
    public async Task Admin_ChecksMailJobsAndUsers(int width)
    {
        var journey = await Journey.SignInAsync(chromium, app.BaseUrl, "admin", width, "admin@helpdesk.test");
        var page = journey.Page;
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/admin");
        await Expect(journey.Heading).ToHaveTextAsync("Administration");
        var jobs = page.Locator("section.attention").Filter(new() { HasText = "Background jobs" });
        await Expect(jobs).ToContainTextAsync("failed");
        await Expect(jobs).ToContainTextAsync("No job server is processing jobs");
        await Expect(page.Locator("main")).ToContainTextAsync("Outbox");
        await journey.SeeAsync("home", readme: true);

        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Expect(journey.Heading).ToHaveTextAsync("Users");
        await Expect(page.Locator("main")).ToContainTextAsync("kenji.sato@helpdesk.test");
        await journey.SeeAsync("users");

        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Outbox" }).ClickAsync();
        await Expect(journey.Heading).ToHaveTextAsync("Outbox");
        await journey.SeeAsync("outbox");

        await journey.VisitAsync("/admin/mail/mailboxes", "Mailboxes", "mailboxes");
        await journey.VisitAsync("/desk/mail/held", "Held mail", "held-mail");

        await journey.VisitAsync("/admin/webhooks", "Webhooks", "webhooks");
        await journey.VisitAsync("/admin/webhooks/edit", "New webhook", "new-webhook", showing: "ticket.created");
        await journey.VisitAsync("/admin/service-accounts", "Service accounts", "service-accounts");
        await journey.VisitAsync("/account/tokens", "API tokens", "api-tokens");

        await page.GotoAsync("/admin/jobs/recurring");
        await Expect(page.Locator("h1")).ToContainTextAsync("Recurring");
        await journey.SeeAsync("jobs");

        await page.Context.CloseAsync();
    }
}
