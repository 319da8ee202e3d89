using System.Net;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Accounts;

public sealed class RateLimitTests(RateLimitTests.ThreePerMinuteApp app) : IClassFixture<RateLimitTests.ThreePerMinuteApp>
{
    [Fact]
    public async Task SignIn_Answers429_OnTheFourthPostWithinAMinute()
    {
        var client = app.CreateAnonymousClient();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (await app.TrySignInAsync("engineer@helpdesk.test", "Wrong-password-1", client)).StatusCode
                .Should().Be(HttpStatusCode.OK, "attempt {0} is within the limit", attempt);
        }

        var fourth = await app.TrySignInAsync("engineer@helpdesk.test", HelpDeskAppFactory.Password, client);

        fourth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        fourth.Headers.RetryAfter.Should().NotBeNull();
        (await client.GetAsync("/account/signin")).StatusCode.Should().Be(HttpStatusCode.OK, "reading the form is not limited");
    }

    public sealed class ThreePerMinuteApp()
        : HelpDeskAppFactory(new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
}
