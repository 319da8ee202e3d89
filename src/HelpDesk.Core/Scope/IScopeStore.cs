using HelpDesk.Core.Audit;

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

    /// <summary>The product's releases, oldest first, retired ones included.</summary>
    Task<IReadOnlyList<ProductRelease>> ListReleasesAsync(int productId, CancellationToken cancellationToken = default);

    Task<ProductRelease?> GetReleaseAsync(int releaseId, CancellationToken cancellationToken = default);

    /// <summary>Null when the product already has a release of that name. Never changes whether it is retired.</summary>
    Task<ProductRelease?> SaveReleaseAsync(ProductRelease release, CancellationToken cancellationToken = default);

    /// <summary>The tickets that name the release (by the product's code or name and the release's name).</summary>
    Task<CatalogueReferences> ReleaseReferencesAsync(ProductRelease release, Product product, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retires the release at <paramref name="retiredUtc"/>, or reinstates it when that is null, writing the audit
    /// line in the same transaction. False when it is gone or already in that state.
    /// </summary>
    Task<bool> SetReleaseRetiredAsync(int releaseId, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the release with its audit line, only if nothing refers to it: no ticket names it and, when it is out
    /// by <paramref name="today"/>, its product has no published scope (whose pages list it). False otherwise.
    /// </summary>
    Task<bool> DeleteReleaseAsync(int releaseId, DateOnly today, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Every environment, retired ones included.</summary>
    Task<IReadOnlyList<TargetEnvironment>> ListEnvironmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>The tickets that name the environment (by code or name) and the engineers' skills narrowed to it.</summary>
    Task<CatalogueReferences> EnvironmentReferencesAsync(TargetEnvironment environment, CancellationToken cancellationToken = default);

    /// <summary>Every version, drafts included, of each product that has a version naming the environment.</summary>
    Task<IReadOnlyList<ScopeOfSupport>> ListScopesNamingEnvironmentAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="SetReleaseRetiredAsync"/>, for an environment.</summary>
    Task<bool> SetEnvironmentRetiredAsync(int environmentId, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Deletes the environment with its audit line, only if no ticket, scope version or skill names it. False otherwise.</summary>
    Task<bool> DeleteEnvironmentAsync(int environmentId, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Null when the code is taken. Never changes whether it is retired.</summary>
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
    /// <paramref name="publishedById"/> to apply as <paramref name="appliesTo"/> says, and freezes it. Null when the
    /// version is stale or it is not a draft.
    /// </summary>
    Task<ScopeOfSupport?> PublishAsync(int scopeId, int version, int publishedById, DateTime nowUtc, ScopeApplication appliesTo = ScopeApplication.Now, CancellationToken cancellationToken = default);

    /// <summary>Deletes the draft (never a published version) with its audit line; false when there was no such draft.</summary>
    Task<bool> DeleteDraftAsync(int scopeId, ManageAuditEntry audit, CancellationToken cancellationToken = default);
}
