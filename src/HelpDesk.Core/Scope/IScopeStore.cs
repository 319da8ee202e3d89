namespace HelpDesk.Core.Scope;

/// <summary>
/// The catalogue (products, releases, environments, third-party products) and the versioned Scope of Support.
/// A product has at most one draft at a time; publishing numbers and freezes it. Updates are optimistic by
/// <c>Version</c> and return null when stale.
/// </summary>
public interface IScopeStore
{
    Task<IReadOnlyList<Product>> ListProductsAsync(CancellationToken cancellationToken = default);

    /// <summary>By id, code or name (case-insensitive); null when there is none.</summary>
    Task<Product?> FindProductAsync(string codeOrName, CancellationToken cancellationToken = default);

    Task<Product?> GetProductAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Null when the code or name is taken.</summary>
    Task<Product?> CreateProductAsync(Product product, CancellationToken cancellationToken = default);

    /// <summary>Null when the version is stale; throws nothing for a taken name, which the caller checks first.</summary>
    Task<Product?> UpdateProductAsync(Product product, CancellationToken cancellationToken = default);

    /// <summary>The product's releases, oldest first.</summary>
    Task<IReadOnlyList<ProductRelease>> ListReleasesAsync(int productId, CancellationToken cancellationToken = default);

    /// <summary>Null when the product already has a release of that name.</summary>
    Task<ProductRelease?> SaveReleaseAsync(ProductRelease release, CancellationToken cancellationToken = default);

    Task DeleteReleaseAsync(int releaseId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TargetEnvironment>> ListEnvironmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Null when the code is taken.</summary>
    Task<TargetEnvironment?> SaveEnvironmentAsync(TargetEnvironment environment, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ThirdPartyProduct>> ListThirdPartyAsync(CancellationToken cancellationToken = default);

    Task<ThirdPartyProduct?> SaveThirdPartyAsync(ThirdPartyProduct product, CancellationToken cancellationToken = default);

    /// <summary>Every version of the product's scope, drafts included, newest first.</summary>
    Task<IReadOnlyList<ScopeOfSupport>> ListScopesAsync(int productId, CancellationToken cancellationToken = default);

    Task<ScopeOfSupport?> GetScopeAsync(int scopeId, CancellationToken cancellationToken = default);

    /// <summary>The product's draft, or null.</summary>
    Task<ScopeOfSupport?> GetDraftAsync(int productId, CancellationToken cancellationToken = default);

    /// <summary>Saves a new draft (Id 0) or the draft's changes; null when the version is stale or it is not a draft.</summary>
    Task<ScopeOfSupport?> SaveDraftAsync(ScopeOfSupport draft, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the draft the next number of its product, marks it published at <paramref name="nowUtc"/> by
    /// <paramref name="publishedById"/>, and freezes it. Null when the version is stale or it is not a draft.
    /// </summary>
    Task<ScopeOfSupport?> PublishAsync(int scopeId, int version, int publishedById, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task DeleteDraftAsync(int scopeId, CancellationToken cancellationToken = default);
}
