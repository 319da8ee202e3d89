using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>A customer files a ticket through the real form in a real browser and finds it again.</summary>
public sealed class PortalBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await chromium.NewContextAsync(app.BaseUrl);
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    [Fact]
    public async Task Customer_FilesATicketWithAFile_AndSeesItOnItsPageAndInTheList()
    {
        await _page.GotoAsync("/account/signin");
        await _page.GetByLabel("Email").FillAsync("customer@northwind.example");
        await _page.GetByLabel("Password").FillAsync(HelpDeskAppFactory.Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.GotoAsync("/portal");

        await _page.GetByRole(AriaRole.Link, new() { Name = "File a ticket" }).First.ClickAsync();
        await Expect(_page).ToHaveURLAsync($"{app.BaseUrl}/portal/tickets/new");
        await _page.Locator("#Input_Product").SelectOptionAsync(new SelectOptionValue { Label = "I don't know which product" });
        await _page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Browser check: scanner drops every tenth label");
        await _page.GetByLabel("Description").FillAsync("Since Monday the scanner skips labels.\nIt happens on both lines.");
        await _page.GetByRole(AriaRole.Combobox, new() { Name = "Severity" }).SelectOptionAsync("2");
        await _page.Locator("#Input_Attachments").SetInputFilesAsync(new FilePayload
        {
            Name = "scanner.log",
            MimeType = "text/plain",
            Buffer = "10:01 label 10 skipped\n"u8.ToArray(),
        });
        await _page.GetByRole(AriaRole.Button, new() { Name = "File the ticket" }).ClickAsync();

        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(app.BaseUrl)}/portal/tickets/HD-\\d+$"));
        var number = _page.Url[(_page.Url.LastIndexOf('/') + 1)..];
        await Expect(_page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Ticket {number} filed");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Browser check: scanner drops every tenth label");
        await Expect(_page.Locator("ol.conversation")).ToContainTextAsync("Since Monday the scanner skips labels.");
        await Expect(_page.GetByRole(AriaRole.Link, new() { Name = "scanner.log" })).ToBeVisibleAsync();

        await _page.GetByRole(AriaRole.Link, new() { Name = "← All tickets" }).ClickAsync();
        var row = _page.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(row).ToContainTextAsync("Browser check: scanner drops every tenth label");
        await Expect(row).ToContainTextAsync("Nora Northwind");
        await Expect(row).ToContainTextAsync("new");
        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(_page).ToHaveURLAsync($"{app.BaseUrl}/portal/tickets/{number}");
    }
}
