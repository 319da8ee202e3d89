using System.Net;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Manage;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Scope;

/// <summary>
/// <c>/api/catalogue</c>: managers keep products, releases, environments and third-party products through the catalogue
/// pages' use cases; a release or environment is retired with the pages' audit line, never deleted.
/// </summary>
public sealed class CatalogueApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Product_CreateReadChange_AndAStaleVersion_Answers409()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var code = ManageSeed.Unique("api").ToLowerInvariant();

        var (status, created) = await manager.PostJsonAsync("/api/catalogue/products", new { code, name = "Api " + code, description = "Made by a script." });
        var id = created.Number("id");
        var version = created.Number("version");
        var (changed, updated) = await manager.PostJsonAsync($"/api/catalogue/products/{id}", new { name = "Api renamed " + code, description = "Renamed.", version });
        var (stale, problem) = await manager.PostJsonAsync($"/api/catalogue/products/{id}", new { name = "Api lost " + code, description = "Lost.", version });
        var read = await manager.GetJsonAsync($"/api/catalogue/products/{id}");

        status.Should().Be(HttpStatusCode.Created, created.ToString());
        changed.Should().Be(HttpStatusCode.OK, updated.ToString());
        stale.Should().Be(HttpStatusCode.Conflict);
        problem.Text("detail").Should().Contain("Someone else changed");
        read.GetProperty("product").Text("name").Should().Be("Api renamed " + code);
        read.GetProperty("product").Text("code").Should().Be(code);
    }

    [Fact]
    public async Task Invalid_Input_Answers422_NamingTheField()
    {
        var manager = await app.SignInWithTokenAsync(Manager);

        var (product, productProblem) = await manager.PostJsonAsync("/api/catalogue/products", new { description = "No code or name." });
        var (environment, environmentProblem) = await manager.PostJsonAsync("/api/catalogue/environments", new { code = "", name = "", kind = "Platform" });
        var (third, thirdProblem) = await manager.PostJsonAsync("/api/catalogue/third-party", new { vendor = "Nobody" });
        var (missing, _) = await manager.PostJsonAsync("/api/catalogue/products/999999/releases", new { name = "1.0", releasedOn = "2024-01-01" });

        product.Should().Be(HttpStatusCode.UnprocessableEntity);
        productProblem.Errors().Keys.Should().Contain(["code", "name"]);
        environment.Should().Be(HttpStatusCode.UnprocessableEntity);
        environmentProblem.Errors().Keys.Should().Contain("code");
        third.Should().Be(HttpStatusCode.UnprocessableEntity);
        thirdProblem.Errors().Keys.Should().Contain("name");
        missing.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Release_AddChangeRetire_WritesTheAuditLine_AndRetiringTwiceIsRefused()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var code = ManageSeed.Unique("rel").ToLowerInvariant();
        var (_, product) = await manager.PostJsonAsync("/api/catalogue/products", new { code, name = "Rel " + code });
        var id = product.Number("id");

        var (added, release) = await manager.PostJsonAsync($"/api/catalogue/products/{id}/releases", new { name = "1.0", releasedOn = "2020-01-01" });
        var (changed, _) = await manager.PostJsonAsync($"/api/catalogue/releases/{release.Number("id")}", new { name = "1.0", releasedOn = "2020-01-01", endOfSupportOn = "2021-12-31" });
        var (retired, retirement) = await manager.PostJsonAsync($"/api/catalogue/releases/{release.Number("id")}/retire", new { });
        var (again, _) = await manager.PostJsonAsync($"/api/catalogue/releases/{release.Number("id")}/retire", new { });
        var read = await manager.GetJsonAsync($"/api/catalogue/products/{id}");

        added.Should().Be(HttpStatusCode.Created, release.ToString());
        changed.Should().Be(HttpStatusCode.OK);
        retired.Should().Be(HttpStatusCode.OK, retirement.ToString());
        again.Should().Be(HttpStatusCode.UnprocessableEntity);
        read.GetProperty("releases")[0].GetProperty("retiredUtc").ValueKind.Should().Be(System.Text.Json.JsonValueKind.String);
        await using var connection = await app.Connections.OpenAsync();
        (await connection.QueryAsync<string>("SELECT Action FROM ManageAudit WHERE Subject = 'product' AND SubjectId = @Id", new { Id = id }))
            .Should().Contain("retired release 1.0");
    }

    [Fact]
    public async Task Environment_AddRenameRetire()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var code = ManageSeed.Unique("env").ToLowerInvariant();

        var (added, environment) = await manager.PostJsonAsync("/api/catalogue/environments", new { code, name = "Env " + code, kind = "OperatingSystem" });
        var (renamed, changed) = await manager.PostJsonAsync($"/api/catalogue/environments/{environment.Number("id")}", new { name = "Renamed " + code, kind = "OperatingSystem" });
        var (retired, _) = await manager.PostJsonAsync($"/api/catalogue/environments/{environment.Number("id")}/retire", new { });
        var all = await manager.GetJsonAsync("/api/catalogue/environments");

        added.Should().Be(HttpStatusCode.Created, environment.ToString());
        renamed.Should().Be(HttpStatusCode.OK);
        changed.Text("name").Should().Be("Renamed " + code);
        retired.Should().Be(HttpStatusCode.OK);
        all.EnumerateArray().Single(e => e.Text("code") == code).GetProperty("retiredUtc").ValueKind.Should().Be(System.Text.Json.JsonValueKind.String);
    }

    [Theory]
    [InlineData(NorthwindCustomer)]
    [InlineData(Engineer)]
    public async Task CustomersAndEngineers_AreRefused(string email)
    {
        var client = await app.SignInWithTokenAsync(email);

        (await client.GetAsync("/api/catalogue/products")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostJsonAsync("/api/catalogue/third-party", new { name = "Sneaky", vendor = "x" })).Status.Should().Be(HttpStatusCode.Forbidden);
    }
}
