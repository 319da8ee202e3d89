using System.Data.Common;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Data.Audit;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Accounts;

/// <summary>
/// The admin's user list and the account writes behind it. A write first moves the account's concurrency stamp from the
/// one the page read to a new one, so a copy of the account read before (by another administrator, or by Identity)
/// can no longer be saved over it; the rows it changes and its audit line follow in the same transaction. Each write
/// forgets the accounts <see cref="AccountCache"/> keeps once it is over, committed or not.
/// </summary>
public sealed class AccountStore(IDbConnectionFactory connections, AccountCache cache) : IAccountStore
{
    private const string ActiveAdmins = """
        SELECT COUNT(*) FROM Users u
        WHERE u.DeactivatedUtc IS NULL
          AND EXISTS (SELECT 1 FROM UserRoles ur INNER JOIN Roles r ON r.Id = ur.RoleId
                      WHERE ur.UserId = u.Id AND r.NormalizedName = 'ADMIN')
        """;

    public async Task<AccountPage> SearchAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var search = query.Bounded();
        var where = new List<string>();
        var parameters = new DynamicParameters();

        // Each filter is written beside its parameter.
        if (search.Text is { } text)
        {
            where.Add("""
                (u.DisplayName LIKE @Pattern ESCAPE '\' OR u.NormalizedEmail LIKE @UpperPattern ESCAPE '\'
                 OR o.Name LIKE @Pattern ESCAPE '\')
                """);
            var pattern = LikePatterns.Containing(text);
            parameters.Add("Pattern", pattern);
            parameters.Add("UpperPattern", pattern.ToUpperInvariant());
        }

        if (search.Role is { } role)
        {
            where.Add("""
                EXISTS (SELECT 1 FROM UserRoles fr INNER JOIN Roles frr ON frr.Id = fr.RoleId
                        WHERE fr.UserId = u.Id AND frr.NormalizedName = @Role)
                """);
            parameters.Add("Role", role.ToUpperInvariant());
        }

        switch (search.State)
        {
            case AccountState.Deactivated:
                where.Add("u.DeactivatedUtc IS NOT NULL");
                break;
            case AccountState.Active:
                where.Add("u.DeactivatedUtc IS NULL AND u.EmailConfirmed = 1");
                break;
            case AccountState.Pending:
                where.Add("u.DeactivatedUtc IS NULL AND u.EmailConfirmed = 0");
                break;
        }

        parameters.Add("Skip", (search.Page - 1) * search.PageSize);
        parameters.Add("Take", search.PageSize);
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join("\n  AND ", where);
        var from = $"""
            FROM Users u
            LEFT JOIN Organisations o ON o.Id = u.OrganisationId
            {filter}
            """;
        var count = $"SELECT COUNT(*) {from}";
        var page = $"""
            SELECT u.Id, u.DisplayName AS Name, u.Email, o.Name AS Organisation, u.EmailConfirmed,
                   CASE WHEN u.PasswordHash IS NULL THEN 0 ELSE 1 END AS HasPassword, u.CreatedUtc, u.DeactivatedUtc
            {from}
            ORDER BY u.NormalizedEmail, u.Id
            {connections.Dialect.PageClause}
            """;
        const string roles = """
            SELECT ur.UserId, r.Name FROM UserRoles ur INNER JOIN Roles r ON r.Id = ur.RoleId
            WHERE ur.UserId IN @Ids
            ORDER BY r.Name
            """;

        await using var connection = await connections.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(count, parameters, cancellationToken: cancellationToken));
        var rows = (await connection.QueryAsync<AccountRow>(new CommandDefinition(page, parameters, cancellationToken: cancellationToken))).AsList();
        if (rows.Count > 0)
        {
            var held = (await connection.QueryAsync<(int UserId, string Name)>(new CommandDefinition(
                    roles, new { Ids = rows.Select(r => r.Id).ToList() }, cancellationToken: cancellationToken)))
                .ToLookup(r => r.UserId, r => r.Name);
            rows = [.. rows.Select(r => r with { Roles = [.. held[r.Id]] })];
        }

        return new AccountPage(rows, total, search.Page, search.PageSize);
    }

    public async Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(ActiveAdmins, cancellationToken: cancellationToken));
    }

    public Task<AccountWrite> ChangeRolesAsync(
        int userId, string concurrencyStamp, IReadOnlyCollection<string> roles, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        const string clear = "DELETE FROM UserRoles WHERE UserId = @UserId";
        const string add = """
            INSERT INTO UserRoles (UserId, RoleId)
            SELECT @UserId, r.Id FROM Roles r WHERE r.NormalizedName IN @Names
            """;
        var names = roles.Select(r => r.ToUpperInvariant()).ToList();
        return WriteAsync(userId, concurrencyStamp, audit, async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(clear, new { UserId = userId }, transaction, cancellationToken: cancellationToken));
            if (names.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(add, new { UserId = userId, Names = names }, transaction, cancellationToken: cancellationToken));
            }
        }, cancellationToken);
    }

    public Task<AccountWrite> SetDeactivatedAsync(
        int userId, string concurrencyStamp, DateTime? deactivatedUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        const string sql = "UPDATE Users SET DeactivatedUtc = @DeactivatedUtc WHERE Id = @UserId";
        return WriteAsync(userId, concurrencyStamp, audit, (connection, transaction) =>
            connection.ExecuteAsync(new CommandDefinition(
                sql, new { UserId = userId, DeactivatedUtc = deactivatedUtc }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
    }

    public Task<AccountWrite> PlaceAsync(int userId, string concurrencyStamp, int organisationId, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        // The stamp read with the unplaced account is claimed first, so an account placed meanwhile is stale.
        const string sql = "UPDATE Users SET OrganisationId = @OrganisationId WHERE Id = @UserId";
        return WriteAsync(userId, concurrencyStamp, audit, (connection, transaction) =>
            connection.ExecuteAsync(new CommandDefinition(
                sql, new { UserId = userId, OrganisationId = organisationId }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
    }

    public async Task RecordAsync(ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<AccountWrite> WriteAsync(
        int userId, string concurrencyStamp, ManageAuditEntry audit, Func<DbConnection, DbTransaction, Task> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return await cache.WriteAsync(() => WriteInTransactionAsync(userId, concurrencyStamp, audit, change, cancellationToken));
    }

    private async Task<AccountWrite> WriteInTransactionAsync(
        int userId, string concurrencyStamp, ManageAuditEntry audit, Func<DbConnection, DbTransaction, Task> change, CancellationToken cancellationToken)
    {
        const string claim = """
            UPDATE Users SET ConcurrencyStamp = @NewStamp WHERE Id = @UserId AND ConcurrencyStamp = @OldStamp
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            claim,
            new { UserId = userId, OldStamp = concurrencyStamp, NewStamp = Guid.NewGuid().ToString() },
            transaction,
            cancellationToken: cancellationToken));
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return AccountWrite.Stale;
        }

        await change(connection, transaction);

        // Checked after the change, in its transaction: two administrators demoting each other at once cannot both pass.
        if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(ActiveAdmins, transaction: transaction, cancellationToken: cancellationToken)) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return AccountWrite.LastAdmin;
        }

        await ManageAuditRows.InsertAsync(connection, transaction, audit with { Subject = AuditSubjects.Account }, cancellationToken, userId);
        await transaction.CommitAsync(cancellationToken);
        return AccountWrite.Done;
    }
}
