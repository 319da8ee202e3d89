using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Offers;

/// <param name="Version">The draft's version the manager reviewed.</param>
public sealed record PublishOfferingRequest(int OfferingId, int Version, int PublishedById);

/// <summary>
/// Publishes an offering's draft: from then on its price, terms, categories and products never change, new offers are
/// made from it, and the version published before it is superseded (offers made from that one keep pointing at it).
/// The draft is checked once more first.
/// </summary>
public sealed class PublishOffering(IOfferingStore store, IContractStore contracts, IScopeStore scope, TimeProvider clock)
{
    public async Task<Result<OfferingVersion>> HandleAsync(PublishOfferingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = await store.GetAsync(request.OfferingId, cancellationToken);
        if (entry is null)
        {
            return Result<OfferingVersion>.NotFound("That offering is no longer in the catalogue.");
        }

        var draft = entry.Draft;
        if (draft is null)
        {
            return request.Version == 0
                ? Result<OfferingVersion>.NotFound($"{entry.Offering.Code} has no draft to publish.")
                : Result<OfferingVersion>.Conflict($"Someone else published the draft of {entry.Offering.Code} since you opened it; reload to see the version in force.");
        }

        if (draft.Version != request.Version)
        {
            return Result<OfferingVersion>.Conflict($"Someone else changed the draft of {entry.Offering.Code} since you reviewed it; review it again before publishing.");
        }

        var errors = OfferingRules.Check(entry.Offering.Kind, draft, await contracts.ListPlansAsync(cancellationToken), await scope.ListProductsAsync(cancellationToken));
        if (errors.Count > 0)
        {
            return Result<OfferingVersion>.Invalid(errors);
        }

        var published = await store.PublishAsync(draft.Id, draft.Version, request.PublishedById, clock.UtcNow(), cancellationToken);
        return published is null
            ? Result<OfferingVersion>.Conflict($"Someone else changed the draft of {entry.Offering.Code} since you reviewed it; review it again before publishing.")
            : Result<OfferingVersion>.Ok(published);
    }
}
