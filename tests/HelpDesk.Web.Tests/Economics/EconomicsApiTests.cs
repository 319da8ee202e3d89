using System.Globalization;
using System.Net;
using System.Text.Json;
using HelpDesk.Web.Demo;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.Economics;

/// <summary>The economics API over <see cref="EconomicsSeed"/>: the same figures as the dashboard, managers only, and 400s a person can act on.</summary>
[Collection(EconomicsTestGroup.Name)]
public sealed class EconomicsApiTests(EconomicsAppFactory app)
{
    private const string Quarter = "from=2021-04-01&to=2021-06-30";

    [Fact]
    public async Task Pnl_ByRegion_GivesEachRegionsRevenueCostAndProfit()
    {
        using var manager = await app.SignInWithTokenAsync(DemoData.ManagerEmail);

        var pnl = await manager.GetJsonAsync($"/api/economics/pnl?level=region&{Quarter}");

        pnl.GetProperty("level").GetString().Should().Be("region");
        var rows = pnl.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("key").GetString()).Should().Equal("Apac", "Emea");
        rows[0].GetProperty("supportRevenueCents").GetInt64().Should().Be(91_00);
        rows[0].GetProperty("labourCostCents").GetInt64().Should().Be(225_00);
        rows[0].GetProperty("profitCents").GetInt64().Should().Be(-134_00);
        rows[1].GetProperty("supportRevenueCents").GetInt64().Should().Be(3_000_00);
        rows[1].GetProperty("margin").GetDecimal().Should().Be(0.965m);
        rows[1].GetProperty("costPerCaseCents").GetDecimal().Should().Be(105_00m);
    }

    [Fact]
    public async Task Pnl_ByProduct_NamesTheProducts()
    {
        using var manager = await app.SignInWithTokenAsync(DemoData.ManagerEmail);

        var pnl = await manager.GetJsonAsync($"/api/economics/pnl?level=product&{Quarter}");

        pnl.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("name").GetString(), r.GetProperty("labourCostCents").GetInt64()))
            .Should().Equal(("Econ Gadget", 225_00L), ("Econ Widget", 105_00L));
    }

    [Fact]
    public async Task Metrics_ForAnOrganisation_GiveEachMetricWithFormulaInputsAndWhyNone()
    {
        using var manager = await app.SignInWithTokenAsync(DemoData.ManagerEmail);

        var metrics = await manager.GetJsonAsync($"/api/economics/metrics?{Quarter}&organisation={app.Seed.South.ToString(CultureInfo.InvariantCulture)}");

        var byKey = metrics.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!);
        byKey["labour-cost"].GetProperty("value").GetDecimal().Should().Be(225_00m);
        byKey["labour-cost"].GetProperty("unit").GetString().Should().Be("money");
        byKey["labour-cost"].GetProperty("inputs").GetString().Should().Be("270 minutes cost 225.00");
        byKey["profit"].GetProperty("value").GetDecimal().Should().Be(-134_00m);
        byKey["csat"].GetProperty("value").GetDecimal().Should().Be(2m);
        byKey["nps"].GetProperty("value").ValueKind.Should().Be(JsonValueKind.Null);
        byKey["nps"].GetProperty("whyNone").GetString().Should().Be("no one answered in the period");
        byKey["nps"].GetProperty("formula").GetString().Should().NotBeEmpty();
        byKey["nps"].GetProperty("name").GetString().Should().Be("NPS");
    }

    [Fact]
    public async Task Metrics_ForAProduct_CountOnlyItsTickets()
    {
        using var manager = await app.SignInWithTokenAsync(DemoData.ManagerEmail);

        var metrics = await manager.GetJsonAsync($"/api/economics/metrics?{Quarter}&product={app.Seed.Widget.ToString(CultureInfo.InvariantCulture)}");

        metrics.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "labour-cost")
            .GetProperty("value").GetDecimal().Should().Be(105_00m);
    }

    [Theory]
    [InlineData("/api/economics/pnl?level=planet&" + Quarter, "level")]
    [InlineData("/api/economics/pnl?" + Quarter, "level")]
    [InlineData("/api/economics/pnl?level=region&to=2021-06-30", "from")]
    [InlineData("/api/economics/pnl?level=region&from=2021-04-01&to=30.06.2021", "to")]
    [InlineData("/api/economics/pnl?level=region&from=2021-07-01&to=2021-06-30", "from")]
    [InlineData("/api/economics/pnl?level=region&from=2015-01-01&to=2021-06-30", "to")]
    [InlineData("/api/economics/metrics?from=2021-04-01", "to")]
    [InlineData("/api/economics/metrics?" + Quarter + "&organisation=north", "organisation")]
    [InlineData("/api/economics/metrics?" + Quarter + "&product=-1", "product")]
    public async Task BadInput_Answers400_NamingTheField(string url, string field)
    {
        using var manager = await app.SignInWithTokenAsync(DemoData.ManagerEmail);

        using var response = await manager.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue(problem.ToString());
        messages[0].GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("admin@helpdesk.test")]
    [InlineData("engineer@helpdesk.test")]
    [InlineData("customer@northwind.example")]
    public async Task AnyoneButAManager_Gets403(string email)
    {
        using var client = await app.SignInWithTokenAsync(email);

        foreach (var url in new[] { $"/api/economics/pnl?level=region&{Quarter}", $"/api/economics/metrics?{Quarter}" })
        {
            using var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesBothRoutes()
    {
        var document = await app.CreateAnonymousClient().GetJsonAsync("/api/openapi/v1.json");

        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().Contain(["/api/economics/pnl", "/api/economics/metrics"]);
    }
}
