using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HelpDesk.Core.Accounts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// Access ends with its revocation: a role taken away, a password changed, a sign-out or all sessions ended leaves
/// no cookie, bearer token or refresh token of the account working; a refresh token works once.
/// </summary>
public sealed class SessionRevocationTests(SessionRevocationTests.CheckEveryRequestApp app) : IClassFixture<SessionRevocationTests.CheckEveryRequestApp>
{
    [Fact]
    public async Task RoleTakenAway_EndsTheCookieAndTheBearerToken()
    {
        const string email = "kenji.sato@helpdesk.test";
        var browser = await app.SignInAsync(email);
        var script = await app.SignInWithTokenAsync(email);
        (await browser.GetAsync("/desk")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await script.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        await WithUserAsync(email, (users, user) => users.RemoveFromRoleAsync(user, Roles.Engineer));

        ShouldSendToSignIn(await browser.GetAsync("/desk"));
        (await script.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void BearerTokens_AreRememberedOnceRead_AndStillCheckedOnEveryRequest()
    {
        // RoleTakenAway_EndsTheCookieAndTheBearerToken sends a remembered token after the role is gone.
        var bearer = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);

        bearer.BearerTokenProtector.Should().BeOfType<RememberedBearerTokens>();
        bearer.RefreshTokenProtector.Should().NotBeOfType<RememberedBearerTokens>("a refresh token is used once");
    }

    [Fact]
    public async Task PasswordChange_EndsTheBearerToken()
    {
        const string email = "lena.fischer@helpdesk.test";
        var script = await app.SignInWithTokenAsync(email);

        await WithUserAsync(email, (users, user) => users.ChangePasswordAsync(user, HelpDeskAppFactory.Password, "Another-pass-9"));

        (await script.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignOut_EndsEveryCookieOfTheAccount_NotOnlyThisBrowsers()
    {
        const string email = "priya.shah@helpdesk.test";
        var browser = await app.SignInAsync(email);
        var other = await CookieClientAsync(email);
        (await other.GetAsync("/desk")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await browser.PostFormAsync("/account/signout", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);

        ShouldSendToSignIn(await other.GetAsync("/desk"));
    }

    [Fact]
    public async Task EndSessions_EndsEveryCookieBearerAndRefreshTokenAtOnce()
    {
        const string email = "marco.rossi@helpdesk.test";
        var browser = await app.SignInAsync(email);
        var (script, refreshToken) = await app.LogInWithTokensAsync(email);

        await WithUserAsync(email, (users, user) => users.EndSessionsAsync(user));

        ShouldSendToSignIn(await browser.GetAsync("/desk"));
        (await script.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await RefreshAsync(refreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_RefusesATokenUsedBefore_AndEndsTheSessionsItOpened()
    {
        var (_, refreshToken) = await app.LogInWithTokensAsync("sofia.garcia@helpdesk.test");
        var first = await RefreshAsync(refreshToken);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var renewed = await first.Content.ReadFromJsonAsync<Tokens>();
        var script = app.CreateAnonymousClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", renewed!.AccessToken);
        (await script.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        var again = await RefreshAsync(refreshToken);

        again.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a refresh token is single-use");
        (await script.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a copied refresh token ends the account's sessions");
        (await RefreshAsync(renewed.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        app.CreateAnonymousClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    private async Task WithUserAsync(string email, Func<HelpDeskUserManager, HelpDeskUser, Task<Microsoft.AspNetCore.Identity.IdentityResult>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<HelpDeskUserManager>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        (await change(users, user)).Succeeded.Should().BeTrue();
    }

    /// <summary>A client sending, by hand, the sign-in cookie of a second session (Identity's cookie login).</summary>
    private async Task<HttpClient> CookieClientAsync(string email)
    {
        var login = await app.CreateAnonymousClient().PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = HelpDeskAppFactory.Password });
        login.EnsureSuccessStatusCode();
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("helpdesk.auth=", StringComparison.Ordinal));
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
        return client;
    }

    private static void ShouldSendToSignIn(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/account/signin");
    }

    private sealed record Tokens(string AccessToken, string RefreshToken);

    public sealed class CheckEveryRequestApp()
        : HelpDeskAppFactory(new Dictionary<string, string?> { ["Accounts:SessionCheckSeconds"] = "0" });
}
