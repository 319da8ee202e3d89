using System.Globalization;
using System.Net;
using System.Text.Json;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.ManageApi;

/// <summary>
/// Contracts through the API as an integrator uses them: the contract pages' rules, versions, audit and access, and a
/// contract created here entitling the organisation's next ticket.
/// </summary>
public sealed class ContractApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Litware = "customer@litware.example";

    private static string Day(int fromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<int> PlanIdAsync(HttpClient manager, string code) =>
        (await manager.GetJsonAsync("/api/plans")).EnumerateArray().Single(p => p.GetProperty("code").GetString() == code).Number("id");

    private async Task<object> ContractAsync(HttpClient manager, string organisation, string product, int startsIn, int endsIn, string timeZone = "Europe/Paris") => new
    {
        organisationId = await app.OrganisationIdAsync(organisation),
        planId = await PlanIdAsync(manager, "standard"),
        productIds = new[] { await app.ProductIdAsync(product) },
        startsOn = Day(startsIn),
        endsOn = Day(endsIn),
        value = "5000.00",
        timeZone,
    };

    [Fact]
    public async Task ContractCreatedThroughTheApi_JudgesTheOrganisationsNextTicketEntitled()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        using var customer = await app.SignInWithTokenAsync(Litware);
        var ticket = new { subject = "Kernel panics at boot", body = "Since this morning the board resets at boot.", severity = 3, product = "keel" };
        var before = await customer.FileAsync("Kernel panics at boot", extra: ticket);

        var contract = await manager.CreatedAsync("/api/contracts", await ContractAsync(manager, "Litware Media", "keel", -1, 364));
        var after = await customer.FileAsync("Kernel panics at boot", extra: ticket);

        before.GetProperty("entitlement").Text("verdict").Should().NotBe("Entitled");
        contract.Text("state").Should().Be("Active");
        after.GetProperty("entitlement").Text("verdict").Should().Be("Entitled", after.ToString());
        after.GetProperty("entitlement").Text("contract").Should().Be(contract.Text("number"));

        var usage = await manager.GetJsonAsync($"/api/contracts/{contract.Number("id")}/usage");
        usage.Number("used").Should().Be(1);
        usage.Number("left").Should().Be(usage.Number("allowed") - 1);
        usage.GetProperty("incidents").EnumerateArray().Single().Text("ticket").Should().Be(after.Text("number"));
    }

    [Fact]
    public async Task Contract_CreatedReadAndChanged_WithVersionsAndAudit()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var created = await manager.CreatedAsync("/api/contracts", await ContractAsync(manager, "Fabrikam Robotics", "sextant", 10, 200, "Asia/Tokyo"));
        var id = created.Number("id");
        created.Text("state").Should().Be("Upcoming");
        created.Text("value").Should().Be("5000.00");

        var read = (await manager.GetJsonAsync($"/api/contracts/{id}")).GetProperty("contract");
        var changed = await manager.OkAsync($"/api/contracts/{id}", read.With(("value", "6500.00")));
        var (stale, conflict) = await manager.PostJsonAsync($"/api/contracts/{id}", read.With(("value", "1.00")));

        changed.GetProperty("valueCents").GetInt64().Should().Be(650_000);
        stale.Should().Be(HttpStatusCode.Conflict, conflict.ToString());
        var detail = await manager.GetJsonAsync($"/api/contracts/{id}");
        detail.GetProperty("contract").Text("value").Should().Be("6500.00");
        detail.GetProperty("history").EnumerateArray().Select(h => h.Text("action")).Should().Contain(["created", "changed"]);
        var audit = await app.ManageAuditAsync("contract", id);
        audit.Should().HaveCount(2);
        audit[1].Should().Contain("6,500.00").And.StartWith("changed");
    }

    [Fact]
    public async Task Contract_ThatContradictsItself_Is422_NamingTheFields()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);

        var (status, problem) = await manager.PostJsonAsync("/api/contracts", new
        {
            planId = await PlanIdAsync(manager, "basic"),
            productIds = Array.Empty<int>(),
            startsOn = Day(10),
            endsOn = Day(5),
            value = "-3",
            timeZone = "Mars/Olympus",
        });

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain(["organisationId", "productIds", "endsOn", "value", "timeZone"]);
    }

    [Fact]
    public async Task RenewCancelReinstate_RoundTrip_RefusingStaleVersions()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var contract = await manager.CreatedAsync("/api/contracts", await ContractAsync(manager, "Tailspin Toys", "keel", 0, 99, "America/Los_Angeles"));
        var id = contract.Number("id");

        var renewal = await manager.CreatedAsync($"/api/contracts/{id}/renew", new { value = "5500.00" });
        renewal.Number("renewsContractId").Should().Be(id);
        renewal.Text("startsOn").Should().Be(Day(100));
        renewal.Text("value").Should().Be("5500.00");
        var (again, twice) = await manager.PostJsonAsync($"/api/contracts/{id}/renew", new { });
        again.Should().Be(HttpStatusCode.UnprocessableEntity, "a contract is renewed once");
        twice.Errors().Keys.Should().Contain("renewsContractId");

        var renewed = (await manager.GetJsonAsync($"/api/contracts/{id}")).GetProperty("contract");
        renewed.Number("renewedById").Should().Be(renewal.Number("id"));
        var (staleCancel, _) = await manager.PostJsonAsync($"/api/contracts/{id}/cancel", new { version = renewed.Number("version") + 1, reason = "Stale" });
        var cancelled = await manager.OkAsync($"/api/contracts/{id}/cancel", new { version = renewed.Number("version"), reason = "The customer moved to another supplier." });
        var (staleReinstate, _) = await manager.PostJsonAsync($"/api/contracts/{id}/reinstate", new { version = renewed.Number("version") });
        var reinstated = await manager.OkAsync($"/api/contracts/{id}/reinstate", new { version = cancelled.Number("version") });

        staleCancel.Should().Be(HttpStatusCode.Conflict);
        cancelled.Text("status").Should().Be("Cancelled");
        cancelled.Text("state").Should().Be("Cancelled");
        staleReinstate.Should().Be(HttpStatusCode.Conflict);
        reinstated.Text("status").Should().Be("Active");
        var audit = await app.ManageAuditAsync("contract", id);
        audit.Select(a => a.Split(':')[0]).Should().Equal("created", "cancelled", "reinstated");
        audit[1].Should().Contain("Reason: The customer moved to another supplier.");
    }

    [Fact]
    public async Task List_FiltersAndPages()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var northwind = await app.OrganisationIdAsync("Northwind Traders");

        var all = await manager.GetJsonAsync($"/api/contracts?organisationId={northwind}");
        var active = await manager.GetJsonAsync($"/api/contracts?organisationId={northwind}&state=active");
        var ended = await manager.GetJsonAsync($"/api/contracts?organisationId={northwind}&endingBefore={Day(0)}");
        var first = await manager.GetJsonAsync($"/api/contracts?organisationId={northwind}&limit=1");
        var second = await manager.GetJsonAsync($"/api/contracts?organisationId={northwind}&limit=1&after={first.Text("next")}");
        var (bad, problem) = await BadAsync(manager, "/api/contracts?state=sleeping&limit=0&after=nonsense&endingBefore=tomorrow");

        Ids(all).Should().HaveCount(2).And.BeInDescendingOrder();
        Ids(active).Should().Equal(Ids(all)[0]);
        Ids(ended).Should().Equal(Ids(all)[1]);
        Ids(first).Should().Equal(Ids(all)[0]);
        Ids(second).Should().Equal(Ids(all)[1]);
        second.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);
        bad.Should().Be(HttpStatusCode.BadRequest);
        problem.Errors().Keys.Should().Contain(["state", "limit", "after", "endingBefore"]);
    }

    [Fact]
    public async Task Contracts_AreForbiddenToCustomersAndEngineers() =>
        await app.ForbiddenToCustomersAndEngineersAsync(
            (HttpMethod.Get, "/api/contracts"),
            (HttpMethod.Get, "/api/contracts/1"),
            (HttpMethod.Get, "/api/contracts/1/usage"),
            (HttpMethod.Post, "/api/contracts"),
            (HttpMethod.Post, "/api/contracts/1"),
            (HttpMethod.Post, "/api/contracts/1/renew"),
            (HttpMethod.Post, "/api/contracts/1/cancel"),
            (HttpMethod.Post, "/api/contracts/1/reinstate"));

    [Fact]
    public async Task OpenApiDocument_DescribesTheContractRoutes()
    {
        var document = await app.CreateAnonymousClient().GetJsonAsync("/api/openapi/v1.json");

        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().Contain(
        [
            "/api/plans", "/api/plans/{id}", "/api/holiday-calendars", "/api/holiday-calendars/{id}", "/api/contracts",
            "/api/contracts/{id}", "/api/contracts/{id}/usage", "/api/contracts/{id}/renew", "/api/contracts/{id}/cancel",
            "/api/contracts/{id}/reinstate",
        ]);
    }

    private static List<int> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(c => c.Number("id"))];

    private static async Task<(HttpStatusCode, JsonElement)> BadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (response.StatusCode, await response.JsonAsync());
    }
}
