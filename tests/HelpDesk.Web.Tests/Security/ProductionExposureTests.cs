using System.Net;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// In Production: the demo is not seeded unless asked for, a request naming a foreign host is refused, and the health
/// details and the OpenAPI document are for signed-in staff while a bare /health still answers a load balancer.
/// </summary>
public sealed class ProductionExposureTests(ProductionExposureTests.ProductionApp app) : IClassFixture<ProductionExposureTests.ProductionApp>
{
    [Fact]
    public async Task Demo_IsNotSeeded_WithoutDemoSeed()
    {
        _ = app.Services;
        await using var connection = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Users WHERE NormalizedEmail = 'ADMIN@HELPDESK.TEST'";
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(0);
    }

    [Fact]
    public async Task ARequestNamingAnotherHost_IsRefusedAndMailsNothing()
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Host = "attacker.example";

        var response = await client.PostAsync("/account/forgotpassword", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "someone@example.com" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Health_GivesAnonymousCallersOnlyTheStatus()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("\"status\"").And.NotContain("checks");
    }

    [Fact]
    public async Task OpenApi_IsRefusedToAnonymousCallers()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/api/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    public sealed class ProductionApp() : HelpDeskAppFactory(new Dictionary<string, string?> { ["Demo:Seed"] = null, ["Demo:Password"] = null })
    {
        protected override string Environment => "Production";
    }
}
