using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// One person's walk through the product in a browser of a given width. Each <see cref="SeeAsync"/> is a step: the
/// page must fit the window (nothing wider than the viewport), pass axe-core at WCAG 2.1 A and AA with no
/// violations, and is kept as a screenshot under <c>TestResults/journeys/&lt;role&gt;/</c> for people to look at.
/// With <c>HELPDESK_README_SHOTS=1</c> the step named for the README also writes <c>docs/images/&lt;role&gt;.png</c>.
/// </summary>
public sealed class Journey
{
    /// <summary>The widths every journey runs at: a phone, a tablet, a desktop.</summary>
    public static TheoryData<int> Widths => new() { 390, 768, 1440 };

    private static readonly AxeRunOptions AxeOptions = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private readonly string _role;
    private readonly int _width;
    private int _step;

    private Journey(IPage page, string role, int width)
    {
        Page = page;
        _role = role;
        _width = width;
    }

    public IPage Page { get; }

    /// <summary>A new person's browser <paramref name="width"/> pixels wide, signed in as <paramref name="email"/> through the sign-in page.</summary>
    public static async Task<Journey> SignInAsync(ChromiumFixture chromium, string baseUrl, string role, int width, string email)
    {
        var context = await chromium.NewContextAsync(baseUrl, width);
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        var page = await context.NewPageAsync();
        var journey = new Journey(page, role, width);
        await page.GotoAsync("/account/signin");
        await journey.SeeAsync("sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Infrastructure.HelpDeskAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        return journey;
    }

    /// <summary>The heading of the page, as a person reads it first.</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>Opens <paramref name="url"/>, expects its heading and, when given, a text the person looks for, then checks the page as a step.</summary>
    public async Task VisitAsync(string url, string heading, string step, string? showing = null)
    {
        await Page.GotoAsync(url);
        await Assertions.Expect(Heading).ToHaveTextAsync(heading);
        if (showing is not null)
        {
            await Assertions.Expect(Page.Locator("main")).ToContainTextAsync(showing);
        }

        await SeeAsync(step);
    }

    /// <summary>Follows a link of the header's main menu, opening the menu first where the screen folds it away.</summary>
    public async Task MenuAsync(string link)
    {
        // The toggle works once the page's deferred script has run, which is before DOMContentLoaded.
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var toggle = Page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        if (await toggle.IsVisibleAsync())
        {
            await toggle.ClickAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        }

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
    }

    /// <summary>Checks the page as it is now and keeps its screenshot; <paramref name="readme"/> marks the step the README shows.</summary>
    public async Task SeeAsync(string step, bool readme = false)
    {
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await Page.EvaluateAsync("() => document.fonts.ready");
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        widths[0].Should().BeLessThanOrEqualTo(_width, $"{Page.Url} at {_width} px must not scroll sideways ({step})");
        widths[1].Should().Be(_width);
        _step++;
        var name = string.Create(CultureInfo.InvariantCulture, $"{_width}-{_step:00}-{step}.png");
        var directory = Path.Combine(RepositoryRoot, "TestResults", "journeys", _role);
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name), FullPage = true });
        if (readme && _width == 1440 && Environment.GetEnvironmentVariable("HELPDESK_README_SHOTS") == "1")
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(RepositoryRoot, "docs", "images", $"{_role}.png"),
                Type = ScreenshotType.Png,
            });
        }


        var result = await Page.RunAxe(AxeOptions);
        result.Violations.Should().BeEmpty($"{Page.Url} at {_width} px ({step}) must meet WCAG 2.1 AA:\n{Describe(result.Violations)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {violation.Id}: {violation.Help}\n");
            foreach (var node in violation.Nodes.Take(5))
            {
                text.Append(CultureInfo.InvariantCulture, $"    {node.Target}: {node.Html}\n      {string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(check => check.Message))}\n");
            }
        }

        return text.ToString();
    }

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HelpDesk.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
