using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// Signs in a request that sends <c>Authorization: Bearer hd_…</c> as the token's owner: the claims a cookie sign-in
/// would carry, built from the account as it is now (so a role taken away is gone at the next request), plus one
/// <see cref="ScopeClaim"/> per scope of the token. One indexed read finds the token; its secret is compared in
/// constant time.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiTokenStore tokens,
    UserManager<HelpDeskUser> users,
    IUserClaimsPrincipalFactory<HelpDeskUser> claims,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>A claim per scope the token holds.</summary>
    public const string ScopeClaim = "helpdesk:scope";

    /// <summary>The id of the token that signed the request in.</summary>
    public const string TokenIdClaim = "helpdesk:api-token";

    /// <summary>Why the token was refused, for the challenge's problem details.</summary>
    private static readonly object RefusalKey = new();

    /// <summary>The token in the request's Authorization header, or null when it sends none (or another kind of bearer).</summary>
    public static string? TokenOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = header["Bearer ".Length..].Trim();
        return ApiTokenText.LooksLikeToken(value) ? value : null;
    }

    public static bool IsTokenSignIn(ClaimsPrincipal user) =>
        user?.Identity is { IsAuthenticated: true, AuthenticationType: SchemeName };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var text = TokenOf(Request);
        if (text is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiTokenText.TryParse(text, out var parsed))
        {
            return Refuse("The bearer value is not a whole HelpDesk API token (hd_<key>_<secret>). Copy the token again.");
        }

        var token = await tokens.FindByKeyAsync(parsed.Key, Context.RequestAborted);
        if (token is null || !parsed.Matches(token.SecretHash))
        {
            return Refuse("This API token is not known. It may have been mistyped; make a new one on your account's API tokens page.");
        }

        var now = clock.UtcNow();
        switch (ApiTokenRules.StateOf(token, now))
        {
            case ApiTokenState.Revoked:
                return Refuse($"This API token was revoked on {Stamp(token.RevokedUtc!.Value)}. Make a new one if it is still needed.");
            case ApiTokenState.Expired:
                return Refuse($"This API token expired on {Stamp(token.ExpiresUtc)}. Make a new one to go on.");
        }

        var owner = await users.FindByIdAsync(token.UserId.ToString(CultureInfo.InvariantCulture));
        if (owner is null)
        {
            return Refuse("The account this API token belongs to has been removed.");
        }

        if (owner.DeactivatedUtc is not null)
        {
            return Refuse("The account this API token belongs to is deactivated; an administrator can reactivate it.");
        }

        if (await users.IsLockedOutAsync(owner))
        {
            return Refuse("The account this API token belongs to is locked out.");
        }

        var signedIn = await claims.CreateAsync(owner);
        var identity = new ClaimsIdentity(signedIn.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaims(token.Scopes.Select(s => new Claim(ScopeClaim, s)));
        identity.AddClaim(new Claim(TokenIdClaim, token.Id.ToString(CultureInfo.InvariantCulture)));

        if (ApiTokenRules.ShouldRecordUse(token.LastUsedUtc, now))
        {
            await tokens.RecordUseAsync(token.Id, now, Context.RequestAborted);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = Context.Items[RefusalKey] as string ?? "Send a valid API token as Authorization: Bearer hd_….";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "API token refused", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        // The token's owner may not do this: its role decides, as it would for the owner signed in.
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private AuthenticateResult Refuse(string why)
    {
        Context.Items[RefusalKey] = why;
        return AuthenticateResult.Fail(why);
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>
/// Where a token may go. A request signed in by an API token reaches only routes that name a scope
/// (<see cref="RequiredScope"/>) the token holds; every other route — pages, the live desk, sign-in, token management —
/// refuses tokens. A token that does not sign in is answered 401 with the reason, on every route.
/// </summary>
public static class ApiTokenScopes
{
    public static async Task EnforceAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (ApiTokenAuthenticationHandler.TokenOf(context.Request) is null)
        {
            await next(context);
            return;
        }

        if (!ApiTokenAuthenticationHandler.IsTokenSignIn(context.User))
        {
            await context.ChallengeAsync(ApiTokenAuthenticationHandler.SchemeName);
            return;
        }

        var held = context.User.FindAll(ApiTokenAuthenticationHandler.ScopeClaim).Select(c => c.Value).ToList();
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope;
        if (ApiTokenRules.Refusal(held, required) is { } refusal)
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Scope missing", refusal);
            return;
        }

        await next(context);
    }
}
