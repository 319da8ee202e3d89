using System.Net;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// Wrong passwords slow down whoever sends them, per account and client address, with growing waits; they never lock
/// the account. Behind a proxy the client is the address the configured proxy forwards.
/// </summary>
public sealed class SignInThrottleTests(SignInThrottleTests.BehindAProxyApp app) : IClassFixture<SignInThrottleTests.BehindAProxyApp>
{
    [Fact]
    public async Task FiveWrongPasswords_LockNothing_TheRightOneStillSignsIn()
    {
        const string email = "customer@fabrikam.example";
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await SignInFromAsync("203.0.113.10", email, $"Wrong-password-{attempt}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await SignInFromAsync("203.0.113.10", email, HelpDeskAppFactory.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var connection = await app.Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Users WHERE NormalizedEmail = @Email AND LockoutEndUtc IS NULL", new { Email = email.ToUpperInvariant() }))
            .Should().Be(1, "the account is not locked");
    }

    [Fact]
    public async Task MoreWrongPasswords_MakeThatAddressWait_WhileAnotherAddressSignsIn()
    {
        const string email = "customer@wingtip.example";
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            await SignInFromAsync("203.0.113.20", email, $"Wrong-password-{attempt}");
        }

        var held = await SignInFromAsync("203.0.113.20", email, HelpDeskAppFactory.Password);

        held.StatusCode.Should().Be(HttpStatusCode.OK, "the form comes back: the right password is not even looked at while the wait runs");
        PageText.ErrorsOf(await held.Content.ReadAsStringAsync()).Should().Contain("Too many wrong passwords. Wait");
        held.Headers.RetryAfter.Should().NotBeNull();
        (await SignInFromAsync("198.51.100.7", email, HelpDeskAppFactory.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect, "the owner elsewhere is not shut out");
    }

    [Fact]
    public async Task LoginApi_AnswersAThrottledAttempt429WithRetryAfter()
    {
        const string email = "customer@litware.example";
        var client = ClientFrom("203.0.113.30");
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            await client.PostAsync("/api/auth/login", Json(email, $"Wrong-password-{attempt}"));
        }

        var held = await client.PostAsync("/api/auth/login", Json(email, HelpDeskAppFactory.Password));

        held.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        held.Headers.RetryAfter!.Delta.Should().BePositive();
    }

    private Task<HttpResponseMessage> SignInFromAsync(string address, string email, string password) =>
        app.TrySignInAsync(email, password, ClientFrom(address));

    private HttpClient ClientFrom(string address)
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static StringContent Json(string email, string password) =>
        new($$"""{"email":"{{email}}","password":"{{password}}"}""", System.Text.Encoding.UTF8, "application/json");

    /// <summary>Every request arrives from 10.0.0.5, the proxy named in App:KnownProxies, forwarding its client's address.</summary>
    public sealed class BehindAProxyApp() : HelpDeskAppFactory(new Dictionary<string, string?> { ["App:KnownProxies"] = ProxyAddress })
    {
        public const string ProxyAddress = "10.0.0.5";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ArriveFrom(ProxyAddress);
        }
    }
}
