using HelpDesk.Core.Routing;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>
/// What people read instead of the stored codes: regions, segments, environment kinds and products by their names,
/// and every amount with the installation's currency (USD by default).
/// </summary>
public sealed class WordingPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Manager = "manager@helpdesk.test";

    [Fact]
    public async Task Portal_NamesTheOrganisationsRegionAndSegment()
    {
        var contoso = await (await app.SignInAsync("customer@contoso.example")).GetStringAsync("/portal");
        var tailspin = await (await app.SignInAsync("customer@tailspin.example")).GetStringAsync("/portal");

        contoso.Should().Contain("(Europe, Middle East and Africa, key)").And.NotContain("Emea");
        tailspin.Should().Contain("(Americas, self-service)").And.NotContain("SelfService");
    }

    [Fact]
    public async Task ManagePages_NameRegionsSegmentsAndEnvironmentKinds()
    {
        var manager = await app.SignInAsync(Manager);

        var organisations = await manager.GetStringAsync("/manage");
        var environments = await manager.GetStringAsync("/manage/catalogue/environments");
        var scope = await manager.GetStringAsync("/manage/scope/edit/keel");

        organisations.Should().Contain("<td>Europe, Middle East and Africa</td>").And.Contain("<td>Self-service</td>")
            .And.Contain(">Asia-Pacific</option>").And.Contain(">Self-service</option>")
            .And.NotContain(">Emea<").And.NotContain(">Apac<").And.NotContain(">SelfService<");
        environments.Should().Contain("<td>Operating system</td>").And.Contain(">Operating system</option>").And.NotContain("OperatingSystem<");
        scope.Should().Contain("(operating system)").And.NotContain("(OperatingSystem)");
    }

    [Fact]
    public async Task OrganisationForm_KeepsTheRegionAndSegmentChosenByName()
    {
        var manager = await app.SignInAsync(Manager);
        var id = await app.OrganisationIdAsync("Tailspin Toys");

        var form = await manager.GetStringAsync($"/manage/organisations/edit/{id}");

        form.Should().MatchRegex("<option selected=\"selected\" value=\"1\">Americas</option>|<option value=\"1\" selected=\"selected\">Americas</option>")
            .And.MatchRegex("<option selected=\"selected\" value=\"3\">Self-service</option>|<option value=\"3\" selected=\"selected\">Self-service</option>");
    }

    [Fact]
    public async Task Money_ShowsTheInstallationsCurrency_OnContractsPlansAndRates()
    {
        var manager = await app.SignInAsync(Manager);

        var contracts = await manager.GetStringAsync("/manage/contracts");
        var plans = await manager.GetStringAsync("/manage/plans");
        var newContract = await manager.GetStringAsync("/manage/contracts/edit");

        contracts.Should().MatchRegex(@"<td>\d{1,3}(,\d{3})*\.\d\d USD</td>");
        plans.Should().MatchRegex(@"\d\.\d\d USD per year");
        newContract.Should().Contain("(in USD, for the whole term");
    }

    [Fact]
    public async Task TicketPages_NameTheProduct_WhenItWasFiledByItsCode()
    {
        var customer = await app.SignInWithTokenAsync(TicketApi.NorthwindCustomer);
        var filed = await customer.FileAsync("Filed by the product's code", extra: new { subject = "Filed by the product's code", body = "The scheduler stalls.", severity = 3, product = "keel" });

        var desk = await (await app.SignInAsync(TicketApi.Engineer)).GetStringAsync($"/desk/tickets/{filed.Text("number")}");
        var portal = await (await app.SignInAsync(TicketApi.NorthwindCustomer)).GetStringAsync($"/portal/tickets/{filed.Text("number")}");

        desk.Should().Contain("<dt>Product</dt><dd>Keel RTOS</dd>").And.MatchRegex(@"Keel RTOS scope version \d");
        portal.Should().Contain("<dt>Product</dt><dd>Keel RTOS</dd>").And.MatchRegex(@"Keel RTOS scope version \d").And.NotContain(">keel version");
    }
}

/// <summary>The app with <c>Money:Currency</c> set to EUR.</summary>
public sealed class EuroAppFactory() : HelpDeskAppFactory(new Dictionary<string, string?> { ["Money:Currency"] = "eur" });

public sealed class CurrencySettingPageTests(EuroAppFactory app) : IClassFixture<EuroAppFactory>
{
    [Fact]
    public async Task Money_ShowsTheConfiguredCurrency_OnThePages_AndTheRouterCostsInIt()
    {
        var manager = await app.SignInAsync("manager@helpdesk.test");

        var contracts = await manager.GetStringAsync("/manage/contracts");
        var engineers = await manager.GetStringAsync("/manage/engineers");

        contracts.Should().MatchRegex(@"\.\d\d EUR</td>").And.NotContain(" USD<");
        engineers.Should().Contain(" EUR per case").And.NotContain(" USD ");
        app.Services.GetRequiredService<RoutingSettings>().Currency.Code.Should().Be("EUR", "routing explanations write expected costs in it");
    }
}
