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

        // Erin's page shows the note where it belongs without a reload, and says so.
        var notice = erin.Locator("#live-notice");
        await Expect(notice).ToContainTextAsync("Changed by Kenji Sato just now — shown below.", new() { Timeout = Generous });
        await Expect(erin.Locator("ol.conversation .message.note").Filter(new() { HasText = "Looking into the spooler logs now" })).ToBeVisibleAsync();
        await Expect(queue.Locator("#live-notice")).ToContainTextAsync("Tickets changed — shown below.", new() { Timeout = Generous });
        await Expect(kenji.Locator("#live-notice")).ToBeEmptyAsync();

        // The pings stopped with the note, so the notice of replying goes within seconds.
        await Expect(presence).ToBeEmptyAsync(new() { Timeout = Generous });

        // The reply box put in place by the refresh still tells Kenji that Erin is replying.
        await erin.Locator("#reply-body").PressSequentiallyAsync("I can take the call with them");
        await Expect(kenji.Locator("#live-presence")).ToHaveTextAsync("Erin Engineer is replying…", new() { Timeout = Generous });

        await erin.Context.CloseAsync();
        await kenji.Context.CloseAsync();
    }

    [Fact]
    public async Task Refresh_ShowsAColleaguesStatusChange_AndKeepsTheReplyBeingTyped()
    {
        var erin = await chromium.SignedInPageAsync(app.BaseUrl, "engineer@helpdesk.test");
        erin.Context.SetDefaultTimeout(Generous);
        await erin.GotoAsync("/desk?queue=All&sort=Created");
        var ticketUrl = await erin.Locator("table.tickets a[href^='/desk/tickets/HD-']").Nth(1).GetAttributeAsync("href");
        var number = ticketUrl!["/desk/tickets/".Length..];
        var queue = await erin.Context.NewPageAsync();
        await queue.GotoAsync("/desk?queue=All&sort=Created");
        await erin.GotoAsync(ticketUrl!);

        var kenji = await chromium.SignedInPageAsync(app.BaseUrl, "kenji.sato@helpdesk.test");
        kenji.Context.SetDefaultTimeout(Generous);
        await kenji.GotoAsync(ticketUrl!);
        foreach (var page in new[] { erin, queue, kenji })
        {
            await Expect(page.Locator("#live-desk")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = Generous });
        }

        await erin.Locator("#reply-body").FillAsync("We found the cause: the driver's buffer is too small.");
        await erin.Locator("h1").ClickAsync();

        var status = kenji.Locator("form").Filter(new() { Has = kenji.GetByRole(AriaRole.Heading, new() { Name = "Status" }) });
        var select = status.Locator("select[name='StatusChange.Status']");
        var current = await StatusOf(kenji).TextContentAsync();
        var choice = (await select.Locator("option").AllTextContentsAsync())
            .First(option => option != current && option is not ("Resolved" or "Closed"));
        await select.SelectOptionAsync(new SelectOptionValue { Label = choice });
        await status.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        var kenjisStatus = StatusOf(kenji);
        await Expect(kenjisStatus).ToHaveTextAsync(choice);

        // The facts, the audit trail and the queue's row change in place; the reply Erin typed stays as she left it.
        await Expect(erin.Locator("#live-notice")).ToContainTextAsync("Changed by Kenji Sato just now — shown below, except the form you are working in", new() { Timeout = Generous });
        await Expect(StatusOf(erin)).ToHaveTextAsync(choice);
        await Expect(erin.Locator("table.audit")).ToContainTextAsync("Kenji Sato");
        await Expect(erin.Locator("#reply-body")).ToHaveValueAsync("We found the cause: the driver's buffer is too small.");
        var row = queue.GetByRole(AriaRole.Row).Filter(new() { Has = queue.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });
        await Expect(row).ToContainTextAsync(choice, new() { Timeout = Generous });

        await erin.Context.CloseAsync();
        await kenji.Context.CloseAsync();
    }

    [Fact]
    public async Task DeskRows_AtADesktopWidth_AreAtMostTwoLinesHigh()
    {
        var erin = await chromium.SignedInPageAsync(app.BaseUrl, "engineer@helpdesk.test", width: 1440);
        foreach (var url in new[] { "/desk?queue=Triage", "/desk?queue=All", "/desk?queue=Unassigned", "/desk?queue=Mine" })
        {
            await erin.GotoAsync(url);
            var tallest = await erin.EvaluateAsync<System.Text.Json.JsonElement?>(
                """
                () => {
                  const rows = [...document.querySelectorAll("table.tickets tbody tr")];
                  if (rows.length === 0) return null;
                  const content = cell => {
                    const range = document.createRange();
                    range.selectNodeContents(cell);
                    return range.getBoundingClientRect().height;
                  };
                  const line = Math.min(...rows.map(row => content(row.cells[0])));
                  const cells = rows.flatMap(row => [...row.cells]);
                  const cell = cells.reduce((a, b) => content(b) > content(a) ? b : a);
                  const columns = [...document.querySelectorAll("table.tickets thead th")].map(th => th.innerText + " " + Math.round(th.getBoundingClientRect().width));
                  return { line, height: content(cell), text: cell.innerText, overflow: document.documentElement.scrollWidth - window.innerWidth, columns: columns.join(", ") };
                }
                """);
            if (tallest is not { ValueKind: System.Text.Json.JsonValueKind.Object } cell)
            {
                continue;
            }

            cell.GetProperty("overflow").GetDouble().Should().BeLessThanOrEqualTo(0, $"{url} must fit 1440 px without scrolling sideways; its columns are {cell.GetProperty("columns").GetString()}");
            var line = cell.GetProperty("line").GetDouble();
            cell.GetProperty("height").GetDouble().Should().BeLessThanOrEqualTo(
                (2 * line) + 1, $"every row of {url} must keep to one or two lines at 1440 px; \"{cell.GetProperty("text").GetString()}\" takes more");
        }

        await erin.Context.CloseAsync();
    }

    private static ILocator StatusOf(IPage page) =>
        page.Locator("[data-live-region='summary'] dl.ticket-facts > div").Filter(new() { HasText = "Status" }).Locator("dd");
}
