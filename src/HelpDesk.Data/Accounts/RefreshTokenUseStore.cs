using System.Data.Common;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Accounts;

/// <summary>
/// Exchanged refresh tokens by hash. The primary key decides a race: of two requests exchanging one token at the same
/// moment, one insert wins and the other is refused. Rows of tokens past their expiry are removed as new ones arrive.
/// </summary>
public sealed class RefreshTokenUseStore(IDbConnectionFactory connections) : IRefreshTokenUses
{
    public async Task<bool> TryUseAsync(string tokenHash, int userId, DateTime expiresUtc, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            DELETE FROM RefreshTokenUses WHERE ExpiresUtc < @NowUtc;
            INSERT INTO RefreshTokenUses (TokenHash, UserId, UsedUtc, ExpiresUtc) VALUES (@TokenHash, @UserId, @NowUtc, @ExpiresUtc);
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                sql, new { TokenHash = tokenHash, UserId = userId, NowUtc = nowUtc, ExpiresUtc = expiresUtc }, cancellationToken: cancellationToken));
            return true;
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return false;
        }
    }
}
