using System.Net;
using System.Text.Json;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.ManageApi;

/// <summary>The services catalogue kept through the API as on /manage/services: create, edit, publish, retire.</summary>
public sealed class OfferingApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Terms = "## Backport to {{product}} {{fromRelease}}\n\nWe apply the fix to {{fromRelease}} within {{deliveryDays}} working days of acceptance.";

    private static object Draft(string code, string price) => new
    {
        code,
        kind = "Service",
        name = "Backport by the API",
        summary = "A fix moved to the release you run.",
        pricingKind = "Fixed",
        price,
        deliveryDays = 10,
        terms = Terms,
        categories = new[] { "backport" },
    };

    [Fact]
    public async Task Offering_CreatedPublishedEditedRetiredAndBack()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        using var customer = await app.SignInWithTokenAsync(TicketApi.NorthwindCustomer);

        var draft = await manager.CreatedAsync("/api/services/offerings", Draft("api-backport", "2000.00"));
        var id = draft.Number("offeringId");
        var (stale, _) = await manager.PostJsonAsync($"/api/services/offerings/{id}/publish", new { version = draft.Number("version") + 1 });
        var published = await manager.OkAsync($"/api/services/offerings/{id}/publish", new { version = draft.Number("version") });

        stale.Should().Be(HttpStatusCode.Conflict);
        published.Text("status").Should().Be("Published");
        Codes(await customer.GetJsonAsync("/api/services/offerings")).Should().Contain("api-backport");

        var copy = await manager.GetJsonAsync($"/api/services/offerings/{id}/draft");
        copy.Number("version").Should().Be(0);
        copy.Number("number").Should().Be(2);
        var second = await manager.OkAsync($"/api/services/offerings/{id}/draft", copy.With(("price", "2600.00")));
        await manager.OkAsync($"/api/services/offerings/{id}/publish", new { version = second.Number("version") });
        var entry = await manager.GetJsonAsync($"/api/services/offerings/{id}");
        entry.GetProperty("versions").EnumerateArray().Select(v => (v.Number("number"), v.Text("status"), v.Text("price")))
            .Should().Equal((1, "Superseded", "2000.00"), (2, "Published", "2600.00"));

        var retired = await manager.OkAsync($"/api/services/offerings/{id}/retire", new { version = entry.Number("version") });
        retired.Text("status").Should().Be("Retired");
        Codes(await customer.GetJsonAsync("/api/services/offerings")).Should().NotContain("api-backport");
        var (staleRetire, _) = await manager.PostJsonAsync($"/api/services/offerings/{id}/reactivate", new { version = entry.Number("version") });
        staleRetire.Should().Be(HttpStatusCode.Conflict);
        var back = await manager.OkAsync($"/api/services/offerings/{id}/reactivate", new { version = retired.Number("version") });
        back.Text("status").Should().Be("Active");
        (await manager.GetJsonAsync("/api/services/catalogue")).EnumerateArray().Should().Contain(o => o.GetProperty("code").GetString() == "api-backport");
    }

    [Fact]
    public async Task Offering_ThatBreaksTheRules_Is422_NamingTheFields()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);

        var (status, problem) = await manager.PostJsonAsync("/api/services/offerings", Draft("Not A Code", "0"));

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain(["code", "price"]);
    }

    [Fact]
    public async Task ManagingTheCatalogue_IsForbiddenToCustomersAndEngineers() =>
        await app.ForbiddenToCustomersAndEngineersAsync(
            (HttpMethod.Get, "/api/services/catalogue"),
            (HttpMethod.Get, "/api/services/offerings/1"),
            (HttpMethod.Post, "/api/services/offerings"),
            (HttpMethod.Get, "/api/services/offerings/1/draft"),
            (HttpMethod.Post, "/api/services/offerings/1/draft"),
            (HttpMethod.Post, "/api/services/offerings/1/publish"),
            (HttpMethod.Post, "/api/services/offerings/1/retire"),
            (HttpMethod.Post, "/api/services/offerings/1/reactivate"));

    [Fact]
    public async Task OpenApiDocument_DescribesTheCatalogueRoutes()
    {
        var document = await app.CreateAnonymousClient().GetJsonAsync("/api/openapi/v1.json");

        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().Contain(
        [
            "/api/services/catalogue", "/api/services/offerings", "/api/services/offerings/{id}", "/api/services/offerings/{id}/draft",
            "/api/services/offerings/{id}/publish", "/api/services/offerings/{id}/retire", "/api/services/offerings/{id}/reactivate",
        ]);
    }

    private static List<string?> Codes(JsonElement offerings) => [.. offerings.EnumerateArray().Select(o => o.GetProperty("code").GetString())];
}
