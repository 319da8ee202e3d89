using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// A customer's first hour, on a phone, a tablet and a desktop: lands on what needs them, reads their cover, files a
/// ticket seeing the verdict before sending it, replies, resolves it and rates the answer.
/// </summary>
public sealed class CustomerJourneyTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Journey.Widths), MemberType = typeof(Journey))]
    public async Task Customer_FilesFollowsResolvesAndRatesATicket(int width)
    {
        var journey = await Journey.SignInAsync(chromium, app.BaseUrl, "customer", width, "customer@northwind.example");
        var page = journey.Page;
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/portal");
        await Expect(journey.Heading).ToHaveTextAsync("Customer portal");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Needs your attention" })).ToBeVisibleAsync();
        await Expect(page.Locator("table.portal-tickets")).ToContainTextAsync("HD-");
        await journey.SeeAsync("home", readme: true);

        await journey.MenuAsync("Our support");
        await Expect(journey.Heading).ToHaveTextAsync("Our support");
        await Expect(page.Locator("main")).ToContainTextAsync("Northwind");
        await journey.SeeAsync("cover");

        await journey.MenuAsync("Portal");
        await page.GetByRole(AriaRole.Link, new() { Name = "File a ticket" }).First.ClickAsync();
        await Expect(journey.Heading).ToHaveTextAsync("File a ticket");
        await page.Locator("#Input_Product").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Expect(page.Locator("#Input_ProductRelease option")).Not.ToHaveCountAsync(1);
        await page.Locator("#Input_ProductRelease").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#Input_Environment").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        // The verdict of the fields as they now stand: the preview is busy until its latest question is answered.
        var verdict = page.Locator("#coverage:not([aria-busy]) [data-verdict]");
        await Expect(verdict).ToHaveAttributeAsync("data-verdict", new Regex(@"^\w+$"));
        var expected = await verdict.GetAttributeAsync("data-verdict");
        var subject = $"Journey {width}: the label printer skips every tenth label after the nightly update";
        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync(subject);
        await page.GetByLabel("Description").FillAsync("Since the update on Monday the printer skips labels on both lines.");
        await journey.SeeAsync("verdict-before-filing");

        await page.GetByRole(AriaRole.Button, new() { Name = "File the ticket" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(app.BaseUrl)}/portal/tickets/HD-\\d+$"));
        var number = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Ticket {number} filed");
        await Expect(journey.Heading).ToContainTextAsync(subject);
        await Expect(page.Locator("section.entitlement [data-verdict]")).ToHaveAttributeAsync("data-verdict", expected!);
        await journey.SeeAsync("filed");

        await page.GetByLabel("Your reply").FillAsync("One more thing: it also happens on the spare printer.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(page.Locator("ol.conversation")).ToContainTextAsync("it also happens on the spare printer");
        await journey.SeeAsync("replied");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as resolved" }).ClickAsync();
        await Expect(page.Locator("dl.ticket-facts .badge.status-resolved")).ToBeVisibleAsync();
        await page.GetByLabel("5 – very satisfied").CheckAsync();
        await journey.SeeAsync("resolved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rate" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("You rated this 5/5");
        await journey.SeeAsync("rated");

        await page.Context.CloseAsync();
    }
}
