using System.Net;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Accounts;

public sealed class PasswordResetTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
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
}
