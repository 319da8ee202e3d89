using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// One headless Debian chromium per test class, driven by Playwright's bundled driver. Each test opens its own
/// <see cref="IBrowserContext"/> (its own cookies and storage) with <see cref="NewContextAsync"/>.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // No sandbox: CI runs as root in a container. The rest keep chromium from calling home or updating itself
    // in the middle of a run.
    private static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started yet.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            // A failure, not a skip: a silently skipped browser suite looks green while testing nothing.
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ExecutablePath}, and it is not there. " +
                "Run tests/run.sh, which installs it (apt-get install chromium), or install it yourself.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    /// <summary>A fresh context, as if a new person opened the site: no cookies, relative URLs resolve against <paramref name="baseUrl"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(string baseUrl) => NewContextAsync(baseUrl, 1280);

    /// <summary>A fresh context whose window is <paramref name="width"/> pixels wide, as on a phone (390), a tablet (768) or a desktop.</summary>
    public Task<IBrowserContext> NewContextAsync(string baseUrl, int width) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });

    /// <summary>
    /// A new person's browser (<paramref name="width"/> pixels wide), signed in through the sign-in page as
    /// <paramref name="email"/> and on the page their role lands on.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string baseUrl, string email, string password = Infrastructure.HelpDeskAppFactory.Password, int width = 1280)
    {
        var context = await NewContextAsync(baseUrl, width);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
