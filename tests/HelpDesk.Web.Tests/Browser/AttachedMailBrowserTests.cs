using HelpDesk.Core.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>An engineer opens a forwarded mail from the ticket page and reads it like a received message.</summary>
public sealed class AttachedMailBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task AnEngineer_ReadsAForwardedMail_FromTheTicketPage()
    {
        var inner = new MimeMessage { Subject = "Scanner on floor 2 jams", Date = new DateTimeOffset(2026, 11, 16, 14, 5, 0, TimeSpan.Zero) };
        inner.From.Add(new MailboxAddress("Lena Berg", "lena.berg@northwind.example"));
        inner.To.Add(new MailboxAddress("Customer", "customer@northwind.example"));
        inner.Body = new TextPart("plain") { Text = "Every second page jams in the feeder." };
        var outer = new MimeMessage { Subject = $"Fwd: Scanner {Guid.NewGuid():N}", MessageId = $"{Guid.NewGuid():N}@mail.northwind.example" };
        outer.From.Add(new MailboxAddress("Customer", "customer@northwind.example"));
        outer.To.Add(new MailboxAddress("Support", "support@helpdesk.example"));
        outer.Body = new Multipart("mixed") { new TextPart("plain") { Text = "Lena's mail, forwarded." }, new MessagePart { Message = inner } };
        using var raw = new MemoryStream();
        outer.WriteTo(raw);
        IntakeOutcome filed;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            filed = await scope.ServiceProvider.GetRequiredService<IEmailIntake>().ReceiveAsync(raw.ToArray(), "api");
        }

        var page = await chromium.SignedInPageAsync(app.BaseUrl, "engineer@helpdesk.test");
        await page.GotoAsync($"/desk/tickets/HD-{filed.TicketId}");
        await Expect(page.Locator("ul.attachments")).ToContainTextAsync("Scanner on floor 2 jams.eml");
        await page.GetByRole(AriaRole.Link, new() { Name = "read the mail" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Scanner on floor 2 jams");
        await Expect(page.Locator("dl.ticket-facts")).ToContainTextAsync("lena.berg@northwind.example");
        await Expect(page.Locator("dl.ticket-facts")).ToContainTextAsync("2026-11-16 14:05 UTC");
        await Expect(page.Locator("pre.mail-text")).ToContainTextAsync("Every second page jams in the feeder.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"← HD-{filed.TicketId}" })).ToBeVisibleAsync();
    }
}
