using System.Globalization;
using System.Net;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Manage;
using HelpDesk.Web.Tests.ManageApi;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Scope;

/// <summary>
/// <c>/api/scope</c>: managers draft, publish, discard and compare a product's Scope of Support through the scope
/// pages' use cases, with the pages' versions, refusals and audit lines.
/// </summary>
public sealed class ScopeApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Draft_CreateEditPublish_RefusesAStaleVersion_AndNamesTheFieldItRefuses()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var code = ManageSeed.Unique("sa").ToLowerInvariant();
        var id = (await app.PublishAsync(code, "Scope api " + code)).Id;

        var opened = await manager.GetJsonAsync($"/api/scope/{id}/draft");
        var created = await manager.OkAsync($"/api/scope/{id}/draft", Draft("First summary.", version: 0));
        var edited = await manager.OkAsync($"/api/scope/{id}/draft", Draft("Edited summary.", created.Number("version")));
        var (stale, staleProblem) = await manager.PostJsonAsync($"/api/scope/{id}/draft", Draft("Lost summary.", created.Number("version")));
        var (invalid, invalidProblem) = await manager.PostJsonAsync($"/api/scope/{id}/draft", Draft("", edited.Number("version")));
        var (unversioned, unversionedProblem) = await manager.PostJsonAsync($"/api/scope/{id}/draft", new { summary = "No version." });
        var (stalePublish, _) = await manager.PostJsonAsync($"/api/scope/{id}/draft/publish", new { version = created.Number("version") });
        var published = await manager.OkAsync($"/api/scope/{id}/draft/publish", new { version = edited.Number("version"), appliesTo = "Now" });
        var overview = await manager.GetJsonAsync($"/api/scope/{id}");
        var version = await manager.GetJsonAsync($"/api/scope/{id}/versions/1");

        opened.GetProperty("saved").GetBoolean().Should().BeFalse();
        opened.Number("version").Should().Be(0);
        created.GetProperty("saved").GetBoolean().Should().BeTrue();
        edited.GetProperty("settings").Text("summary").Should().Be("Edited summary.");
        stale.Should().Be(HttpStatusCode.Conflict);
        staleProblem.Text("detail").Should().Contain("Someone else changed the draft scope");
        invalid.Should().Be(HttpStatusCode.UnprocessableEntity);
        invalidProblem.Errors().Keys.Should().Contain("summary");
        unversioned.Should().Be(HttpStatusCode.UnprocessableEntity);
        unversionedProblem.Errors().Keys.Should().Contain("version");
        stalePublish.Should().Be(HttpStatusCode.Conflict);
        published.Number("number").Should().Be(1);
        overview.Number("inForce").Should().Be(1);
        overview.GetProperty("published").GetArrayLength().Should().Be(1);
        overview.GetProperty("draft").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        version.GetProperty("settings").Text("summary").Should().Be("Edited summary.");
        version.GetProperty("document").Text("summary").Should().Be("Edited summary.");
    }

    [Fact]
    public async Task Compare_TwoVersions_NamesTheClausesThatChanged()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var code = ManageSeed.Unique("sc").ToLowerInvariant();
        var id = (await app.PublishAsync(code, "Scope compare " + code, ("First.", 1, null), ("Second.", 0, "We do not change the product for one customer."))).Id;

        var comparison = await manager.GetJsonAsync($"/api/scope/{id}/compare?from=1&to=2");
        var (unnamed, unnamedProblem) = await GetAsync(manager, $"/api/scope/{id}/compare?from=1");
        var (missing, _) = await GetAsync(manager, $"/api/scope/{id}/compare?from=1&to=9");

        comparison.GetProperty("hasChanges").GetBoolean().Should().BeTrue();
        comparison.GetProperty("older").Number("number").Should().Be(1);
        comparison.GetProperty("newer").Number("number").Should().Be(2);
        comparison.GetProperty("clauses").EnumerateArray()
            .Where(c => c.Text("change") != "Unchanged")
            .Should().NotBeEmpty("the second version supports one release fewer and leaves customisation out");
        unnamed.Should().Be(HttpStatusCode.UnprocessableEntity);
        unnamedProblem.Errors().Keys.Should().Contain("to");
        missing.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Discard_RefusesAStaleVersion_ThenDiscards_WithTheAuditLine()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var code = ManageSeed.Unique("sd").ToLowerInvariant();
        var id = (await app.PublishAsync(code, "Scope discard " + code, ("First.", 1, null))).Id;
        var draft = await manager.OkAsync($"/api/scope/{id}/draft", Draft("To discard.", version: 0));

        var (stale, _) = await manager.PostJsonAsync($"/api/scope/{id}/draft/discard", new { version = draft.Number("version") + 1 });
        var discarded = await manager.OkAsync($"/api/scope/{id}/draft/discard", new { version = draft.Number("version") });
        var overview = await manager.GetJsonAsync($"/api/scope/{id}");

        stale.Should().Be(HttpStatusCode.Conflict);
        discarded.GetProperty("settings").Text("summary").Should().Be("To discard.");
        overview.GetProperty("draft").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        overview.GetProperty("published").GetArrayLength().Should().Be(1);
        (await app.ManageAuditAsync("product", id)).Should().Contain(l => l.StartsWith("discarded the draft scope", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryRoute_IsForbiddenToCustomersAndEngineers()
    {
        var id = (await app.PublishAsync("scope-api-access", "Scope api access", ("First.", 1, null))).Id;

        await app.ForbiddenToCustomersAndEngineersAsync(
            (HttpMethod.Get, $"/api/scope/{id}"),
            (HttpMethod.Get, $"/api/scope/{id}/versions/1"),
            (HttpMethod.Get, $"/api/scope/{id}/compare?from=1&to=1"),
            (HttpMethod.Get, $"/api/scope/{id}/draft"),
            (HttpMethod.Post, $"/api/scope/{id}/draft"),
            (HttpMethod.Get, $"/api/scope/{id}/draft/preview"),
            (HttpMethod.Post, $"/api/scope/{id}/draft/publish"),
            (HttpMethod.Post, $"/api/scope/{id}/draft/discard"));
    }

    private static object Draft(string summary, int version) => new
    {
        summary,
        effectiveOn = Today,
        releasesBack = 1,
        environmentCodes = new[] { "linux-x64" },
        version,
    };

    private static async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (response.StatusCode, await response.JsonAsync());
    }
}
