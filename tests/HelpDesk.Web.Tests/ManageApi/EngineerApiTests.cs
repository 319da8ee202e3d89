using System.Net;
using HelpDesk.Core.Routing;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.ManageApi;

/// <summary>Engineer profiles, availability and cost rates through the API: the engineer pages' rules, versions and access.</summary>
public sealed class EngineerApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> IdAsync(string email) => (await app.UserIdAsync(email))!.Value;

    [Fact]
    public async Task Profile_ReadAndChanged_WithItsVersion()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var kenji = await IdAsync("kenji.sato@helpdesk.test");

        var read = await manager.GetJsonAsync($"/api/engineers/{kenji}");
        var profile = read.GetProperty("profile");
        read.GetProperty("routed").GetBoolean().Should().BeTrue();
        profile.GetProperty("skills").EnumerateArray().Select(s => (s.Text("product"), s.Number("proficiency"))).Should().Contain(("keel", 4));
        profile.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).Should().Equal("en", "ja");
        profile.Number("tier").Should().Be(2);

        var changed = await manager.OkAsync($"/api/engineers/{kenji}", new
        {
            tier = 3,
            skills = new[] { new { product = "keel", proficiency = 5 }, new { product = "mooring", proficiency = 2 } },
            languages = new[] { "en", "ja", "de" },
            capacity = 8,
            available = true,
            version = profile.Number("version"),
        });
        var (stale, conflict) = await manager.PostJsonAsync($"/api/engineers/{kenji}", new
        {
            tier = 1,
            skills = Array.Empty<object>(),
            languages = new[] { "en" },
            capacity = 1,
            version = profile.Number("version"),
        });

        var saved = changed.GetProperty("profile");
        saved.Number("tier").Should().Be(3);
        saved.Number("capacity").Should().Be(8);
        saved.GetProperty("skills").EnumerateArray().Select(s => s.Text("product")).Should().BeEquivalentTo("keel", "mooring");
        stale.Should().Be(HttpStatusCode.Conflict, conflict.ToString());
        var stored = await app.Services.GetRequiredService<IEngineerStore>().GetAsync(kenji);
        stored!.Tier.Should().Be(3);
        stored.Languages.Should().Equal("en", "ja", "de");
    }

    [Fact]
    public async Task Profile_ThatBreaksTheRules_Is422_NamingTheFields_AsIsOneWithoutVersion()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var tom = await IdAsync("tom.becker@helpdesk.test");

        var (status, problem) = await manager.PostJsonAsync($"/api/engineers/{tom}", new
        {
            tier = 7,
            skills = new[] { new { product = "no-such-product", proficiency = 9 } },
            languages = new[] { "tlh" },
            capacity = 500,
            version = 1,
        });
        var (noVersion, malformed) = await manager.PostJsonAsync($"/api/engineers/{tom}", new { tier = 1, languages = new[] { "en" }, capacity = 5 });
        using var customer = await manager.GetAsync($"/api/engineers/{await IdAsync(TicketApi.NorthwindCustomer)}");

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain(["tier", "skills[0].product", "skills[0].proficiency", "languages", "capacity"]);
        noVersion.Should().Be(HttpStatusCode.UnprocessableEntity);
        malformed.Errors().Keys.Should().Contain("version");
        customer.StatusCode.Should().Be(HttpStatusCode.NotFound, "a customer has no routing profile to manage");
    }

    [Fact]
    public async Task Profile_GivenToAStaffMemberWithoutOne_WithVersionZero_Once()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var list = await manager.GetJsonAsync("/api/engineers");
        var unrouted = list.EnumerateArray().First(e => !e.GetProperty("routed").GetBoolean());
        var id = unrouted.Number("userId");
        var body = new { tier = 1, skills = new[] { new { product = "sextant", proficiency = 3 } }, languages = new[] { "en" }, capacity = 0, available = false, version = 0 };

        var created = await manager.OkAsync($"/api/engineers/{id}", body);
        var (again, conflict) = await manager.PostJsonAsync($"/api/engineers/{id}", body);

        created.GetProperty("routed").GetBoolean().Should().BeTrue();
        created.GetProperty("profile").Number("version").Should().BeGreaterThan(0);
        again.Should().Be(HttpStatusCode.Conflict, conflict.ToString());
        (await manager.GetJsonAsync("/api/engineers")).EnumerateArray().Single(e => e.Number("userId") == id).GetProperty("routed").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Availability_MarksAnEngineerAwayAndBack()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var lena = await IdAsync("lena.fischer@helpdesk.test");

        var away = await manager.OkAsync($"/api/engineers/{lena}/availability", new { available = false });
        var listed = (await manager.GetJsonAsync("/api/engineers")).EnumerateArray().Single(e => e.Number("userId") == lena);
        var back = await manager.OkAsync($"/api/engineers/{lena}/availability", new { available = true });
        var (missing, problem) = await manager.PostJsonAsync($"/api/engineers/{lena}/availability", new { });

        away.GetProperty("profile").GetProperty("available").GetBoolean().Should().BeFalse();
        listed.GetProperty("available").GetBoolean().Should().BeFalse();
        back.GetProperty("profile").GetProperty("available").GetBoolean().Should().BeTrue();
        missing.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain("available");
    }

    [Fact]
    public async Task CostRate_AddedThroughTheApi_IsTheOneInForceFromItsDate()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var wei = await IdAsync("wei.chen@helpdesk.test");
        var before = await manager.GetJsonAsync($"/api/engineers/{wei}/rates");

        var added = await manager.CreatedAsync($"/api/engineers/{wei}/rates", new { effectiveFrom = Day(Today.AddDays(3)), hourly = "91.50" });
        var (past, problem) = await manager.PostJsonAsync($"/api/engineers/{wei}/rates", new { effectiveFrom = Day(Today.AddDays(-1)), hourly = "10.00" });

        added.Text("hourlyNow").Should().Be(before.Text("hourlyNow"), "the new rate has not started");
        var upcoming = added.GetProperty("rates").EnumerateArray().Last();
        upcoming.Text("effectiveFrom").Should().Be(Day(Today.AddDays(3)));
        upcoming.GetProperty("upcoming").GetBoolean().Should().BeTrue();
        upcoming.GetProperty("hourlyCents").GetInt64().Should().Be(9_150);
        past.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain("effectiveFrom");
        var profile = await app.Services.GetRequiredService<IEngineerStore>().GetAsync(wei);
        profile!.HourlyCentsOn(Today.AddDays(3)).Should().Be(9_150);
        profile.HourlyCentsOn(Today.AddDays(2)).Should().NotBe(9_150);

        var today = await manager.CreatedAsync($"/api/engineers/{wei}/rates", new { effectiveFrom = Day(Today), hourly = "70.00" });
        today.Text("hourlyNow").Should().Be("70.00");
        var (again, refused) = await manager.PostJsonAsync($"/api/engineers/{wei}/rates", new { effectiveFrom = Day(Today), hourly = "75.00" });
        again.Should().Be(HttpStatusCode.UnprocessableEntity, "a rate that has started is never changed");
        refused.Errors().Keys.Should().Contain("effectiveFrom");
    }

    [Fact]
    public async Task Engineers_AreForbiddenToCustomersAndEngineers() =>
        await app.ForbiddenToCustomersAndEngineersAsync(
            (HttpMethod.Get, "/api/engineers"),
            (HttpMethod.Get, "/api/engineers/1"),
            (HttpMethod.Post, "/api/engineers/1"),
            (HttpMethod.Post, "/api/engineers/1/availability"),
            (HttpMethod.Get, "/api/engineers/1/rates"),
            (HttpMethod.Post, "/api/engineers/1/rates"));

    [Fact]
    public async Task OpenApiDocument_DescribesTheEngineerRoutes()
    {
        var document = await app.CreateAnonymousClient().GetJsonAsync("/api/openapi/v1.json");

        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().Contain(
            ["/api/engineers", "/api/engineers/{id}", "/api/engineers/{id}/availability", "/api/engineers/{id}/rates"]);
    }
}
