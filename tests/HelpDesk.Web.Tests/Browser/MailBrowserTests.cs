using HelpDesk.Core.Mail;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// Mail as an engineer meets it in a browser: a customer's mail is a ticket whose message links its original; the
/// customer's out-of-office waits in the held list, answered by no one, until the engineer makes a ticket of it with
/// one click.
/// </summary>
public sealed class MailBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    private const string Engineer = "engineer@helpdesk.test";
    private const string Customer = "customer@northwind.example";

    [Fact]
    public async Task AMailedTicketShowsItsOriginal_AndAHeldOutOfOfficeBecomesATicketWithOneClick()
    {
        var filed = await ReceiveAsync(InboundMailEndpointTests.Message(Customer, "Browser mail: historian stopped", $"<{Guid.NewGuid():N}@mail.northwind.example>", body: "Since 02:00 no values."));
        var away = await ReceiveAsync(InboundMailEndpointTests.Message(Customer, "Browser mail: I am out of the office", $"<{Guid.NewGuid():N}@mail.northwind.example>", "Auto-Submitted: auto-replied", "Back on Monday."));
        filed.Result.Should().Be(IntakeResult.Ticket);
        away.Result.Should().Be(IntakeResult.Held);

        var page = await SignedInPageAsync(Engineer);
        await page.GotoAsync($"/desk/tickets/HD-{filed.TicketId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "by mail · view original" }).First.ClickAsync();
        await Expect(page.Locator("pre.mail-headers")).ToContainTextAsync("Subject: Browser mail: historian stopped");
        await Expect(page.Locator("pre.mail-text")).ToContainTextAsync("Since 02:00 no values.");

        await page.GotoAsync("/desk/mail/held");
        var row = page.Locator($"#held-{away.InboundId}");
        await Expect(row).ToContainTextAsync("Browser mail: I am out of the office");
        await Expect(row).ToContainTextAsync("Auto-Submitted: auto-replied");
        await row.GetByRole(AriaRole.Button, new() { Name = "Make a ticket" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Made HD-");
        await Expect(page.Locator($"#held-{away.InboundId}")).ToHaveCountAsync(0);

        await using var scope = app.Services.CreateAsyncScope();
        var released = await scope.ServiceProvider.GetRequiredService<IInboundMailStore>().GetAsync(away.InboundId!.Value);
        released!.Status.Should().Be(InboundStatus.Released);
        released.TicketId.Should().NotBeNull();
        await page.GotoAsync($"/desk/tickets/HD-{released.TicketId}");
        await Expect(page.Locator("h1")).ToContainTextAsync("Browser mail: I am out of the office");
    }

    private async Task<IntakeOutcome> ReceiveAsync(byte[] raw)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IEmailIntake>().ReceiveAsync(raw, "api");
    }

    private Task<IPage> SignedInPageAsync(string email) => chromium.SignedInPageAsync(app.BaseUrl, email);
}
