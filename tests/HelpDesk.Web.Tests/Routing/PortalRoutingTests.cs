using System.Net;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Portal;

namespace HelpDesk.Web.Tests.Routing;

/// <summary>What customers meet of routing: they choose the ticket's language and see who handles it, never why.</summary>
public sealed class PortalRoutingTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task NewTicketForm_OffersTheLanguages_StartingWithTheBrowsers()
    {
        var customer = await app.SignInAsync(RoutingSeed.Tailspin);
        customer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CH, fr;q=0.9, en;q=0.8");

        var html = await customer.GetStringAsync("/portal/tickets/new");

        html.Should().Contain("<option value=\"fr\" selected=\"selected\">French</option>").And.Contain("<option value=\"ja\">Japanese</option>");
    }

    [Fact]
    public async Task Filing_SavesTheChosenLanguage_AndTheTicketPageNamesTheEngineer_WithoutTheExplanation()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var speaker = await app.EngineerAsync(seed, "Gisela Gerne", proficiency: 3, languages: ["de", "en"]);
        var customer = await app.SignInAsync(RoutingSeed.Tailspin);

        var response = await customer.PostMultipartAsync("/portal/tickets/new", new Dictionary<string, string>
        {
            ["Input.Product"] = seed.Code,
            ["Input.Category"] = "problem",
            ["Input.Severity"] = "3",
            ["Input.Language"] = "de",
            ["Input.Subject"] = "Gateway startet nicht",
            ["Input.Body"] = "Seit dem Update startet das Gateway nicht mehr.",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await response.Content.ReadAsStringAsync()));
        var page = await customer.GetStringAsync(response.Headers.Location);
        page.Should().Contain("<dt>Language</dt><dd>German</dd>").And.Contain($"<dd class=\"assignee\">{speaker.Name}</dd>");
        page.Should().NotContain("routing").And.NotContain(seed.Queue()).And.NotContain("over-qualified");
    }

    [Fact]
    public async Task TicketPage_SaysTheTicketWaitsForTheNextFreeEngineer_WhileItIsQueued()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Nobody is free");
        var customer = await app.SignInAsync(RoutingSeed.Tailspin);

        var page = await customer.GetStringAsync($"/portal/tickets/{ticket.Number}");

        page.Should().Contain("<dd class=\"assignee\">waiting for the next free engineer</dd>").And.NotContain(seed.Queue());
    }
}
