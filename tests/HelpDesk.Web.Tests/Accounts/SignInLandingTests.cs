using System.Net;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Accounts;

/// <summary>Where the sign-in form sends each role: its own area, unless it was sent a safe local address to go back to.</summary>
public sealed class SignInLandingTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Theory]
    [InlineData("customer@northwind.example", "/portal")]
    [InlineData("engineer@helpdesk.test", "/desk")]
    [InlineData("manager@helpdesk.test", "/manage")]
    [InlineData("admin@helpdesk.test", "/admin")]
    [InlineData("newcomer@unlisted.example", "/portal")]
    public async Task SignIn_LandsEachRoleInItsOwnArea(string email, string area)
    {
        var client = app.CreateAnonymousClient();

        var response = await app.TrySignInAsync(email, HelpDeskAppFactory.Password, client);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(area);
        (await client.GetAsync(area)).StatusCode.Should().Be(HttpStatusCode.OK, "the role may open the page it lands on");
    }

    [Theory]
    [InlineData("/scope", "/scope")]
    [InlineData("/desk/tickets/HD-1", "/desk/tickets/HD-1")]
    [InlineData("https://evil.example/", "/desk")]
    [InlineData("//evil.example/", "/desk")]
    public async Task SignIn_GoesBackToASafeLocalReturnAddress_AndOtherwiseToTheArea(string returnUrl, string landing)
    {
        var response = await app.CreateAnonymousClient().PostFormAsync($"/account/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}", new Dictionary<string, string>
        {
            ["Input.Email"] = "engineer@helpdesk.test",
            ["Input.Password"] = HelpDeskAppFactory.Password,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(landing);
    }
}
