using System.Text.RegularExpressions;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Signing in, out and up in a real browser: the forms, the menu each role sees, and the error pages.</summary>
public sealed class SignInBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const string Customer = "customer@northwind.example";
    private const string Engineer = "engineer@helpdesk.test";

    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await chromium.NewContextAsync(app.BaseUrl);
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    private ILocator MainMenu => _page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    [Fact]
    public async Task Customer_SignsInSeesOnlyThePortalAndSignsOut()
    {
        await SignInThroughFormAsync(Customer);

        await Expect(_page).ToHaveURLAsync($"{app.BaseUrl}/portal");
        await Expect(MainMenu.GetByRole(AriaRole.Link, new() { Name = "Portal" })).ToBeVisibleAsync();
        foreach (var otherArea in new[] { "Desk", "Manage", "Admin" })
        {
            await Expect(MainMenu.GetByRole(AriaRole.Link, new() { Name = otherArea })).ToHaveCountAsync(0);
        }

        await MainMenu.GetByRole(AriaRole.Link, new() { Name = "Portal" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync($"{app.BaseUrl}/portal");
        await Expect(_page.GetByRole(AriaRole.Main)).ToContainTextAsync("Northwind Traders");

        var screenshot = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"portal-{Guid.NewGuid():N}.png");
        try
        {
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            new FileInfo(screenshot).Length.Should().BeGreaterThan(0, "the signed-in portal renders to an image");
        }
        finally
        {
            File.Delete(screenshot);
        }

        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(_page).ToHaveURLAsync($"{app.BaseUrl}/");
        await Expect(_page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out.");
        await Expect(_page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(MainMenu.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Scope of Support"]);
        (await _page.GotoAsync("/portal"))!.Url.Should().StartWith($"{app.BaseUrl}/account/signin", "the portal needs a signed-in customer again");
    }

    [Fact]
    public async Task Engineer_GetsNotForYourRoleWith403_WhenTypingTheManageAddress()
    {
        await SignInThroughFormAsync(Engineer);
        await Expect(MainMenu.GetByRole(AriaRole.Link, new() { Name = "Desk" })).ToBeVisibleAsync();

        var response = await _page.GotoAsync("/manage");

        response.Should().NotBeNull();
        response!.Status.Should().Be(403);
        _page.Url.Should().Be($"{app.BaseUrl}/manage", "the 403 is served in place, not by a redirect");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not for your role");
    }

    [Fact]
    public async Task Register_ShowsThePasswordErrorBesideTheField_AndKeepsNameAndEmail()
    {
        await _page.GotoAsync("/account/register");

        await _page.GetByLabel("Your name").FillAsync("Wanda Weak");
        await _page.GetByLabel("Work email").FillAsync("wanda@northwind.example");
        await _page.Locator("#Input_Password").FillAsync("short1");
        await _page.Locator("#Input_ConfirmPassword").FillAsync("short1");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        var passwordError = _page.Locator("label:has(#Input_Password) .field-error");
        await Expect(passwordError).ToContainTextAsync("at least 10 characters");
        await Expect(_page.Locator("label:has(#Input_Email) .field-error")).ToBeEmptyAsync();
        await Expect(_page.GetByLabel("Your name")).ToHaveValueAsync("Wanda Weak");
        await Expect(_page.GetByLabel("Work email")).ToHaveValueAsync("wanda@northwind.example");
        await Expect(_page).ToHaveURLAsync($"{app.BaseUrl}/account/register");
    }

    [Fact]
    public async Task SignIn_SaysTheEmailOrPasswordIsNotRight_WhenThePasswordIsWrong()
    {
        // Not the customer the other tests sign in as: failed attempts count towards that account's lockout.
        await SignInThroughFormAsync("pat.buyer@northwind.example", "Not-the-password-1");

        await Expect(_page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right.");
        await Expect(_page).ToHaveURLAsync(SignInAddress());
        await Expect(_page.GetByLabel("Email")).ToHaveValueAsync("pat.buyer@northwind.example");
        await Expect(MainMenu.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Scope of Support"]);
    }

    [Fact]
    public async Task SignInForm_CarriesAnAntiforgeryToken_AndAPostWithoutItIsRejected()
    {
        await _page.GotoAsync("/account/signin");
        var token = await _page.Locator("form.stacked input[name='__RequestVerificationToken']").GetAttributeAsync("value");
        token.Should().NotBeNullOrEmpty();

        var fields = new Dictionary<string, string> { ["Input.Email"] = Customer, ["Input.Password"] = HelpDeskAppFactory.Password };
        var withoutToken = await PostSignInAsync(fields);
        var withToken = await PostSignInAsync(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token! });

        withoutToken.Status.Should().Be(400);
        withToken.Status.Should().Be(302, "the same form with its token signs in, so the 400 above is the token's doing");
    }

    private async Task SignInThroughFormAsync(string email, string password = HelpDeskAppFactory.Password)
    {
        await _page.GotoAsync("/account/signin");
        await _page.GetByLabel("Email").FillAsync(email);
        await _page.GetByLabel("Password").FillAsync(password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    // The request context shares the page's cookies, so the anti-forgery cookie goes along: only the form field is missing.
    private Task<IAPIResponse> PostSignInAsync(Dictionary<string, string> fields)
    {
        var form = _page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return _page.APIRequest.PostAsync("/account/signin", new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
    }

    private Regex SignInAddress() => new($"^{Regex.Escape(app.BaseUrl)}/account/signin");
}
