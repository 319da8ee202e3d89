using HelpDesk.Core.Offers;

namespace HelpDesk.Core.Tests.Offers;

/// <summary>The catalogue in memory, with the store's one promise: a version that is not a draft is never written.</summary>
public sealed class InMemoryOfferingStore : IOfferingStore
{
    public List<Offering> Offerings { get; } = [];

    public List<OfferingVersion> Versions { get; } = [];

    public Task<IReadOnlyList<CatalogueEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CatalogueEntry>>([.. Offerings.Select(Entry)]);

    public Task<CatalogueEntry?> GetAsync(int offeringId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Offerings.FirstOrDefault(o => o.Id == offeringId) is { } o ? Entry(o) : null);

    public Task<OfferingVersion?> GetVersionAsync(int versionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Versions.FirstOrDefault(v => v.Id == versionId));

    public Task<CatalogueEntry?> CreateAsync(Offering offering, OfferingVersion draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offering);
        ArgumentNullException.ThrowIfNull(draft);
        if (Offerings.Any(o => o.Code == offering.Code))
        {
            return Task.FromResult<CatalogueEntry?>(null);
        }

        var saved = offering with { Id = Offerings.Count + 1, Version = 1 };
        Offerings.Add(saved);
        Versions.Add(draft with { Id = Versions.Count + 1, OfferingId = saved.Id, Number = 1, Version = 1 });
        return Task.FromResult<CatalogueEntry?>(Entry(saved));
    }

    public Task<OfferingVersion?> SaveDraftAsync(OfferingVersion draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.Id == 0)
        {
            if (Versions.Any(v => v.OfferingId == draft.OfferingId && v.Status == OfferingVersionStatus.Draft))
            {
                return Task.FromResult<OfferingVersion?>(null);
            }

            var created = draft with { Id = Versions.Count + 1, Version = 1 };
            Versions.Add(created);
            return Task.FromResult<OfferingVersion?>(created);
        }

        var index = Versions.FindIndex(v => v.Id == draft.Id && v.Version == draft.Version && v.Status == OfferingVersionStatus.Draft);
        if (index < 0)
        {
            return Task.FromResult<OfferingVersion?>(null);
        }

        Versions[index] = draft with { Status = OfferingVersionStatus.Draft, Version = draft.Version + 1 };
        return Task.FromResult<OfferingVersion?>(Versions[index]);
    }

    public Task<OfferingVersion?> PublishAsync(int versionId, int version, int publishedById, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var index = Versions.FindIndex(v => v.Id == versionId && v.Version == version && v.Status == OfferingVersionStatus.Draft);
        if (index < 0)
        {
            return Task.FromResult<OfferingVersion?>(null);
        }

        var offeringId = Versions[index].OfferingId;
        for (var i = 0; i < Versions.Count; i++)
        {
            if (Versions[i].OfferingId == offeringId && Versions[i].Status == OfferingVersionStatus.Published)
            {
                Versions[i] = Versions[i] with { Status = OfferingVersionStatus.Superseded };
            }
        }

        Versions[index] = Versions[index] with { Status = OfferingVersionStatus.Published, PublishedById = publishedById, PublishedUtc = nowUtc, Version = version + 1 };
        return Task.FromResult<OfferingVersion?>(Versions[index]);
    }

    public Task<Offering?> SetStatusAsync(int offeringId, int version, OfferingStatus status, CancellationToken cancellationToken = default)
    {
        var index = Offerings.FindIndex(o => o.Id == offeringId && o.Version == version);
        if (index < 0)
        {
            return Task.FromResult<Offering?>(null);
        }

        Offerings[index] = Offerings[index] with { Status = status, Version = version + 1 };
        return Task.FromResult<Offering?>(Offerings[index]);
    }

    private CatalogueEntry Entry(Offering offering) =>
        new(offering, [.. Versions.Where(v => v.OfferingId == offering.Id).OrderByDescending(v => v.Number)]);
}
