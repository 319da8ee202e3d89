using System.Net;
using System.Net.Http.Json;
using HelpDesk.Core.Accounts;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// Register, sign-in and forgot-password answer alike whether or not an account exists, so none of them finds
/// accounts; only the owner of a taken address hears of a second registration, by mail.
/// </summary>
public sealed class AccountEnumerationTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Password = "Register-me-1";

    [Fact]
    public async Task RegisterPage_AnswersATakenAddressAsANewOne_AndMailsItsOwner()
    {
        var taken = await RegisterAsync("customer@northwind.example");
        var fresh = await RegisterAsync("brand.new@northwind.example");

        taken.StatusCode.Should().Be(HttpStatusCode.Redirect);
        fresh.StatusCode.Should().Be(HttpStatusCode.Redirect);
        taken.Headers.Location!.OriginalString.Split("?")[0].Should().Be(fresh.Headers.Location!.OriginalString.Split("?")[0]);
        var owner = await app.OutboxForAsync("customer@northwind.example");
        owner.Should().ContainSingle(m => m.Kind == "account-exists")
            .Which.TextBody.Should().Contain("http://localhost/account/forgotpassword");
    }

    [Fact]
    public async Task RegisterApi_AnswersATakenAddressAsANewOne()
    {
        var client = app.CreateAnonymousClient();

        var taken = await client.PostAsJsonAsync("/api/auth/register", new { email = "customer@contoso.example", password = Password });
        var fresh = await client.PostAsJsonAsync("/api/auth/register", new { email = "api.new@contoso.example", password = Password });

        taken.StatusCode.Should().Be(HttpStatusCode.OK);
        fresh.StatusCode.Should().Be(HttpStatusCode.OK);
        (await taken.Content.ReadAsStringAsync()).Should().Be(await fresh.Content.ReadAsStringAsync());
        (await app.OutboxForAsync("customer@contoso.example")).Should().Contain(m => m.Kind == "account-exists");
    }

    [Fact]
    public async Task SignInPage_SaysTheSameForAMissingAccountAndAnUnconfirmedOneWithAWrongPassword()
    {
        const string unconfirmed = "unconfirmed.enum@northwind.example";
        (await RegisterAsync(unconfirmed)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var missing = await app.TrySignInAsync("nobody.here@northwind.example", "Wrong-password-1");
        var wrong = await app.TrySignInAsync(unconfirmed, "Wrong-password-1");

        var expected = PageText.ErrorsOf(await missing.Content.ReadAsStringAsync());
        expected.Should().Contain("The email or password is not right.");
        PageText.ErrorsOf(await wrong.Content.ReadAsStringAsync()).Should().Be(expected, "confirm-your-email is told only to whoever knows the password");
    }

    [Fact]
    public async Task LoginApi_SaysTheSameForAMissingAccountAndAnUnconfirmedOneWithAWrongPassword()
    {
        const string unconfirmed = "unconfirmed.api@northwind.example";
        (await RegisterAsync(unconfirmed)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var client = app.CreateAnonymousClient();

        var missing = await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody.api@northwind.example", password = "Wrong-password-1" });
        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = unconfirmed, password = "Wrong-password-1" });
        var right = await client.PostAsJsonAsync("/api/auth/login", new { email = unconfirmed, password = Password });

        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Detail(await wrong.Content.ReadAsStringAsync()).Should().Be(Detail(await missing.Content.ReadAsStringAsync())).And.Be("Failed");
        Detail(await right.Content.ReadAsStringAsync()).Should().Be("NotAllowed");
    }

    [Fact]
    public async Task ForgotPassword_AnswersTheSameForAMissingAccount()
    {
        var client = app.CreateAnonymousClient();

        var known = await client.PostFormAsync("/account/forgotpassword", new Dictionary<string, string> { ["Input.Email"] = "customer@litware.example" });
        var missing = await client.PostFormAsync("/account/forgotpassword", new Dictionary<string, string> { ["Input.Email"] = "nobody@litware.example" });

        MainContent(await known.Content.ReadAsStringAsync()).Replace("customer@", "nobody@", StringComparison.Ordinal)
            .Should().Be(MainContent(await missing.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ForgotPassword_LetsAContactMadeFromMailSetAPassword()
    {
        const string email = "mailed.contact@fabrikam.example";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPeopleDirectory>().AddContactAsync(email, "Mailed Contact", null, DateTime.UtcNow);
        }

        var client = app.CreateAnonymousClient();
        await client.PostFormAsync("/account/forgotpassword", new Dictionary<string, string> { ["Input.Email"] = email });
        var link = await app.LinkInLatestMailAsync(email, "password-reset");
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), link).Query)["code"].ToString();
        var reset = await client.PostFormAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Code"] = code,
            ["Input.Password"] = "Chosen-pass-5",
            ["Input.ConfirmPassword"] = "Chosen-pass-5",
        });

        reset.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await reset.Content.ReadAsStringAsync()));
        (await app.TrySignInAsync(email, "Chosen-pass-5")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private Task<HttpResponseMessage> RegisterAsync(string email) =>
        app.CreateAnonymousClient().PostFormAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Someone",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

    private static string Detail(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("detail").GetString() ?? "";

    /// <summary>The page's main content, without the anti-forgery token, which differs on every page.</summary>
    private static string MainContent(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", StringComparison.Ordinal);
        var main = start >= 0 && end > start ? html[start..end] : html;
        return System.Text.RegularExpressions.Regex.Replace(main, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "");
    }
}
