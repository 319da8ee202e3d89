using System.Net.Http.Headers;
using HelpDesk.Core.Accounts;
using HelpDesk.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Infrastructure;

/// <summary>API tokens made as the token page makes them, and clients that send one.</summary>
public partial class HelpDeskAppFactory
{
    /// <summary>Makes a token for the account of <paramref name="email"/>; without an expiry it lasts 30 days.</summary>
    public async Task<IssuedToken> IssueTokenAsync(string email, IEnumerable<string> scopes, DateTime? expiresUtc = null)
    {
        var owner = await UserIdAsync(email) ?? throw new InvalidOperationException($"{email} has no account.");
        using var scope = Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>().CreateAsync(
            owner, owner, new NewApiToken("Test token", [.. scopes], expiresUtc ?? DateTime.UtcNow.AddDays(30)), CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token on every request.</summary>
    public HttpClient CreateTokenClient(string token)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<HttpClient> CreateTokenClientAsync(string email, params string[] scopes) =>
        CreateTokenClient((await IssueTokenAsync(email, scopes)).Text);

    /// <summary>Every scope but <paramref name="missing"/>.</summary>
    public static IReadOnlyList<string> AllScopesExcept(string missing) => [.. ApiScopes.All.Where(s => s != missing)];
}
