using System.Data.Common;
using Dapper;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Audit;

namespace HelpDesk.Data.Scope;

/// <summary>
/// Retiring, reinstating and deleting releases and environments, discarding a draft, and what refers to a release or an
/// environment. A ticket names a release by its product (code or name) and the release's name, and an environment by
/// its code or name, as typed, so the references compare lower-case text. Deletes check the references again in the
/// same statement, so a ticket filed meanwhile makes the delete do nothing.
/// </summary>
public sealed partial class ScopeStore
{
    // The tickets that name a release of a product: @Code, @Name (the product's, lower-case) and @Release (lower-case).
    private const string TicketsNamingRelease = """
        FROM Tickets t
        WHERE (t.Product = @Code OR LOWER(t.Product) = @Name) AND LOWER(t.ProductRelease) = @Release
        """;

    // The tickets that name an environment: @Code and @Name, lower-case.
    private const string TicketsNamingEnvironment = """
        FROM Tickets t
        WHERE LOWER(t.Environment) = @Code OR LOWER(t.Environment) = @Name
        """;

    private const string CountTickets = """
        SELECT COUNT(*) AS Tickets, COALESCE(SUM(CASE WHEN t.Status IN ('Resolved', 'Closed') THEN 0 ELSE 1 END), 0) AS OpenTickets
        """;

    public async Task<ProductRelease?> GetReleaseAsync(int releaseId, CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT {ScopeRows.ReleaseColumns} FROM ProductReleases r WHERE r.Id = @Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ProductRelease>(new CommandDefinition(sql, new { Id = releaseId }, cancellationToken: cancellationToken));
    }

    public async Task<CatalogueReferences> ReleaseReferencesAsync(ProductRelease release, Product product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(product);
        const string sql = $"{CountTickets} {TicketsNamingRelease}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<TicketCounts>(new CommandDefinition(sql, ReleaseParameters(release, product), cancellationToken: cancellationToken));
        return new CatalogueReferences(counts.Tickets, counts.OpenTickets);
    }

    public async Task<CatalogueReferences> EnvironmentReferencesAsync(TargetEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        const string sql = $"""
            {CountTickets} {TicketsNamingEnvironment};
            SELECT COUNT(*) AS Skills FROM EngineerSkills k WHERE LOWER(k.Area) = @Code;
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, EnvironmentParameters(environment), cancellationToken: cancellationToken));
        var counts = await results.ReadSingleAsync<TicketCounts>();
        var skills = await results.ReadSingleAsync<SkillCount>();
        return new CatalogueReferences(counts.Tickets, counts.OpenTickets, skills.Skills);
    }

    public async Task<IReadOnlyList<ScopeOfSupport>> ListScopesNamingEnvironmentAsync(string code, CancellationToken cancellationToken = default) =>
        await QueryScopesAsync(
            """
            s.ProductId IN (SELECT n.ProductId FROM ScopeVersions n JOIN ScopeEnvironments ne ON ne.ScopeVersionId = n.Id
                            WHERE ne.EnvironmentCode = @Code)
            """,
            new { Code = NormaliseCode(code) },
            cancellationToken);

    public Task<bool> SetReleaseRetiredAsync(int releaseId, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(SetRetiredAsync("ProductReleases", releaseId, retiredUtc, audit, cancellationToken));

    public Task<bool> SetEnvironmentRetiredAsync(int environmentId, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(SetRetiredAsync("Environments", environmentId, retiredUtc, audit, cancellationToken));

    public Task<bool> DeleteReleaseAsync(int releaseId, DateOnly today, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(DeleteReleaseCoreAsync(releaseId, today, audit, cancellationToken));

    public Task<bool> DeleteEnvironmentAsync(int environmentId, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(DeleteEnvironmentCoreAsync(environmentId, audit, cancellationToken));

    public async Task<bool> DeleteDraftAsync(int scopeId, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        const string sql = """
            DELETE FROM ScopeEnvironments WHERE ScopeVersionId IN (SELECT Id FROM ScopeVersions WHERE Id = @Id AND Status = 'Draft');
            DELETE FROM ScopeExclusions WHERE ScopeVersionId IN (SELECT Id FROM ScopeVersions WHERE Id = @Id AND Status = 'Draft');
            DELETE FROM ScopeVersions WHERE Id = @Id AND Status = 'Draft';
            """;
        const string exists = "SELECT COUNT(*) FROM ScopeVersions WHERE Id = @Id AND Status = 'Draft'";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(exists, new { Id = scopeId }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = scopeId }, transaction, cancellationToken: cancellationToken));
        await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<bool> SetRetiredAsync(string table, int id, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        // The table is one of two names fixed in this class, never input; the values are parameters.
        var sql = retiredUtc is null
            ? $"UPDATE {table} SET RetiredUtc = NULL WHERE Id = @Id AND RetiredUtc IS NOT NULL"
            : $"UPDATE {table} SET RetiredUtc = @RetiredUtc WHERE Id = @Id AND RetiredUtc IS NULL";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, RetiredUtc = retiredUtc }, transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<bool> DeleteReleaseCoreAsync(int releaseId, DateOnly today, ManageAuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        const string find = $"""
            SELECT {ScopeRows.ReleaseColumns} FROM ProductReleases r WHERE r.Id = @Id;
            SELECT {ScopeRows.ProductColumns} FROM Products p JOIN ProductReleases r ON r.ProductId = p.Id WHERE r.Id = @Id;
            """;
        // A published scope lists every release out by the day its page is read for, so a release that is out is
        // referred to by any published version of its product.
        const string delete = $"""
            DELETE FROM ProductReleases
            WHERE Id = @Id
              AND NOT EXISTS (SELECT 1 {TicketsNamingRelease})
              AND NOT (ReleasedOn <= @Today
                       AND EXISTS (SELECT 1 FROM ScopeVersions s WHERE s.ProductId = ProductReleases.ProductId AND s.Status = 'Published'))
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ProductRelease? release;
        Product? product;
        await using (var results = await connection.QueryMultipleAsync(new CommandDefinition(find, new { Id = releaseId }, transaction, cancellationToken: cancellationToken)))
        {
            release = await results.ReadSingleOrDefaultAsync<ProductRelease>();
            product = await results.ReadSingleOrDefaultAsync<Product>();
        }

        if (release is null || product is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var parameters = new DynamicParameters(ReleaseParameters(release, product));
        parameters.Add("Id", releaseId);
        parameters.Add("Today", today);
        return await FinishDeleteAsync(connection, transaction, delete, parameters, audit, cancellationToken);
    }

    private async Task<bool> DeleteEnvironmentCoreAsync(int environmentId, ManageAuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        const string find = $"SELECT {ScopeRows.EnvironmentColumns} FROM Environments e WHERE e.Id = @Id";
        const string delete = $"""
            DELETE FROM Environments
            WHERE Id = @Id
              AND NOT EXISTS (SELECT 1 {TicketsNamingEnvironment})
              AND NOT EXISTS (SELECT 1 FROM ScopeEnvironments se WHERE se.EnvironmentCode = @Code)
              AND NOT EXISTS (SELECT 1 FROM EngineerSkills k WHERE LOWER(k.Area) = @Code)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var environment = await connection.QuerySingleOrDefaultAsync<TargetEnvironment>(new CommandDefinition(find, new { Id = environmentId }, transaction, cancellationToken: cancellationToken));
        if (environment is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var parameters = new DynamicParameters(EnvironmentParameters(environment));
        parameters.Add("Id", environmentId);
        return await FinishDeleteAsync(connection, transaction, delete, parameters, audit, cancellationToken);
    }

    private static async Task<bool> FinishDeleteAsync(
        DbConnection connection, DbTransaction transaction, string delete, DynamicParameters parameters, ManageAuditEntry audit, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteAsync(new CommandDefinition(delete, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static object ReleaseParameters(ProductRelease release, Product product) => new
    {
        Code = NormaliseCode(product.Code),
        Name = product.Name.Trim().ToLowerInvariant(),
        Release = release.Name.Trim().ToLowerInvariant(),
    };

    private static object EnvironmentParameters(TargetEnvironment environment) => new
    {
        Code = NormaliseCode(environment.Code),
        Name = environment.Name.Trim().ToLowerInvariant(),
    };

    private sealed record TicketCounts
    {
        public int Tickets { get; init; }
        public int OpenTickets { get; init; }
    }

    private sealed record SkillCount
    {
        public int Skills { get; init; }
    }
}
