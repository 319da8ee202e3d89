using System.Net;
using HelpDesk.Web.Tests.Desk;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Live;

/// <summary>
/// The live desk's hub tells staff about every organisation's tickets, so only engineers and managers may connect:
/// its negotiate call refuses anonymous visitors and customers before any connection exists.
/// </summary>
public sealed class DeskHubAccessTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Negotiate = "/hubs/desk/negotiate?negotiateVersion=1";

    [Fact]
    public async Task Negotiate_AnswersUnauthorized_WithoutASignIn()
    {
        using var anonymous = app.CreateAnonymousClient();

        using var response = await anonymous.PostAsync(Negotiate, null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a hub answers with a status, never a redirect to the sign-in page");
    }

    [Fact]
    public async Task Negotiate_AnswersForbidden_ToACustomer()
    {
        var customer = await app.SignInAsync(DeskFixture.Customer);

        using var response = await customer.PostAsync(Negotiate, null);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(DeskFixture.Engineer)]
    [InlineData("manager@helpdesk.test")]
    public async Task Negotiate_GivesStaffAConnection_WithTheirSignInCookie(string email)
    {
        var staff = await app.SignInAsync(email);

        using var response = await staff.PostAsync(Negotiate, null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("connectionToken");
    }
}
