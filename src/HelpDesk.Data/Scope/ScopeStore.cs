using System.Data.Common;
using System.Globalization;
using Dapper;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Scope;

/// <summary>
/// The catalogue and the Scope of Support versions. Product and environment codes are stored lower-case, and
/// names are checked with <see cref="CaseInsensitiveNames"/>, so both engines agree on what is taken.
/// </summary>
public sealed partial class ScopeStore(IDbConnectionFactory connections, TimeProvider? clock = null, EntitlementFactsCache? factsCache = null) : IScopeStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<IReadOnlyList<Product>> ListProductsAsync(CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT {ScopeRows.ProductColumns} FROM Products p ORDER BY p.Name, p.Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Product>(new CommandDefinition(sql, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<Product?> FindProductAsync(string codeOrName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codeOrName);
        // A code wins over a name, and a name over an id, should one text match several products.
        const string sql = $"""
            SELECT {ScopeRows.ProductColumns}
            FROM Products p
            WHERE p.Code = @Code OR LOWER(p.Name) = @Code OR p.Id = @Id
            ORDER BY CASE WHEN p.Code = @Code THEN 0 WHEN LOWER(p.Name) = @Code THEN 1 ELSE 2 END, p.Id
            """;
        var text = NormaliseCode(codeOrName);
        if (text.Length == 0)
        {
            return null;
        }

        var id = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Product>(new CommandDefinition(sql, new { Code = text, Id = id }, cancellationToken: cancellationToken));
        return rows.FirstOrDefault();
    }

    public async Task<Product?> GetProductAsync(int id, CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT {ScopeRows.ProductColumns} FROM Products p WHERE p.Id = @Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Product>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken));
    }

    private async Task<Product?> CreateProductCoreAsync(Product product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO Products (Code, Name, Description, CreatedUtc, Version)
            VALUES (@Code, @Name, @Description, @CreatedUtc, 1)
            """);
        var saved = product with { Code = NormaliseCode(product.Code), Name = product.Name.Trim(), Version = 1 };

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                insert,
                new { saved.Code, saved.Name, saved.Description, CreatedUtc = _clock.GetUtcNow().UtcDateTime },
                transaction,
                cancellationToken: cancellationToken));
            saved = saved with { Id = id };
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return null;
        }

        if (await CaseInsensitiveNames.TakenAsync(connection, transaction, NameColumn.ProductName, saved.Name, saved.Id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    private async Task<Product?> UpdateProductCoreAsync(Product product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        const string sql = """
            UPDATE Products
            SET Code = @Code, Name = @Name, Description = @Description, Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """;
        var saved = product with { Code = NormaliseCode(product.Code), Name = product.Name.Trim() };

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int rows;
        try
        {
            rows = await connection.ExecuteAsync(new CommandDefinition(
                sql, new { saved.Id, saved.Code, saved.Name, saved.Description, saved.Version }, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return null;
        }

        if (rows == 0 || await CaseInsensitiveNames.TakenAsync(connection, transaction, NameColumn.ProductName, saved.Name, saved.Id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return saved with { Version = saved.Version + 1 };
    }

    public async Task<IReadOnlyList<ProductRelease>> ListReleasesAsync(int productId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {ScopeRows.ReleaseColumns}
            FROM ProductReleases r
            WHERE r.ProductId = @ProductId
            ORDER BY r.ReleasedOn, r.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ProductRelease>(new CommandDefinition(sql, new { ProductId = productId }, cancellationToken: cancellationToken))).AsList();
    }

    private async Task<ProductRelease?> SaveReleaseCoreAsync(ProductRelease release, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(release);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO ProductReleases (ProductId, Name, ReleasedOn, EndOfSupportOn)
            VALUES (@ProductId, @Name, @ReleasedOn, @EndOfSupportOn)
            """);
        const string update = """
            UPDATE ProductReleases
            SET Name = @Name, ReleasedOn = @ReleasedOn, EndOfSupportOn = @EndOfSupportOn
            WHERE Id = @Id AND ProductId = @ProductId
            """;
        var saved = release with { Name = release.Name.Trim() };
        var parameters = new { saved.Id, saved.ProductId, saved.Name, saved.ReleasedOn, saved.EndOfSupportOn };

        await using var connection = await connections.OpenAsync(cancellationToken);
        var id = await RowWrites.InsertOrUpdateAsync(connection, null, saved.Id, insert, update, parameters, cancellationToken);
        return id is null ? null : saved with { Id = id.Value };
    }

    public async Task<IReadOnlyList<TargetEnvironment>> ListEnvironmentsAsync(CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT {ScopeRows.EnvironmentColumns} FROM Environments e ORDER BY e.Name, e.Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<TargetEnvironment>(new CommandDefinition(sql, cancellationToken: cancellationToken))).AsList();
    }

    private async Task<TargetEnvironment?> SaveEnvironmentCoreAsync(TargetEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO Environments (Code, Name, Kind) VALUES (@Code, @Name, @Kind)
            """);
        const string update = "UPDATE Environments SET Code = @Code, Name = @Name, Kind = @Kind WHERE Id = @Id";
        var saved = environment with { Code = NormaliseCode(environment.Code), Name = environment.Name.Trim() };
        var parameters = new { saved.Id, saved.Code, saved.Name, Kind = saved.Kind.ToString() };

        await using var connection = await connections.OpenAsync(cancellationToken);
        var id = await RowWrites.InsertOrUpdateAsync(connection, null, saved.Id, insert, update, parameters, cancellationToken);
        return id is null ? null : saved with { Id = id.Value };
    }

    public async Task<IReadOnlyList<ThirdPartyProduct>> ListThirdPartyAsync(CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT t.Id, t.Name, t.Vendor FROM ThirdPartyProducts t ORDER BY t.Name, t.Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ThirdPartyProduct>(new CommandDefinition(sql, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<ThirdPartyProduct?> SaveThirdPartyAsync(ThirdPartyProduct product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO ThirdPartyProducts (Name, Vendor) VALUES (@Name, @Vendor)
            """);
        const string update = "UPDATE ThirdPartyProducts SET Name = @Name, Vendor = @Vendor WHERE Id = @Id";
        var saved = product with { Name = product.Name.Trim(), Vendor = product.Vendor.Trim() };

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await RowWrites.InsertOrUpdateAsync(connection, transaction, saved.Id, insert, update, new { saved.Id, saved.Name, saved.Vendor }, cancellationToken) is not int id)
        {
            return null;
        }

        saved = saved with { Id = id };

        if (await CaseInsensitiveNames.TakenAsync(connection, transaction, NameColumn.ThirdPartyName, saved.Name, saved.Id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task<IReadOnlyList<ScopeOfSupport>> ListScopesAsync(int productId, CancellationToken cancellationToken = default) =>
        await QueryScopesAsync("s.ProductId = @ProductId", new { ProductId = productId }, cancellationToken);

    public async Task<ScopeOfSupport?> GetScopeAsync(int scopeId, CancellationToken cancellationToken = default) =>
        (await QueryScopesAsync("s.Id = @Id", new { Id = scopeId }, cancellationToken)).SingleOrDefault();

    public async Task<ScopeOfSupport?> GetDraftAsync(int productId, CancellationToken cancellationToken = default) =>
        (await QueryScopesAsync("s.ProductId = @ProductId AND s.Status = 'Draft'", new { ProductId = productId }, cancellationToken)).SingleOrDefault();

    public async Task<ScopeOfSupport?> SaveDraftAsync(ScopeOfSupport draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO ScopeVersions (ProductId, Number, Status, EffectiveOn, PublishedUtc, PublishedById, Summary, ChangeNote,
                                       ReleasesBack, ModifiedSourceCovered, ThirdPartyIntegrationCovered, CreatedUtc, UpdatedUtc, Version)
            VALUES (@ProductId, 0, 'Draft', @EffectiveOn, NULL, NULL, @Summary, @ChangeNote,
                    @ReleasesBack, @ModifiedSourceCovered, @ThirdPartyIntegrationCovered, @CreatedUtc, @UpdatedUtc, 1)
            """);
        const string update = """
            UPDATE ScopeVersions
            SET EffectiveOn = @EffectiveOn, Summary = @Summary, ChangeNote = @ChangeNote, ReleasesBack = @ReleasesBack,
                ModifiedSourceCovered = @ModifiedSourceCovered, ThirdPartyIntegrationCovered = @ThirdPartyIntegrationCovered,
                UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @Version AND Status = 'Draft'
            """;
        var now = _clock.GetUtcNow().UtcDateTime;
        var saved = draft with
        {
            Number = 0,
            Status = ScopeStatus.Draft,
            PublishedUtc = null,
            PublishedById = null,
            CreatedUtc = draft.CreatedUtc == default ? now : draft.CreatedUtc,
            UpdatedUtc = draft.UpdatedUtc == default ? now : draft.UpdatedUtc,
            EnvironmentCodes = draft.EnvironmentCodes.Select(NormaliseCode).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList(),
            OutOfScope = draft.OutOfScope.Select(c => c with { Category = NormaliseCode(c.Category) }).DistinctBy(c => c.Category).ToList(),
        };
        var parameters = new
        {
            saved.Id,
            saved.ProductId,
            saved.EffectiveOn,
            saved.Summary,
            saved.ChangeNote,
            saved.ReleasesBack,
            saved.ModifiedSourceCovered,
            saved.ThirdPartyIntegrationCovered,
            saved.CreatedUtc,
            saved.UpdatedUtc,
            saved.Version,
        };

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (saved.Id == 0)
        {
            try
            {
                var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(insert, parameters, transaction, cancellationToken: cancellationToken));
                saved = saved with { Id = id, Version = 1 };
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // The product already has a draft.
                return null;
            }
        }
        else
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition(update, parameters, transaction, cancellationToken: cancellationToken));
            if (rows == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }

            saved = saved with { Version = saved.Version + 1 };
        }

        await ReplaceClausesAsync(connection, transaction, saved, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    private async Task<ScopeOfSupport?> PublishCoreAsync(int scopeId, int version, int publishedById, DateTime nowUtc, ScopeApplication appliesTo, CancellationToken cancellationToken)
    {
        // The unique index on published numbers stops two publishes of one product taking the same number.
        const string publish = """
            UPDATE ScopeVersions
            SET Number = (SELECT COALESCE(MAX(n.Number), 0) + 1 FROM ScopeVersions n WHERE n.ProductId = ScopeVersions.ProductId),
                Status = 'Published', PublishedUtc = @NowUtc, PublishedById = @PublishedById, AppliesTo = @AppliesTo, UpdatedUtc = @NowUtc,
                Version = Version + 1
            WHERE Id = @Id AND Version = @Version AND Status = 'Draft'
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition(
                publish, new { Id = scopeId, Version = version, PublishedById = publishedById, NowUtc = nowUtc, AppliesTo = appliesTo.ToString() }, transaction, cancellationToken: cancellationToken));
            if (rows == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return null;
        }

        ScopeOfSupport published;
        await using (var results = await connection.QueryMultipleAsync(new CommandDefinition(
            ScopeRows.Select("s.Id = @Id", "s.Id"), new { Id = scopeId }, transaction, cancellationToken: cancellationToken)))
        {
            published = (await ScopeRows.ReadAsync(results)).Single();
        }

        await transaction.CommitAsync(cancellationToken);
        return published;
    }

    private static async Task ReplaceClausesAsync(DbConnection connection, DbTransaction transaction, ScopeOfSupport scope, CancellationToken cancellationToken)
    {
        const string delete = """
            DELETE FROM ScopeEnvironments WHERE ScopeVersionId = @Id;
            DELETE FROM ScopeExclusions WHERE ScopeVersionId = @Id;
            """;
        const string insertEnvironment = """
            INSERT INTO ScopeEnvironments (ScopeVersionId, EnvironmentCode) VALUES (@ScopeVersionId, @EnvironmentCode)
            """;
        const string insertExclusion = """
            INSERT INTO ScopeExclusions (ScopeVersionId, Category, Position, Explanation)
            VALUES (@ScopeVersionId, @Category, @Position, @Explanation)
            """;
        await connection.ExecuteAsync(new CommandDefinition(delete, new { scope.Id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            insertEnvironment,
            scope.EnvironmentCodes.Select(code => new { ScopeVersionId = scope.Id, EnvironmentCode = code }),
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            insertExclusion,
            scope.OutOfScope.Select((clause, i) => new { ScopeVersionId = scope.Id, clause.Category, Position = i, clause.Explanation }),
            transaction,
            cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<ScopeOfSupport>> QueryScopesAsync(string filter, object parameters, CancellationToken cancellationToken)
    {
        // Drafts first, then published versions newest first.
        var sql = ScopeRows.Select(filter, "CASE WHEN s.Number = 0 THEN 0 ELSE 1 END, s.Number DESC");
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return await ScopeRows.ReadAsync(results);
    }

    internal static string NormaliseCode(string? code) => (code ?? "").Trim().ToLowerInvariant();

    public Task<Product?> CreateProductAsync(Product product, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(CreateProductCoreAsync(product, cancellationToken));

    public Task<Product?> UpdateProductAsync(Product product, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(UpdateProductCoreAsync(product, cancellationToken));

    public Task<ProductRelease?> SaveReleaseAsync(ProductRelease release, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(SaveReleaseCoreAsync(release, cancellationToken));

    public Task<TargetEnvironment?> SaveEnvironmentAsync(TargetEnvironment environment, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(SaveEnvironmentCoreAsync(environment, cancellationToken));

    public Task<ScopeOfSupport?> PublishAsync(int scopeId, int version, int publishedById, DateTime nowUtc, ScopeApplication appliesTo = ScopeApplication.Now, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(PublishCoreAsync(scopeId, version, publishedById, nowUtc, appliesTo, cancellationToken));

    /// <summary>Runs a write, then drops the cached entitlement facts, which it may have changed.</summary>
    private async Task<T> InvalidatingAsync<T>(Task<T> write)
    {
        try
        {
            return await write;
        }
        finally
        {
            factsCache?.Invalidate();
        }
    }
}
