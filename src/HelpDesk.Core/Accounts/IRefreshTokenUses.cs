namespace HelpDesk.Core.Accounts;

/// <summary>The API refresh tokens already exchanged: each may be exchanged once.</summary>
public interface IRefreshTokenUses
{
    /// <summary>
    /// Records that the token with <paramref name="tokenHash"/> is being exchanged now. False when it was exchanged
    /// before (or is being exchanged at this moment by another request), in which case it must be refused.
    /// </summary>
    Task<bool> TryUseAsync(string tokenHash, int userId, DateTime expiresUtc, DateTime nowUtc, CancellationToken cancellationToken = default);
}
