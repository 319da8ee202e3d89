using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;

namespace HelpDesk.Web.Accounts;

/// <summary>What a person asks for when making a token.</summary>
public sealed record NewApiToken(string? Name, IReadOnlyList<string> Scopes, DateTime? ExpiresUtc);

/// <summary>A token just made: <see cref="Text"/> is shown this once and never stored.</summary>
public sealed record IssuedToken(ApiToken Token, string Text);

/// <summary>
/// Makes and revokes API tokens, a person's own or (for an administrator) a service account's. Each leaves a line in
/// the owner account's audit trail, written with the change.
/// </summary>
public sealed class ApiTokenIssuer(IApiTokenStore tokens, TimeProvider clock)
{
    public async Task<Result<IssuedToken>> CreateAsync(int actorId, int ownerId, NewApiToken request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.UtcNow();
        var errors = ApiTokenRules.CheckNew(request.Name, request.Scopes, request.ExpiresUtc, now);
        if (errors.Count > 0)
        {
            return Result<IssuedToken>.Invalid(errors);
        }

        var text = ApiTokenText.New();
        var token = new ApiToken
        {
            UserId = ownerId,
            Name = PlainText.Clean(request.Name).Trim(),
            Scopes = [.. ApiScopes.All.Where(s => request.Scopes.Contains(s, StringComparer.Ordinal))],
            LookupKey = text.Key,
            SecretHash = text.SecretHash(),
            CreatedById = actorId,
            CreatedUtc = now,
            ExpiresUtc = request.ExpiresUtc!.Value,
        };
        var detail = $"“{token.Name}”, scopes {string.Join(", ", token.Scopes)}, expires {token.ExpiresUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var id = await tokens.CreateAsync(token, Line(actorId, ownerId, "API token created", detail, now), cancellationToken);
        return Result<IssuedToken>.Ok(new IssuedToken(token with { Id = id }, text.ToString()));
    }

    /// <summary>Revokes the owner's token at once; revoking a revoked token changes nothing and succeeds.</summary>
    public async Task<Result<ApiToken>> RevokeAsync(int actorId, int ownerId, int tokenId, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(tokenId, cancellationToken);
        if (token is null || token.UserId != ownerId)
        {
            return Result<ApiToken>.NotFound("There is no such token among this account's tokens.");
        }

        var now = clock.UtcNow();
        if (token.RevokedUtc is null)
        {
            await tokens.RevokeAsync(tokenId, ownerId, actorId, now, Line(actorId, ownerId, "API token revoked", $"“{token.Name}”", now), cancellationToken);
        }

        return Result<ApiToken>.Ok(token);
    }

    private static ManageAuditEntry Line(int actorId, int ownerId, string action, string detail, DateTime now) => new()
    {
        Subject = AuditSubjects.Account,
        SubjectId = ownerId,
        ActorId = actorId,
        Action = action,
        Detail = detail,
        AtUtc = now,
    };
}
