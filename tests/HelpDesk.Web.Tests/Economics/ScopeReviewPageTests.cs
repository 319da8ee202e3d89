using System.Net;
using System.Text;
using HelpDesk.Core.Contracts;
using HelpDesk.Web.Demo;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Web.Tests.Economics.DashboardHtml;

namespace HelpDesk.Web.Tests.Economics;

/// <summary>
/// The scope review over <see cref="EconomicsSeed"/>'s second quarter of 2021: its release table sums the same
/// ticket-day facts as the dashboard's products, its counts lead to the tickets behind them, and only managers read it.
/// </summary>
[Collection(EconomicsTestGroup.Name)]
public sealed class ScopeReviewPageTests(EconomicsAppFactory app)
{
    private const string Page = "/manage/scope/review?from=2021-04-01&to=2021-06-30";

    private string Money(long cents) => Core.Contracts.Money.Format(cents, app.Services.GetRequiredService<Currency>());

    [Fact]
    public async Task Release_ShowsEachProductsTicketsAndLabour_AsTheDashboardCountsThem()
    {
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);

        var html = await (await manager.GetAsync(Page)).Content.ReadAsStringAsync();

        Cells(html, "release", $"{app.Seed.Gadget}|(none)").Should().Equal("Econ Gadget", "not given", "2", Money(225_00), "2.0");
        Cells(html, "release", $"{app.Seed.Widget}|(none)").Should().Equal("Econ Widget", "not given", "1", Money(105_00), "5.0");
        Keys(html, "category").Should().BeEmpty("no ticket of the quarter was out of scope");
    }

    [Fact]
    public async Task TicketCount_DrillsDownToTheTicketsBehindIt()
    {
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);
        var html = await (await manager.GetAsync(Page)).Content.ReadAsStringAsync();

        var behind = await (await manager.GetAsync(Link(html, "release", $"{app.Seed.Gadget}|(none)"))).Content.ReadAsStringAsync();

        Keys(behind, "tickets").Should().Equal($"HD-{app.Seed.TicketS1}", $"HD-{app.Seed.TicketS2}");
    }

    [Fact]
    public async Task Csv_DownloadsATableWithMoneyInCents()
    {
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);

        var response = await manager.GetAsync(Page + "&handler=Csv&csv=release");
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        csv.Should().StartWith("Product,Release,Tickets,Labour cost (cents),Labour cost,CSAT").And.Contain("Econ Gadget,not given,2,22500,");
    }

    [Fact]
    public async Task Period_ThatCannotBeRead_IsShownBesideItsField()
    {
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);

        var html = WebUtility.HtmlDecode(await (await manager.GetAsync("/manage/scope/review?from=2021-13-01&to=2021-06-30")).Content.ReadAsStringAsync());

        html.Should().Contain("field-error").And.NotContain("data-table=\"release\"");
    }

    [Theory]
    [InlineData("customer@northwind.example")]
    [InlineData("engineer@helpdesk.test")]
    public async Task IsForManagersOnly(string email)
    {
        using var client = await app.SignInAsync(email);

        var response = await client.GetAsync(Page);

        response.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await client.GetAsync(Page + "&handler=Csv&csv=release")).StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }
}
