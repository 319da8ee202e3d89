using System.Net;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Accounts;

public sealed class LockoutTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string LockedMessage = "This account is locked after too many failed sign-ins.";

    [Fact]
    public async Task SignIn_RefusesEvenTheRightPassword_AfterFiveFailures()
    {
        const string email = "customer@fabrikam.example";
        await FailFiveTimesAsync(email);

        var response = await app.TrySignInAsync(email, HelpDeskAppFactory.Password);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the form comes back instead of a redirect");
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain(LockedMessage);
        (await LockoutEndAsync(email)).Should().BeAfter(DateTime.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task SignIn_SaysTheEmailOrPasswordIsWrong_BeforeTheLockout()
    {
        var response = await app.TrySignInAsync("customer@tailspin.example", "Wrong-password-1");

        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("The email or password is not right.");
        (await LockoutEndAsync("customer@tailspin.example")).Should().BeNull();
    }

    [Fact]
    public async Task ResetPassword_LiftsTheLockoutAndRetiresTheOldPassword()
    {
        const string email = "customer@wingtip.example";
        const string newPassword = "Brand-new-pass-2";
        await FailFiveTimesAsync(email);
        var client = app.CreateAnonymousClient();

        var asked = await client.PostFormAsync("/account/forgotpassword", new Dictionary<string, string> { ["Input.Email"] = email });

        (await asked.Content.ReadAsStringAsync()).Should().Contain("a reset link is on its way");
        var link = await app.LinkInLatestMailAsync(email, "password-reset");
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), link).Query)["code"].ToString();
        var reset = await client.PostFormAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Code"] = code,
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

        reset.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await reset.Content.ReadAsStringAsync()));
        var lockout = await LockoutOfAsync(email);
        lockout.LockoutEndUtc.Should().BeNull();
        lockout.AccessFailedCount.Should().Be(0);
        (await app.TrySignInAsync(email, newPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var old = await app.TrySignInAsync(email, HelpDeskAppFactory.Password);
        old.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await old.Content.ReadAsStringAsync()).Should().Contain("The email or password is not right.");
    }

    [Fact]
    public async Task ResetPassword_RefusesAReusedLink()
    {
        const string email = "customer@adatum.example";
        var client = app.CreateAnonymousClient();
        await client.PostFormAsync("/account/forgotpassword", new Dictionary<string, string> { ["Input.Email"] = email });
        var link = await app.LinkInLatestMailAsync(email, "password-reset");
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), link).Query)["code"].ToString();
        var form = new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Code"] = code,
            ["Input.Password"] = "First-new-pass-3",
            ["Input.ConfirmPassword"] = "First-new-pass-3",
        };
        (await client.PostFormAsync(link, form)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        form["Input.Password"] = form["Input.ConfirmPassword"] = "Second-new-pass-4";
        var again = await client.PostFormAsync(link, form);

        PageText.ErrorsOf(await again.Content.ReadAsStringAsync()).Should().Contain("expired or was already used");
        (await app.TrySignInAsync(email, "Second-new-pass-4")).StatusCode.Should().Be(HttpStatusCode.OK, "the second password was not set");
    }

    [Fact]
    public async Task ForgotPassword_MailsNothing_ForAnUnknownAddress()
    {
        const string email = "nobody@nowhere.example";

        var asked = await app.CreateAnonymousClient().PostFormAsync("/account/forgotpassword", new Dictionary<string, string> { ["Input.Email"] = email });

        (await asked.Content.ReadAsStringAsync()).Should().Contain("a reset link is on its way", "the answer must not reveal which accounts exist");
        (await app.OutboxForAsync(email)).Should().BeEmpty();
    }

    private async Task FailFiveTimesAsync(string email)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var response = await app.TrySignInAsync(email, $"Wrong-password-{attempt}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, "attempt {0} with a wrong password must fail", attempt);
        }
    }

    private async Task<DateTime?> LockoutEndAsync(string email) => (await LockoutOfAsync(email)).LockoutEndUtc;

    private async Task<LockoutRow> LockoutOfAsync(string email)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<LockoutRow>(
            "SELECT LockoutEndUtc, AccessFailedCount FROM Users WHERE NormalizedEmail = @Email", new { Email = email.ToUpperInvariant() });
    }

    private sealed class LockoutRow
    {
        public DateTime? LockoutEndUtc { get; init; }

        public int AccessFailedCount { get; init; }
    }
}
