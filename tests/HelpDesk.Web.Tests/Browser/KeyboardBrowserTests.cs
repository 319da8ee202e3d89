using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// Without a mouse: a customer files a ticket and an engineer writes a note with the keyboard alone, and the control
/// that has the focus can be seen wherever they are.
/// </summary>
public sealed class KeyboardBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    private const int MostTabs = 80;

    [Fact]
    public async Task Customer_FilesATicket_WithTheKeyboardAlone()
    {
        var page = await chromium.SignedInPageAsync(app.BaseUrl, "customer@northwind.example");
        await page.GotoAsync("/portal/tickets/new");

        await TabToAsync(page, page.Locator("#Input_Product"));
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#Input_Product")).Not.ToHaveValueAsync("");
        await TabToAsync(page, page.Locator("#Input_ProductRelease"));
        await Expect(page.Locator("#Input_ProductRelease option")).Not.ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, page.Locator("#Input_Environment"));
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#coverage [data-verdict]")).ToBeVisibleAsync();

        await TabToAsync(page, page.GetByLabel("Subject", new() { Exact = true }));
        await page.Keyboard.TypeAsync("Keyboard: the scanner beeps twice on every label");
        await TabToAsync(page, page.GetByLabel("Description"));
        await page.Keyboard.TypeAsync("It started after the firmware update.");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "File the ticket" }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex($"/portal/tickets/HD-\\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Keyboard: the scanner beeps twice on every label");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Engineer_AddsANoteOnTheDeskTicketPage_WithTheKeyboardAlone()
    {
        var page = await chromium.SignedInPageAsync(app.BaseUrl, "engineer@helpdesk.test");
        await page.GotoAsync("/desk?queue=All");
        var first = page.Locator("table.tickets a[href^='/desk/tickets/HD-']").First;
        await TabToAsync(page, first);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/desk/tickets/HD-\\d+$"));

        await TabToAsync(page, page.Locator("#reply-body"));
        await page.Keyboard.TypeAsync("Keyboard note: checked the logs, nothing unusual.");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Add internal note" }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("ol.conversation .message.note").Filter(new() { HasText = "Keyboard note" })).ToContainTextAsync("checked the logs, nothing unusual.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnAPhone_TheMenuOpensAndClosesFromTheKeyboard()
    {
        var context = await chromium.NewContextAsync(app.BaseUrl, 390);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/scope");
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var signIn = page.GetByRole(AriaRole.Link, new() { Name = "Sign in" });
        await Expect(signIn).ToBeHiddenAsync();

        await TabToAsync(page, menu);
        await page.Keyboard.PressAsync("Enter");
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await TabToAsync(page, signIn);
        await page.Keyboard.PressAsync("Escape");
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(menu).ToBeFocusedAsync();
        await Expect(signIn).ToBeHiddenAsync();
        await context.CloseAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, and checks that the focus is drawn on it.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        await Expect(target).ToBeVisibleAsync();
        for (var presses = 0; presses < MostTabs; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                var outline = await target.EvaluateAsync<string>("element => getComputedStyle(element).outlineStyle");
                outline.Should().NotBe("none", "the control with the focus must show it");
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new Xunit.Sdk.XunitException($"{MostTabs} presses of Tab never reached {target}.");
    }
}
