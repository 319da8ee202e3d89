using System.Net;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>Two web nodes over one database, as behind a load balancer: what one signs, the other must read.</summary>
public sealed class DataProtectionTests(DataProtectionTests.TwoNodes nodes) : IClassFixture<DataProtectionTests.TwoNodes>
{
    private readonly HelpDeskAppFactory _nodeA = nodes.A;
    private readonly HelpDeskAppFactory _nodeB = nodes.B;

    [Fact]
    public async Task SignInCookie_FromOneNode_IsAcceptedByTheOther()
    {
        var onA = await _nodeA.SignInAsync("customer@northwind.example");
        var cookie = await CookieHeaderAsync(onA);
        var onB = _nodeB.CreateAnonymousClient();
        onB.DefaultRequestHeaders.Add("Cookie", cookie);

        var response = await onB.GetAsync("/portal");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Northwind Traders");
        (await KeyCountAsync()).Should().BeGreaterThan(0, "the key ring lives in the shared database");
    }

    [Fact]
    public async Task BearerToken_FromOneNode_IsAcceptedByTheOther()
    {
        var onA = await _nodeA.SignInWithTokenAsync("engineer@helpdesk.test");
        var onB = _nodeB.CreateAnonymousClient();
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;

        var response = await onB.GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("engineer@helpdesk.test");
    }

    [Fact]
    public async Task KeyRing_IsOneKey_SharedByBothNodes()
    {
        await _nodeA.SignInWithTokenAsync("engineer@helpdesk.test");
        await _nodeB.SignInWithTokenAsync("engineer@helpdesk.test");

        (await KeyCountAsync()).Should().Be(1, "the second node finds the first node's key instead of making its own");
    }

    // The test client keeps cookies to itself; a request through it shows what it would send.
    private static async Task<string> CookieHeaderAsync(HttpClient client)
    {
        var echo = await client.GetAsync("/portal");
        echo.StatusCode.Should().Be(HttpStatusCode.OK);
        return string.Join("; ", echo.RequestMessage!.Headers.GetValues("Cookie"));
    }

    private async Task<int> KeyCountAsync()
    {
        await using var connection = await _nodeA.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM DataProtectionKeys");
    }

    public sealed class TwoNodes : IDisposable
    {
        public TwoNodes() => B = new SecondNode(A.DatabaseFile);

        public HelpDeskAppFactory A { get; } = new();

        public HelpDeskAppFactory B { get; }

        public void Dispose()
        {
            B.Dispose();
            A.Dispose();
        }
    }

    private sealed class SecondNode(string databaseFile)
        : HelpDeskAppFactory(new Dictionary<string, string?> { ["ConnectionStrings:HelpDesk"] = $"Data Source={databaseFile}" });
}
