using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Security;

namespace HelpDesk.Web.Tests.Api;

/// <summary>
/// <c>GET /api/openapi/v1.json</c> names the two bearer schemes, and every API operation that needs a scope says so,
/// as the endpoint table the access matrix reads (<see cref="RouteInventory"/>) has it.
/// </summary>
public sealed partial class OpenApiSecurityTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task TheDocument_NamesTheSignInTokenAndTheApiToken()
    {
        using var document = await DocumentAsync();

        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("signInToken").GetProperty("type").GetString().Should().Be("http");
        schemes.GetProperty("signInToken").GetProperty("scheme").GetString().Should().Be("bearer");
        schemes.GetProperty("apiToken").GetProperty("scheme").GetString().Should().Be("bearer");
        schemes.GetProperty("apiToken").GetProperty("bearerFormat").GetString().Should().Be("hd_…");
    }

    [Fact]
    public async Task EveryScopedApiOperation_CarriesItsScope_AsTheEndpointTableHasIt()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        var scoped = RouteInventory.Scopes(app.Services).Where(r => r.Key.Contains(" /api/", StringComparison.Ordinal) && r.Value is not null).ToList();

        scoped.Should().NotBeEmpty();
        foreach (var (route, scope) in scoped)
        {
            var (method, pattern) = (route[..route.IndexOf(' ', StringComparison.Ordinal)].ToLowerInvariant(), PathOf(route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
            paths.TryGetProperty(pattern, out var path).Should().BeTrue($"{route} is described");
            path.TryGetProperty(method, out var operation).Should().BeTrue($"{route} is described");
            operation.GetProperty("x-required-scope").GetString().Should().Be(scope, route);
            var requirements = operation.GetProperty("security").EnumerateArray()
                .Select(r => r.EnumerateObject().Single())
                .Select(r => $"{r.Name}: {string.Join(" ", r.Value.EnumerateArray().Select(s => s.GetString()))}");
            requirements.Should().Equal(["signInToken: ", $"apiToken: {scope}"], route);
        }
    }

    [Fact]
    public async Task SigningIn_NeedsNoToken_AndTokenManagement_TakesOnlyTheSignInToken()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");

        paths.GetProperty("/api/auth/login").GetProperty("post").TryGetProperty("security", out _).Should().BeFalse();
        var tokens = paths.GetProperty("/api/tokens").EnumerateObject().First().Value;
        tokens.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name).Should().Equal("signInToken");
        tokens.TryGetProperty("x-required-scope", out _).Should().BeFalse();
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/api/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A route pattern as the document writes its path: no constraints, no trailing slash.</summary>
    private static string PathOf(string pattern) => Constraint().Replace(pattern, "}").TrimEnd('/');

    [GeneratedRegex(@"(:[a-z]+)?\??\}")]
    private static partial Regex Constraint();
}
