using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Data.Audit;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Accounts;

public sealed class ServiceAccountStore(IDbConnectionFactory connections) : IServiceAccountStore
{
    public async Task MarkAsync(int userId, int createdById, DateTime createdUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        const string sql = "INSERT INTO ServiceAccounts (UserId, CreatedById, CreatedUtc) VALUES (@UserId, @CreatedById, @CreatedUtc)";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { UserId = userId, CreatedById = createdById, CreatedUtc = createdUtc }, transaction, cancellationToken: cancellationToken));
        await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ServiceAccount>> ListAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT u.Id AS UserId, u.DisplayName AS Name, u.Email,
                   COALESCE((SELECT MIN(r.Name) FROM UserRoles ur INNER JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = u.Id), '') AS Role,
                   o.Name AS Organisation, s.CreatedUtc, u.DeactivatedUtc, u.ConcurrencyStamp,
                   (SELECT COUNT(*) FROM ApiTokens t
                    WHERE t.UserId = u.Id AND t.RevokedUtc IS NULL AND t.ExpiresUtc > @NowUtc) AS ActiveTokens
            FROM ServiceAccounts s
            INNER JOIN Users u ON u.Id = s.UserId
            LEFT JOIN Organisations o ON o.Id = u.OrganisationId
            ORDER BY u.DisplayName, u.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ServiceAccount>(new CommandDefinition(sql, new { NowUtc = nowUtc }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<bool> IsServiceAccountAsync(int userId, CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT COUNT(*) FROM ServiceAccounts WHERE UserId = @UserId";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { UserId = userId }, cancellationToken: cancellationToken)) > 0;
    }
}
