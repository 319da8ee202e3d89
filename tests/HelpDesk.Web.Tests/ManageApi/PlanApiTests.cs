using System.Net;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.ManageApi;

/// <summary>Plans and holiday calendars through the API: the Plans and Calendars pages' rules, versions and access.</summary>
public sealed class PlanApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static SlaTarget[] Targets(int firstCritical = 60) =>
        new SlaTarget[]
        {
            new("Critical", firstCritical, 480),
            new("High", 120, 960),
            new("Normal", 240, 2400),
            new("Low", 480, 4800),
        };

    [Fact]
    public async Task Plan_CreatedReadAndChanged_WithItsVersion()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);

        var created = await manager.CreatedAsync("/api/plans", new
        {
            code = "api-gold",
            name = "API Gold",
            listPrice = "2400.00",
            incidentAllowance = 12,
            channels = new[] { "Web", "Api" },
            aroundTheClock = false,
            timeZone = "Europe/Berlin",
            opens = "08:00",
            closes = "18:00",
            days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" },
            targets = Targets(),
        });

        created.Text("code").Should().Be("api-gold");
        created.Text("listPrice").Should().Be("2400.00");
        created.GetProperty("listPriceCents").GetInt64().Should().Be(240_000);
        created.GetProperty("channels").EnumerateArray().Select(c => c.GetString()).Should().Equal("Web", "Api");
        created.Text("opens").Should().StartWith("08:00");
        created.GetProperty("targets").GetArrayLength().Should().Be(4);
        var id = created.Number("id");

        var read = await manager.GetJsonAsync($"/api/plans/{id}");
        read.Text("timeZone").Should().Be("Europe/Berlin");
        (await manager.GetJsonAsync("/api/plans")).EnumerateArray().Should().Contain(p => p.GetProperty("code").GetString() == "api-gold");

        var changed = await manager.OkAsync($"/api/plans/{id}", read.With(("name", "API Gold 24x7"), ("aroundTheClock", true)));
        changed.Text("name").Should().Be("API Gold 24x7");
        changed.GetProperty("aroundTheClock").GetBoolean().Should().BeTrue();
        changed.Number("version").Should().BeGreaterThan(read.Number("version"));

        var (stale, conflict) = await manager.PostJsonAsync($"/api/plans/{id}", read.With(("name", "Lost update")));
        stale.Should().Be(HttpStatusCode.Conflict, conflict.ToString());
        (await manager.GetJsonAsync($"/api/plans/{id}")).Text("name").Should().Be("API Gold 24x7");
    }

    [Fact]
    public async Task Plan_ThatBreaksTheFormsRules_Is422_NamingTheFields()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);

        var (status, problem) = await manager.PostJsonAsync("/api/plans", new
        {
            code = "Not A Code",
            name = "Broken",
            listPrice = "lots",
            channels = new[] { "Web" },
            aroundTheClock = true,
            targets = Targets(firstCritical: 9999),
        });

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain(["code", "listPrice", "targets[0]"]);
    }

    [Fact]
    public async Task Plan_ChangeWithoutVersion_Is422_AndAMissingPlanIs404()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var basic = (await manager.GetJsonAsync("/api/plans")).EnumerateArray().First();

        var (status, problem) = await manager.PostJsonAsync($"/api/plans/{basic.Number("id")}", basic.With(("version", null)));
        var missing = await manager.GetAsync("/api/plans/999999");

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain("version");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Calendar_CreatedReadChanged_RefusingBadDaysAndStaleVersions()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);

        var created = await manager.CreatedAsync("/api/holiday-calendars", new
        {
            name = "Dutch public holidays",
            days = new[] { new { day = "2027-04-27", name = "King's Day" }, new { day = "2027-12-25", name = "Christmas Day" } },
        });
        var id = created.Number("id");
        created.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("name").GetString()).Should().Equal("King's Day", "Christmas Day");

        var read = await manager.GetJsonAsync($"/api/holiday-calendars/{id}");
        var changed = await manager.OkAsync($"/api/holiday-calendars/{id}", new
        {
            name = "Netherlands public holidays",
            days = new[] { new { day = "2027-04-27", name = "King's Day" } },
            version = read.Number("version"),
        });
        changed.Text("name").Should().Be("Netherlands public holidays");
        changed.GetProperty("days").GetArrayLength().Should().Be(1);

        var (stale, _) = await manager.PostJsonAsync($"/api/holiday-calendars/{id}", new { name = "Lost", days = Array.Empty<object>(), version = read.Number("version") });
        var (twice, problem) = await manager.PostJsonAsync("/api/holiday-calendars", new
        {
            name = "Netherlands public holidays",
            days = new[] { new { day = "2027-01-01", name = "New Year" }, new { day = "2027-01-01", name = "Again" } },
        });

        stale.Should().Be(HttpStatusCode.Conflict);
        twice.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain(["name", "days"]);
        problem.Errors()["days"].Should().Contain(m => m.Contains("Line 2", StringComparison.Ordinal));
        (await manager.GetJsonAsync("/api/holiday-calendars")).EnumerateArray().Should().Contain(c => c.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task PlansAndCalendars_AreForbiddenToCustomersAndEngineers() =>
        await app.ForbiddenToCustomersAndEngineersAsync(
            (HttpMethod.Get, "/api/plans"),
            (HttpMethod.Get, "/api/plans/1"),
            (HttpMethod.Post, "/api/plans"),
            (HttpMethod.Post, "/api/plans/1"),
            (HttpMethod.Get, "/api/holiday-calendars"),
            (HttpMethod.Post, "/api/holiday-calendars"),
            (HttpMethod.Post, "/api/holiday-calendars/1"));

    private sealed record SlaTarget(string Severity, int FirstResponseMinutes, int ResolveMinutes);
}
