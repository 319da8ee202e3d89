using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Mail;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// <c>/api/tokens</c>: the caller's own API tokens. Reached with a sign-in cookie or an Identity bearer token only:
/// the routes name no scope, so an API token cannot make, list or revoke tokens (<see cref="ApiTokenScopes"/>).
/// </summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var tokens = api.MapGroup("/tokens").WithTags("API tokens").RequireAuthorization();
        tokens.MapGet("/", ListAsync)
            .WithSummary("Your API tokens, newest first, with their scopes, expiry, last use and revocation; never their text.")
            .Produces<IReadOnlyList<ApiTokenDto>>();
        tokens.MapPost("/", CreateAsync)
            .WithSummary("Make an API token with a name, scopes and an expiry (expiresInDays, or expiresOn as a date; at most a year). The answer's token is shown this once.")
            .Produces<CreatedApiTokenDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        tokens.MapDelete("/{tokenId:int}", RevokeAsync)
            .WithSummary("Revoke one of your API tokens; it is refused from its next request.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IApiTokenStore tokens, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var own = await tokens.ListAsync(context.User.UserId(), context.RequestAborted);
        return TypedResults.Ok(own.Select(t => ApiTokenDto.From(t, now)).ToList());
    }

    private static async Task<IResult> CreateAsync(CreateApiTokenRequest body, HttpContext context, ApiTokenIssuer issuer, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(body);
        var caller = context.User.UserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = ApiTokenRules.ExpiryFor(body.ExpiresInDays, body.ExpiresOn, now);
        var result = await issuer.CreateAsync(caller, caller, new NewApiToken(body.Name, body.Scopes ?? [], expires), context.RequestAborted);
        if (!result.Succeeded)
        {
            return ResultResponses.Problem(result);
        }

        var issued = result.Value!;
        return TypedResults.Created(
            $"/api/tokens/{issued.Token.Id.ToString(CultureInfo.InvariantCulture)}",
            new CreatedApiTokenDto(ApiTokenDto.From(issued.Token, now), issued.Text));
    }

    private static async Task<IResult> RevokeAsync(int tokenId, HttpContext context, ApiTokenIssuer issuer)
    {
        var caller = context.User.UserId();
        var result = await issuer.RevokeAsync(caller, caller, tokenId, context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : ResultResponses.Problem(result);
    }
}

public sealed record CreateApiTokenRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays, DateOnly? ExpiresOn);

public sealed record ApiTokenDto(
    int Id, string Name, IReadOnlyList<string> Scopes, DateTime CreatedUtc, DateTime ExpiresUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc, string State)
{
    public static ApiTokenDto From(ApiToken token, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new(token.Id, token.Name, token.Scopes, token.CreatedUtc, token.ExpiresUtc, token.LastUsedUtc, token.RevokedUtc,
            ApiTokenRules.StateOf(token, nowUtc).ToString());
    }
}

/// <summary>A new token with its text, which no later answer repeats.</summary>
public sealed record CreatedApiTokenDto(ApiTokenDto Details, string Token);
