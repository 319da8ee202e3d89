using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// Two engineers on one ticket, each in a browser of their own: the one who watches sees the other start replying,
/// sees the notice when the other's note is saved, and the queue page sees that tickets changed. Nobody answers one
/// customer twice.
/// </summary>
public sealed class LiveDeskBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    private const float Generous = 30_000;

    [Fact]
    public async Task Engineer_SeesAColleagueReplying_AndTheChangeTheirNoteMakes()
    {
        var erin = await chromium.SignedInPageAsync(app.BaseUrl, "engineer@helpdesk.test");
        erin.Context.SetDefaultTimeout(Generous);
        await erin.GotoAsync("/desk?queue=All");
        var ticketUrl = await erin.Locator("table.tickets a[href^='/desk/tickets/HD-']").First.GetAttributeAsync("href");
        var queue = await erin.Context.NewPageAsync();
        await queue.GotoAsync("/desk?queue=All");
        await erin.GotoAsync(ticketUrl!);

        var kenji = await chromium.SignedInPageAsync(app.BaseUrl, "kenji.sato@helpdesk.test");
        kenji.Context.SetDefaultTimeout(Generous);
        await kenji.GotoAsync(ticketUrl!);
        foreach (var page in new[] { erin, queue, kenji })
        {
            await Expect(page.Locator("#live-desk")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = Generous });
        }

        await kenji.Locator("#reply-body").PressSequentiallyAsync("Looking into the spooler logs now");

        var presence = erin.Locator("#live-presence");
        await Expect(presence).ToHaveTextAsync("Kenji Sato is replying…", new() { Timeout = Generous });
        await Expect(presence).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(kenji.Locator("#live-presence")).ToBeEmptyAsync();

        await kenji.GetByRole(AriaRole.Button, new() { Name = "Add internal note" }).ClickAsync();
        await Expect(kenji.Locator("ol.conversation .message.note").Filter(new() { HasText = "Looking into the spooler logs now" })).ToBeVisibleAsync();

        var notice = erin.Locator("#live-notice");
        await Expect(notice).ToContainTextAsync("Changed by Kenji Sato just now", new() { Timeout = Generous });
        await Expect(queue.Locator("#live-notice")).ToContainTextAsync("Tickets changed", new() { Timeout = Generous });
        await Expect(kenji.Locator("#live-notice")).ToBeEmptyAsync();

        // The pings stopped with the note, so the notice of replying goes within seconds.
        await Expect(presence).ToBeEmptyAsync(new() { Timeout = Generous });

        await notice.GetByRole(AriaRole.Link, new() { Name = "Reload" }).ClickAsync();
        await Expect(erin.Locator("ol.conversation .message.note").Filter(new() { HasText = "Looking into the spooler logs now" })).ToBeVisibleAsync();
        await Expect(erin.Locator("#live-notice")).ToBeEmptyAsync();

        await erin.Context.CloseAsync();
        await kenji.Context.CloseAsync();
    }
}
