using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Api;

public sealed class ApiAuthTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Login_ReturnsAnAccessToken_ForADemoUser()
    {
        var response = await app.CreateAnonymousClient().PostAsJsonAsync(
            "/api/auth/login", new { email = "engineer@helpdesk.test", password = HelpDeskAppFactory.Password });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("accessToken").GetString().Should().NotBeNullOrWhiteSpace();
        body.RootElement.GetProperty("tokenType").GetString().Should().Be("Bearer");
    }

    [Fact]
    public async Task Login_Answers401_WhenThePasswordIsWrong()
    {
        var response = await app.CreateAnonymousClient().PostAsJsonAsync(
            "/api/auth/login", new { email = "engineer@helpdesk.test", password = "Not-the-password-1" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("accessToken");
    }

    [Fact]
    public async Task Me_ReturnsRolesAndOrganisation_WithABearerToken()
    {
        var client = await app.SignInWithTokenAsync("customer@northwind.example");

        var response = await client.GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var me = body.RootElement;
        me.GetProperty("email").GetString().Should().Be("customer@northwind.example");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("Customer");
        me.GetProperty("organisation").GetProperty("name").GetString().Should().Be("Northwind Traders");
        me.GetProperty("organisation").GetProperty("region").GetString().Should().Be("Americas");
    }

    [Fact]
    public async Task Me_HasNoOrganisation_ForStaff()
    {
        var client = await app.SignInWithTokenAsync("manager@helpdesk.test");

        using var body = JsonDocument.Parse(await client.GetStringAsync("/api/me"));

        body.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("Manager");
        body.RootElement.GetProperty("organisation").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Me_Answers401ProblemDetails_WhenAnonymous()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetInt32().Should().Be(401);
    }

    [Fact]
    public async Task Me_Answers401_WhenTheTokenIsForged()
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        var response = await client.GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownApiRoute_Answers404ProblemDetails()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/api/no-such-thing");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetInt32().Should().Be(404);
    }

    [Fact]
    public async Task OpenApiDocument_ListsLoginAndMe()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/api/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = body.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/auth/login", "/api/me", "/api/auth/register"]);
        body.RootElement.GetProperty("info").GetProperty("title").GetString().Should().Be("HelpDesk API");
    }

    public static TheoryData<string> AnyResponse() => ["/", "/api/me", "/api/no-such-thing", "/portal", "/health", "/no-such-page", "/css/site.css"];

    [Theory]
    [MemberData(nameof(AnyResponse))]
    public async Task EveryResponse_CarriesARequestId(string url)
    {
        var response = await app.CreateAnonymousClient().GetAsync(url);

        response.Headers.TryGetValues("X-Request-Id", out var ids).Should().BeTrue("{0} answered {1} without one", url, response.StatusCode);
        ids!.Single().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Register_MakesACustomer_ThroughTheApi()
    {
        const string email = "api.register@unlisted.example";

        var response = await app.CreateAnonymousClient().PostAsJsonAsync(
            "/api/auth/register", new { email, password = "Api-register-1" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.RolesOfAsync(email)).Should().Equal("Customer");
    }

    [Fact]
    public async Task Register_FollowingTheMailedLink_PlacesTheCustomerInTheDomainsOrganisation()
    {
        const string email = "api.confirm@contoso.example";
        var client = app.CreateAnonymousClient();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = "Api-confirm-12" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.OrganisationOfAsync(email)).Should().BeNull("the address is not confirmed yet");

        var link = await app.LinkInLatestMailAsync(email, "account-confirmation");
        var confirmed = await client.GetAsync(link);

        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.OrganisationOfAsync(email)).Should().Be("Contoso Manufacturing");
        var signedIn = await app.SignInWithTokenAsync(email, "Api-confirm-12");
        using var me = JsonDocument.Parse(await signedIn.GetStringAsync("/api/me"));
        me.RootElement.GetProperty("organisation").GetProperty("name").GetString().Should().Be("Contoso Manufacturing");
    }

    [Fact]
    public async Task Register_Answers400WithTheProblem_WhenThePasswordIsWeak()
    {
        const string email = "api.weak@contoso.example";

        var response = await app.CreateAnonymousClient().PostAsJsonAsync("/api/auth/register", new { email, password = "weak" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("PasswordTooShort");
        (await app.UserCountAsync(email)).Should().Be(0);
    }
}
