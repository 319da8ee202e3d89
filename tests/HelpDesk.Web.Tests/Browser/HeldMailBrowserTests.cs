using HelpDesk.Core.Mail;
using HelpDesk.Web.Tests.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// An engineer clears held mail in a browser: filters the list to one sender, ticks every message on the page but
/// one, releases them, and reads what became of each, with links to the tickets made, while the one left stays held.
/// </summary>
public sealed class HeldMailBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    private const string Engineer = "engineer@helpdesk.test";

    [Fact]
    public async Task FilterBySender_SelectAllButOne_ReleaseSelected_ReportsEachTicket()
    {
        var tag = "away" + Guid.NewGuid().ToString("N")[..8];
        var held = new List<int>();
        foreach (var subject in new[] { "Away until Monday", "Away until Tuesday", "Away until Friday" })
        {
            held.Add(await HoldAsync($"{tag}@northwind.example", subject));
        }

        var other = await HoldAsync($"other{tag}@fabrikam.example", "Away elsewhere");
        var page = await chromium.SignedInPageAsync(app.BaseUrl, Engineer);

        await page.GotoAsync("/desk/mail/held");
        await page.GetByLabel("Sender").FillAsync($"{tag}@northwind");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("table.held tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("span.count[data-reason=robot]")).ToHaveTextAsync("3");
        await Expect(page.Locator($"#held-{other}")).ToHaveCountAsync(0);

        await page.GetByLabel("all on this page").CheckAsync();
        await Expect(page.Locator("input[name=ids]:checked")).ToHaveCountAsync(3);
        await page.Locator($"#held-{held[1]} input[name=ids]").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Release selected" }).ClickAsync();

        var outcomes = page.Locator("section.review-outcomes");
        await Expect(outcomes).ToContainTextAsync("2 of 2 selected messages dealt with");
        await Expect(outcomes.Locator($"#outcome-{held[0]}")).ToContainTextAsync("Away until Monday");
        await Expect(outcomes.Locator($"#outcome-{held[0]} a")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^HD-\\d+$"));
        await Expect(outcomes.Locator($"#outcome-{held[2]} a")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^HD-\\d+$"));
        await Expect(page.GetByLabel("Sender")).ToHaveValueAsync($"{tag}@northwind");
        await Expect(page.Locator("table.held tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#held-{held[1]}")).ToContainTextAsync("Away until Tuesday");

        await outcomes.Locator($"#outcome-{held[0]} a").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Away until Monday");

        await using var scope = app.Services.CreateAsyncScope();
        var inbound = scope.ServiceProvider.GetRequiredService<IInboundMailStore>();
        (await inbound.GetAsync(held[0]))!.Status.Should().Be(InboundStatus.Released);
        (await inbound.GetAsync(held[1]))!.Status.Should().Be(InboundStatus.Held);
        (await inbound.GetAsync(held[2]))!.Status.Should().Be(InboundStatus.Released);
        (await inbound.GetAsync(other))!.Status.Should().Be(InboundStatus.Held);
    }

    // Through the real intake: an out-of-office is held as a robot's mail.
    private async Task<int> HoldAsync(string from, string subject)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<IEmailIntake>().ReceiveAsync(
            InboundMailEndpointTests.Message(from, subject, $"<{Guid.NewGuid():N}@mail.example>", "Auto-Submitted: auto-replied", "Back soon."),
            "api");
        outcome.Result.Should().Be(IntakeResult.Held);
        return outcome.InboundId!.Value;
    }
}
