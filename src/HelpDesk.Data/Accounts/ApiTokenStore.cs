using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Data.Audit;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Accounts;

/// <summary>API tokens by id and by the key their text carries; each create and revoke writes its audit line with it.</summary>
public sealed class ApiTokenStore(IDbConnectionFactory connections) : IApiTokenStore
{
    private const string Columns = """
        SELECT Id, UserId, Name, Scopes, LookupKey, SecretHash, CreatedById, CreatedUtc, ExpiresUtc, LastUsedUtc, RevokedUtc, Version
        FROM ApiTokens
        """;

    public async Task<int> CreateAsync(ApiToken token, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(audit);
        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO ApiTokens (UserId, Name, Scopes, LookupKey, SecretHash, CreatedById, CreatedUtc, ExpiresUtc, Version)
            VALUES (@UserId, @Name, @Scopes, @LookupKey, @SecretHash, @CreatedById, @CreatedUtc, @ExpiresUtc, 1)
            """);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql,
            new
            {
                token.UserId,
                token.Name,
                Scopes = ApiTokenRules.Join(token.Scopes),
                token.LookupKey,
                token.SecretHash,
                token.CreatedById,
                token.CreatedUtc,
                token.ExpiresUtc,
            },
            transaction,
            cancellationToken: cancellationToken));
        await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public Task<ApiToken?> FindByKeyAsync(string lookupKey, CancellationToken cancellationToken = default) =>
        SingleAsync($"{Columns} WHERE LookupKey = @Key", new { Key = lookupKey }, cancellationToken);

    public Task<ApiToken?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        SingleAsync($"{Columns} WHERE Id = @Id", new { Id = id }, cancellationToken);

    public async Task<IReadOnlyList<ApiToken>> ListAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TokenRow>(new CommandDefinition(
            $"{Columns} WHERE UserId = @UserId ORDER BY Id DESC", new { UserId = userId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToToken())];
    }

    public async Task<bool> RevokeAsync(int id, int userId, int revokedById, DateTime revokedUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        const string sql = """
            UPDATE ApiTokens SET RevokedUtc = @RevokedUtc, RevokedById = @RevokedById, Version = Version + 1
            WHERE Id = @Id AND UserId = @UserId AND RevokedUtc IS NULL
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            sql, new { Id = id, UserId = userId, RevokedById = revokedById, RevokedUtc = revokedUtc }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> RecordUseAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        // The condition makes concurrent requests of one token write once between them, not once each.
        const string sql = """
            UPDATE ApiTokens SET LastUsedUtc = @NowUtc
            WHERE Id = @Id AND (LastUsedUtc IS NULL OR LastUsedUtc <= @Since)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            sql, new { Id = id, NowUtc = nowUtc, Since = nowUtc - ApiTokenRules.UseInterval }, cancellationToken: cancellationToken)) > 0;
    }

    private async Task<ApiToken?> SingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return row?.ToToken();
    }

    private sealed record TokenRow
    {
        public int Id { get; init; }
        public int UserId { get; init; }
        public string Name { get; init; } = "";
        public string Scopes { get; init; } = "";
        public string LookupKey { get; init; } = "";
        public string SecretHash { get; init; } = "";
        public int CreatedById { get; init; }
        public DateTime CreatedUtc { get; init; }
        public DateTime ExpiresUtc { get; init; }
        public DateTime? LastUsedUtc { get; init; }
        public DateTime? RevokedUtc { get; init; }
        public int Version { get; init; }

        public ApiToken ToToken() => new()
        {
            Id = Id,
            UserId = UserId,
            Name = Name,
            Scopes = ApiTokenRules.Split(Scopes),
            LookupKey = LookupKey,
            SecretHash = SecretHash,
            CreatedById = CreatedById,
            CreatedUtc = CreatedUtc,
            ExpiresUtc = ExpiresUtc,
            LastUsedUtc = LastUsedUtc,
            RevokedUtc = RevokedUtc,
            Version = Version,
        };
    }
}
