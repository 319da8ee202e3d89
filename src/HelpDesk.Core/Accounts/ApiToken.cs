using HelpDesk.Core.Audit;

namespace HelpDesk.Core.Accounts;

/// <summary>An API token as stored: never its secret, only the secret's hash (<see cref="ApiTokenText.SecretHash"/>).</summary>
public sealed record ApiToken
{
    public int Id { get; init; }

    /// <summary>The account the token acts as: its roles, organisation and claims at the moment of each request.</summary>
    public int UserId { get; init; }

    public required string Name { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required string LookupKey { get; init; }
    public required string SecretHash { get; init; }
    public int CreatedById { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime ExpiresUtc { get; init; }
    public DateTime? LastUsedUtc { get; init; }
    public DateTime? RevokedUtc { get; init; }
    public int Version { get; init; } = 1;
}

/// <summary>The API tokens. Creating and revoking write their audit line (about the owner's account) in the same transaction.</summary>
public interface IApiTokenStore
{
    /// <returns>The new token's id.</returns>
    Task<int> CreateAsync(ApiToken token, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>The token whose text carries <paramref name="lookupKey"/>: one read through a unique index.</summary>
    Task<ApiToken?> FindByKeyAsync(string lookupKey, CancellationToken cancellationToken = default);

    Task<ApiToken?> GetAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The account's tokens, newest first, revoked and expired ones included.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>Revokes the token of <paramref name="userId"/>; false when it is not theirs or was revoked already.</summary>
    Task<bool> RevokeAsync(int id, int userId, int revokedById, DateTime revokedUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Notes a use at <paramref name="nowUtc"/> unless one was noted in the minute before (<see cref="ApiTokenRules.UseInterval"/>);
    /// false when nothing was written.
    /// </summary>
    Task<bool> RecordUseAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default);
}
