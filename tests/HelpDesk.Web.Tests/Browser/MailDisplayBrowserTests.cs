using System.Collections.Concurrent;
using System.Text;
using HelpDesk.Core.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// A hostile mail as its readers meet it: a full-page "sign in again" overlay stays inside the message, and opening the
/// ticket on /desk or /portal asks no other host for anything until the reader clicks "Load images" on that message.
/// Every request the browser makes to another host is recorded (and answered) by a route, so none can slip by.
/// </summary>
public sealed class MailDisplayBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    private const string Engineer = "engineer@helpdesk.test";
    private const string Customer = "customer@northwind.example";
    private const string RemoteHost = "images.remote.example";

    private static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private readonly ConcurrentQueue<string> _elsewhere = new();

    [Fact]
    public async Task AnOverlayStaysInItsMessage_AndNoImageIsFetchedUntilLoadImagesIsClicked()
    {
        var pixel = $"https://{RemoteHost}/pixel.png?t={Guid.NewGuid():N}";
        var filed = await ReceiveAsync(HostileMail(pixel));
        filed.Result.Should().Be(IntakeResult.Ticket);

        var page = await RecordedPageAsync(Engineer);
        var response = await page.GotoAsync($"/desk/tickets/HD-{filed.TicketId}");
        response!.Status.Should().Be(200);
        await Expect(page.Locator("li.message .body").First).ToContainTextAsync("Your session expired");

        (await HeadingIsOnTopAsync(page)).Should().BeTrue("the overlay must not cover the page around the message");
        _elsewhere.Should().BeEmpty("opening a ticket asks no other host for anything");

        var request = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Load images" }).ClickAsync(),
            r => r.Url == pixel,
            new() { Timeout = 30_000 });
        request.Url.Should().Be(pixel);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Load images" })).ToHaveCountAsync(0);
        _elsewhere.Should().OnlyContain(url => url == pixel, "styles name no remote URL");
    }

    [Fact]
    public async Task TheCustomersPortalShowsTheSameMailWithoutAskingAnotherHost()
    {
        var pixel = $"https://{RemoteHost}/pixel.png?t={Guid.NewGuid():N}";
        var filed = await ReceiveAsync(HostileMail(pixel));

        var page = await RecordedPageAsync(Customer);
        await page.GotoAsync($"/portal/tickets/HD-{filed.TicketId}");
        await Expect(page.Locator("li.message .body").First).ToContainTextAsync("Your session expired");

        (await HeadingIsOnTopAsync(page)).Should().BeTrue();
        _elsewhere.Should().BeEmpty();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Load images" })).ToBeVisibleAsync();
    }

    /// <summary>An HTML mail with a fixed, full-window overlay, a remote background and a remote image.</summary>
    private static byte[] HostileMail(string pixel)
    {
        var html = $"""
            <div style="position:fixed; top:0; left:0; width:100vw; height:100vh; z-index:2147483647; background:#fff url(https://{RemoteHost}/bg.png); transform:translateY(-50px)">
              Your session expired: sign in again
            </div>
            <p>Our logo: <img src="{pixel}" alt="logo" width="1" height="1"></p>
            """;
        return Encoding.UTF8.GetBytes(
            $"From: Someone <{Customer}>\r\nTo: support@helpdesk.example\r\nSubject: Browser mail: overlay {Guid.NewGuid():N}\r\n"
            + $"Message-ID: <{Guid.NewGuid():N}@mail.northwind.example>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYour session expired: sign in again\r\n\r\nOur logo:\r\n"
            + $"--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--b1--\r\n");
    }

    /// <summary>True when the point in the middle of the page's heading belongs to the heading, not to something over it.</summary>
    private static Task<bool> HeadingIsOnTopAsync(IPage page) => page.EvaluateAsync<bool>(
        """
        () => {
          const heading = document.querySelector("h1");
          const box = heading.getBoundingClientRect();
          const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return heading.contains(top);
        }
        """);

    /// <summary>A signed-in page whose every request to another host is recorded and answered with a pixel.</summary>
    private async Task<IPage> RecordedPageAsync(string email)
    {
        var page = await chromium.SignedInPageAsync(app.BaseUrl, email);
        await page.Context.RouteAsync(
            url => !url.StartsWith(app.BaseUrl + "/", StringComparison.Ordinal),
            async route =>
            {
                _elsewhere.Enqueue(route.Request.Url);
                await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Pixel });
            });
        return page;
    }

    private async Task<IntakeOutcome> ReceiveAsync(byte[] raw)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IEmailIntake>().ReceiveAsync(raw, "api");
    }
}
