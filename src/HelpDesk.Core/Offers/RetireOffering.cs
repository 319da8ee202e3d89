using HelpDesk.Core.Common;

namespace HelpDesk.Core.Offers;

/// <param name="Retire">True to retire the offering, false to bring it back.</param>
public sealed record RetireOfferingRequest(int OfferingId, int Version, bool Retire);

/// <summary>
/// Retires an offering, or brings a retired one back. A retired offering is never proposed and makes no new offers;
/// offers already sent from it are unaffected and can still be accepted.
/// </summary>
public sealed class RetireOffering(IOfferingStore store)
{
    public async Task<Result<Offering>> HandleAsync(RetireOfferingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = await store.GetAsync(request.OfferingId, cancellationToken);
        if (entry is null)
        {
            return Result<Offering>.NotFound("That offering is no longer in the catalogue.");
        }

        var wanted = request.Retire ? OfferingStatus.Retired : OfferingStatus.Active;
        if (entry.Offering.Status == wanted)
        {
            return Result<Offering>.Invalid("", $"{entry.Offering.Code} is already {(request.Retire ? "retired" : "active")}.");
        }

        var saved = await store.SetStatusAsync(entry.Offering.Id, request.Version, wanted, cancellationToken);
        return saved is null
            ? Result<Offering>.Conflict($"Someone else changed {entry.Offering.Code} since you opened it; reload and try again.")
            : Result<Offering>.Ok(saved);
    }
}
