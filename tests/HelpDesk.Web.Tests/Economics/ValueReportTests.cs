using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Web.Demo;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Economics;

/// <summary>
/// The value report over <see cref="EconomicsSeed"/>'s second quarter of 2021: its figures are the economics facts'
/// (the dashboard's API gives the same to the cent), managers open any organisation's and mail it, and a customer only
/// ever sees their own organisation's.
/// </summary>
[Collection(EconomicsTestGroup.Name)]
public sealed class ValueReportTests(EconomicsAppFactory app)
{
    private const string Quarter = "from=2021-04-01&to=2021-06-30";

    private static string ManagerPage(int organisation) => $"/manage/organisations/value/{organisation.ToString(CultureInfo.InvariantCulture)}?{Quarter}";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ManagerReport_AgreesWithTheEconomicsDashboardToTheCent(bool south)
    {
        var organisation = south ? app.Seed.South : app.Seed.North;
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);
        using var api = await app.SignInWithTokenAsync(DemoData.ManagerEmail);

        var html = await (await manager.GetAsync(ManagerPage(organisation))).Content.ReadAsStringAsync();
        var metrics = (await api.GetJsonAsync($"/api/economics/metrics?{Quarter}&organisation={organisation.ToString(CultureInfo.InvariantCulture)}"))
            .GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!, m => m.GetProperty("value"));
        var customer = (await api.GetJsonAsync($"/api/economics/pnl?level=customer&{Quarter}"))
            .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == organisation.ToString(CultureInfo.InvariantCulture));

        html.Should().NotContain("data-figure=\"labour\"", "what the support cost the installation is not the customer's to read");
        metrics["labour-cost"].GetDecimal().Should().BeGreaterThan(0, "the dashboard has the labour the report leaves out");
        Raw(html, "contract-cost").Should().Be((long)metrics["support-revenue"].GetDecimal()).And.Be(customer.GetProperty("supportRevenueCents").GetInt64());
        Raw(html, "services").Should().Be((long)metrics["services-revenue"].GetDecimal()).And.Be(customer.GetProperty("servicesRevenueCents").GetInt64());
        Raw(html, "tickets-resolved").Should().Be(customer.GetProperty("ticketsResolved").GetInt64());
        (Raw(html, "contract-cost"), Raw(html, "engineer-hours")).Should().Be(south ? (91_00L, 270L) : (3_000_00L, 90L));
    }

    [Fact]
    public async Task Report_AgreesWithTheReaderTheDashboardUses_AfterARollup()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<IEconomicsReader>();
        var reports = scope.ServiceProvider.GetRequiredService<ReadValueReport>();

        var report = (await reports.HandleAsync(app.Seed.South, "2021-04-01", "2021-06-30")).Value!;
        var total = await reader.TotalAsync(new EconomicsFilter(new(2021, 4, 1), new(2021, 6, 30)) { OrganisationId = app.Seed.South });

        report.Measures.HasSameValuesAs(total).Should().BeTrue();
        report.TicketsResolved.Should().Be(1);
        report.Csat.Value.Should().Be(2m);
        report.MedianFirstResponseMinutes.Should().Be(30, "S1 and S2 were both answered 30 minutes after filing, on a plan open around the clock");
        report.Goodwill.Should().BeEmpty();
    }

    [Fact]
    public async Task ManagerReport_ShowsTheFiguresWithHowTheyAreCounted_AndIsPrintable()
    {
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);

        var html = WebUtility.HtmlDecode(await (await manager.GetAsync(ManagerPage(app.Seed.South))).Content.ReadAsStringAsync());

        html.Should().Contain("Econ South, 1 Apr 2021 to 30 Jun 2021")
            .And.Contain("your contracts cost 91.00")
            .And.Contain("4.5 h")
            .And.Contain("print.css")
            .And.Contain("class=\"value-report-page\"");
    }

    [Fact]
    public async Task ManagerReport_SaysWhyAPeriodCannotBeRead()
    {
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);

        var html = WebUtility.HtmlDecode(await (await manager.GetAsync($"/manage/organisations/value/{app.Seed.South}?from=2021-06-30&to=2021-04-01")).Content.ReadAsStringAsync());

        html.Should().Contain("The period starts on 2021-06-30, after it ends on 2021-04-01; swap the dates.");
    }

    [Fact]
    public async Task Send_QueuesTheReportForOneOfTheOrganisationsPeople_ThroughTheOutbox()
    {
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);
        await using var db = await app.Connections.OpenAsync();
        var recipient = await db.ExecuteScalarAsync<int>("SELECT Id FROM Users WHERE Email = 'buyer@econ-south.test'");

        var response = await manager.PostFormAsync(ManagerPage(app.Seed.South), new Dictionary<string, string> { ["recipientId"] = recipient.ToString(CultureInfo.InvariantCulture) }, "Send");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var mail = await db.QuerySingleAsync<(string Subject, string TextBody)>(
            "SELECT Subject, TextBody FROM OutboxMessages WHERE Kind = @Kind AND ToAddress = 'buyer@econ-south.test'", new { Kind = SendValueReport.Kind });
        mail.Subject.Should().Be("Your support from 1 Apr 2021 to 30 Jun 2021");
        mail.TextBody.Should().Contain("What the contract cost: 91.00").And.Contain("/portal/value?from=2021-04-01&to=2021-06-30");
    }

    [Fact]
    public async Task Send_RefusesSomeoneOutsideTheOrganisation()
    {
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);
        await using var db = await app.Connections.OpenAsync();
        var outsider = await db.ExecuteScalarAsync<int>("SELECT Id FROM Users WHERE Email = 'buyer@econ-north.test'");

        await manager.PostFormAsync(ManagerPage(app.Seed.South), new Dictionary<string, string> { ["recipientId"] = outsider.ToString(CultureInfo.InvariantCulture) }, "Send");

        (await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE Kind = @Kind AND ToAddress = 'buyer@econ-north.test'", new { Kind = SendValueReport.Kind }))
            .Should().Be(0);
    }

    [Fact]
    public async Task Portal_ShowsTheCustomersOwnOrganisation_WhateverTheAddressNames()
    {
        using var customer = await app.SignInAsync("customer@northwind.example");

        var response = await customer.GetAsync($"/portal/value?{Quarter}&organisation={app.Seed.South}&id={app.Seed.South}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Northwind Traders, 1 Apr 2021 to 30 Jun 2021").And.NotContain("Econ South").And.NotContain("Gadget crashes");
    }

    [Fact]
    public async Task Portal_DefaultsToTheCurrentContractTerm()
    {
        using var customer = await app.SignInAsync("customer@northwind.example");

        var html = await (await customer.GetAsync("/portal/value")).Content.ReadAsStringAsync();

        html.Should().Contain("data-figure=\"contract-cost\"").And.Contain("Your support");
    }

    [Theory]
    [InlineData("customer@northwind.example")]
    [InlineData("engineer@helpdesk.test")]
    public async Task ManagerReport_IsForManagersOnly(string email)
    {
        using var client = await app.SignInAsync(email);

        var response = await client.GetAsync(ManagerPage(app.Seed.South));

        response.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("Econ South");
    }

    [Fact]
    public async Task Portal_IsForCustomers()
    {
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);

        var response = await manager.GetAsync("/portal/value");

        response.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.NotFound);
    }

    private static long Raw(string html, string figure)
    {
        var match = Regex.Match(html, $"data-figure=\"{figure}\" data-raw=\"(-?[0-9]+)\"");
        match.Success.Should().BeTrue($"the report shows {figure}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
