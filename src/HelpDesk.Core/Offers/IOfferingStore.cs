namespace HelpDesk.Core.Offers;

/// <summary>
/// The services catalogue: offerings and their versions. An offering has at most one draft and at most one published
/// version. A version that is not a draft never changes: every write to its content is conditional on
/// <c>Status = 'Draft'</c> and on its <c>Version</c>, and returns null when either does not hold.
/// </summary>
public interface IOfferingStore
{
    /// <summary>Every offering with its versions (newest first) and how many offers point at each version, by code.</summary>
    Task<IReadOnlyList<CatalogueEntry>> ListAsync(CancellationToken cancellationToken = default);

    Task<CatalogueEntry?> GetAsync(int offeringId, CancellationToken cancellationToken = default);

    Task<OfferingVersion?> GetVersionAsync(int versionId, CancellationToken cancellationToken = default);

    /// <summary>Inserts the offering with its first draft (number 1); null when the code is taken.</summary>
    Task<CatalogueEntry?> CreateAsync(Offering offering, OfferingVersion draft, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts a new draft (Id 0; null when the offering already has one) or saves the draft's content, categories and
    /// products (null when the version is stale or it is no longer a draft).
    /// </summary>
    Task<OfferingVersion?> SaveDraftAsync(OfferingVersion draft, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes the draft and marks the version published before it superseded, in one transaction. Null when the
    /// version is stale or it is not a draft.
    /// </summary>
    Task<OfferingVersion?> PublishAsync(int versionId, int version, int publishedById, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Retires or brings back an offering; null when the version is stale.</summary>
    Task<Offering?> SetStatusAsync(int offeringId, int version, OfferingStatus status, CancellationToken cancellationToken = default);
}
