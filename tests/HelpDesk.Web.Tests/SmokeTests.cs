using System.Net;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests;

public sealed class SmokeTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Health_SaysHealthy_WhenTheDatabaseAnswers()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status\":\"Healthy\"");
    }

    [Fact]
    public async Task Portal_ShowsTheCustomersOrganisation_AfterSignIn()
    {
        var client = await app.SignInAsync("customer@northwind.example");

        var html = await client.GetStringAsync("/portal");

        html.Should().Contain("Northwind Traders");
    }
}
