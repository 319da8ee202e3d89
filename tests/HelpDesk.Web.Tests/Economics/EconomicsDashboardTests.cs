using System.Globalization;
using System.Net;
using System.Text;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Demo;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Web.Tests.Economics.DashboardHtml;

namespace HelpDesk.Web.Tests.Economics;

/// <summary>
/// The managers' dashboard over <see cref="EconomicsSeed"/>'s second quarter of 2021: the figures are the seed's,
/// worked out by hand, and every drill-down link leads to the rows behind the one followed.
/// </summary>
[Collection(EconomicsTestGroup.Name)]
public sealed class EconomicsDashboardTests(EconomicsAppFactory app)
{
    private const string Page = "/manage/economics?" + EconomicsSeed.Quarter;

    private EconomicsSeed Seed => app.Seed;

    private string Money(long cents) => Core.Contracts.Money.Format(cents, app.Services.GetRequiredService<Currency>());

    [Fact]
    public async Task Quarter_ShowsThePnlByRegion_WithThePreviousQuarterBesideIt()
    {
        var html = await GetAsync(Page);

        WebUtility.HtmlDecode(html).Should().Contain("1 Apr 2021 – 30 Jun 2021").And.Contain("compared with <strong>1 Jan 2021 – 31 Mar 2021</strong>");
        Keys(html, "pnl").Should().Equal("Apac", "Emea");
        Cells(html, "pnl", "Apac").Should().StartWith(["Asia-Pacific", Money(91_00), Money(0), Money(225_00), Money(-134_00)]);
        Cells(html, "pnl", "Emea").Should().StartWith(["Europe, Middle East and Africa", Money(3_000_00), Money(0), Money(105_00), Money(2_895_00), "96.5%", Money(105_00), "1", Money(-60_00)]);
    }

    [Fact]
    public async Task HeadlineFigures_ShowValueChangeFormulaAndInputs_AndSayWhyThereIsNoValue()
    {
        var html = await GetAsync(Page);

        Cells(html, "metrics", "labour-cost").Should().Equal(
            "Labour cost", Money(330_00), Money(60_00), "+" + Money(270_00),
            "minutes logged on tickets × the engineer's hourly cost in force on the work date, plus each supplier's price once per case",
            "360 minutes cost 330.00", "");
        Cells(html, "metrics", "cost-per-case").Take(3).Should().Equal("Cost per case", Money(165_00), Money(60_00));
        Cells(html, "metrics", "csat").Take(2).Should().Equal("CSAT", "3.5");
        var nps = Cells(html, "metrics", "nps");
        nps[1].Should().Be("no value");
        nps[^1].Should().Be("no one answered in the period");
    }

    [Fact]
    public async Task DrillDown_RegionToCustomerToContractToTicketToTimeEntries_KeepsThePeriodAndLeadsToTheRightRows()
    {
        var html = await GetAsync(Page);

        var region = Link(html, "pnl", "Apac");
        region.Should().Contain("on=2021-05-15").And.Contain("region=Apac");
        html = await GetAsync(region);
        Keys(html, "pnl").Should().Equal(Id(Seed.South));
        Cells(html, "metrics", "labour-cost")[1].Should().Be(Money(225_00), "the headline figures follow the drill-down");

        html = await GetAsync(Link(html, "pnl", Id(Seed.South)));
        Keys(html, "pnl").Should().Equal(Id(Seed.ContractC));
        Cells(html, "pnl", Id(Seed.ContractC))[0].Should().Be(Contract.FormatNumber(Seed.ContractC));
        html.Should().Contain("aria-current=\"page\">Econ South<", "the breadcrumbs name the customer");

        html = await GetAsync(Link(html, "pnl", Id(Seed.ContractC)));
        Keys(html, "tickets").Should().Equal(TicketNumber.Format(Seed.TicketS1), TicketNumber.Format(Seed.TicketS2));
        Cells(html, "tickets", TicketNumber.Format(Seed.TicketS1)).Should().StartWith([TicketNumber.Format(Seed.TicketS1), "Gadget crashes on export", "Econ South", "250", Money(195_00)]);

        html = await GetAsync(Link(html, "tickets", TicketNumber.Format(Seed.TicketS1)));
        Cells(html, "time", Id(Seed.S1Supplier)).Should().StartWith(["2021-05-05", "Sven Supplier", "120", Money(45_00) + " a case", Money(45_00)]);
        Cells(html, "time", Id(Seed.S1InHouse)).Should().StartWith(["2021-05-06", "Ines Inhouse", "100", Money(90_00) + " an hour", Money(150_00)]);
        Keys(html, "time").Should().HaveCount(3);
        html.Should().Contain("data-fact-cents=\"19500\"", "the time entries agree with the facts")
            .And.Contain($"href=\"/desk/tickets/{TicketNumber.Format(Seed.TicketS1)}\"")
            .And.Contain("region=Apac", "the breadcrumbs keep the path");
    }

    [Fact]
    public async Task Sections_AnswerTheFourQuestions()
    {
        var html = await GetAsync(Page);

        Keys(html, "products").Should().Equal(Id(Seed.Gadget), Id(Seed.Widget));
        Cells(html, "products", Id(Seed.Gadget)).Should().StartWith(["Econ Gadget", Money(225_00), Money(225_00), "1"]);
        Keys(html, "unprofitable").Should().Equal(Id(Seed.South));
        Cells(html, "services", "services-revenue").Should().Equal("Services revenue", Money(0), Money(0));
        Cells(html, "trends", "2021-05").Should().StartWith(["May 2021", "100.0%", "2.0"]);
        Cells(html, "trends", "2021-06").Should().StartWith(["Jun 2021", "50.0%", "no value"]);
        Cells(html, "renewals", "4.5 and above").Should().StartWith(["4.5 and above", "1", "1", "100.0%"]);
        Cells(html, "renewals", "below 3.5").Should().StartWith(["below 3.5", "1", "0", "0.0%"]);
        Keys(html, "ended").Should().Equal(Id(Seed.ContractA), Id(Seed.ContractC));
        Cells(html, "ended", Id(Seed.ContractA)).Should().EndWith(["5.0", "4.5 and above", "yes"]);

        foreach (var chart in new[] { "chart-sla", "chart-csat", "chart-profit", "chart-product-cost-per-case", "chart-customer-losses" })
        {
            html.Should().MatchRegex($"<svg id=\"{chart}\"[^>]* role=\"img\" aria-label=\"[^\"]+\"[^>]*><title>[^<]+</title>");
        }

        System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value)
            .Should().OnlyContain(tag => tag.Contains("/js/site.js", StringComparison.Ordinal), "the charts are drawn on the server; only the layout's menu script runs");
    }

    [Fact]
    public async Task Csv_OfATable_HasItsRowsWithMoneyInCentsAndAsRead()
    {
        using var client = await app.SignInAsync(DemoData.ManagerEmail);

        using var response = await client.GetAsync(Page + "&handler=Csv&table=pnl");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("Region,Support revenue (cents),Support revenue,Services revenue (cents),Services revenue,Labour cost (cents),Labour cost,Profit (cents),Profit,");
        lines.Should().HaveCount(3);
        lines[1].Should().StartWith($"Asia-Pacific,9100,{Money(91_00)},0,{Money(0)},22500,{Money(225_00)},-13400,{Money(-134_00)},");
    }

    [Fact]
    public async Task Csv_EveryTableOfThePage_Downloads()
    {
        using var client = await app.SignInAsync(DemoData.ManagerEmail);
        foreach (var table in new[] { "metrics", "pnl", "products", "unprofitable", "services", "trends", "renewals", "ended" })
        {
            using var response = await client.GetAsync($"{Page}&handler=Csv&table={table}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, table);
        }

        using var tickets = await client.GetAsync($"/manage/economics?{EconomicsSeed.Quarter}&contract={Id(Seed.ContractC)}&handler=Csv&table=tickets");
        var text = await tickets.Content.ReadAsStringAsync();
        text.Should().Contain($"{TicketNumber.Format(Seed.TicketS1)},Gadget crashes on export,Econ South,250,19500,");
    }

    [Theory]
    [InlineData("period=custom&from=2021-06-01&to=2021-05-01", "swap the dates")]
    [InlineData("period=custom", "Give the first day of the period")]
    [InlineData("period=custom&from=2015-01-01&to=2021-01-01", "longer than 5 years")]
    [InlineData("period=fortnight", "Choose a month, a quarter, a year or custom dates.")]
    public async Task ABadPeriod_IsShownBesideItsField(string query, string error)
    {
        var html = await GetAsync($"/manage/economics?{query}");

        Infrastructure.PageText.ErrorsOf(html).Should().Contain(error);
        html.Should().NotContain("data-table=\"pnl\"");
    }

    [Fact]
    public async Task ManageHome_LinksToTheDashboard()
    {
        var html = await GetAsync("/manage");

        html.Should().Contain("href=\"/manage/economics\"");
    }

    private async Task<string> GetAsync(string url)
    {
        using var client = await app.SignInAsync(DemoData.ManagerEmail);
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return html;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
