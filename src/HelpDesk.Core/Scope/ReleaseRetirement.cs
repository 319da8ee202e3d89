using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <param name="ActorId">The manager who confirmed it, for the audit trail.</param>
public sealed record ReleaseChangeRequest(int ReleaseId, int ActorId);

/// <summary>A release with the product it belongs to and what retiring or deleting it would do.</summary>
public sealed record ReleaseRemoval(Product Product, ProductRelease Release, CatalogueRemoval Removal);

/// <summary>
/// Retires a release, reinstates it, or deletes one that nothing refers to, each with a line in the product's audit
/// trail. <see cref="DescribeAsync"/> is what the confirmation page shows; the changes check the same rules again.
/// </summary>
public sealed class ReleaseRetirement(IScopeStore store, TimeProvider clock)
{
    public async Task<Result<ReleaseRemoval>> DescribeAsync(int releaseId, CancellationToken cancellationToken = default)
    {
        var release = await store.GetReleaseAsync(releaseId, cancellationToken);
        var product = release is null ? null : await store.GetProductAsync(release.ProductId, cancellationToken);
        if (release is null || product is null)
        {
            return Result<ReleaseRemoval>.NotFound("That release is no longer in the catalogue.");
        }

        var releases = await store.ListReleasesAsync(product.Id, cancellationToken);
        var versions = await store.ListScopesAsync(product.Id, cancellationToken);
        var references = await store.ReleaseReferencesAsync(release, product, cancellationToken);
        var removal = CatalogueRetirement.AssessRelease(release, product, releases, versions, references, clock.UtcNow());
        return Result<ReleaseRemoval>.Ok(new ReleaseRemoval(product, release, removal));
    }

    public async Task<Result<ReleaseRemoval>> RetireAsync(ReleaseChangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var described = await DescribeAsync(request.ReleaseId, cancellationToken);
        if (!described.Succeeded)
        {
            return described;
        }

        var (product, release, removal) = described.Value!;
        if (removal.RetiredUtc is not null)
        {
            return Result<ReleaseRemoval>.Invalid("", $"{release.Name} was already retired.");
        }

        if (removal.RetireRefusal is { } refusal)
        {
            return Result<ReleaseRemoval>.Invalid("", refusal);
        }

        var now = clock.UtcNow();
        var audit = Line(product, request.ActorId, $"retired release {release.Name}", string.Join(" ", removal.Consequences), now);
        return await store.SetReleaseRetiredAsync(release.Id, now, audit, cancellationToken)
            ? Result<ReleaseRemoval>.Ok(described.Value with { Release = release with { RetiredUtc = now } })
            : Result<ReleaseRemoval>.Conflict($"Someone else retired or deleted {release.Name} meanwhile; the page below is current.");
    }

    public async Task<Result<ReleaseRemoval>> ReinstateAsync(ReleaseChangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var described = await DescribeAsync(request.ReleaseId, cancellationToken);
        if (!described.Succeeded)
        {
            return described;
        }

        var (product, release, _) = described.Value!;
        if (release.RetiredUtc is null)
        {
            return Result<ReleaseRemoval>.Invalid("", $"{release.Name} is not retired.");
        }

        var now = clock.UtcNow();
        var audit = Line(product, request.ActorId, $"reinstated release {release.Name}", $"Customers are offered {release.Name} again; whether it is supported follows the Scope of Support.", now);
        return await store.SetReleaseRetiredAsync(release.Id, null, audit, cancellationToken)
            ? Result<ReleaseRemoval>.Ok(described.Value with { Release = release with { RetiredUtc = null } })
            : Result<ReleaseRemoval>.Conflict($"Someone else reinstated or deleted {release.Name} meanwhile; the page below is current.");
    }

    /// <summary>Deletes a release nothing refers to: a ticket naming it or a published scope showing it makes it retire-only.</summary>
    public async Task<Result<ReleaseRemoval>> DeleteAsync(ReleaseChangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var described = await DescribeAsync(request.ReleaseId, cancellationToken);
        if (!described.Succeeded)
        {
            return described;
        }

        var (product, release, removal) = described.Value!;
        if (removal.DeleteRefusal is { } refusal)
        {
            return Result<ReleaseRemoval>.Invalid("", refusal + (removal.CanRetire ? " Retire it instead." : ""));
        }

        var now = clock.UtcNow();
        var audit = Line(product, request.ActorId, $"deleted release {release.Name}", "Nothing referred to it.", now);
        return await store.DeleteReleaseAsync(release.Id, DateOnly.FromDateTime(now), audit, cancellationToken)
            ? described
            : Result<ReleaseRemoval>.Invalid("", $"{release.Name} cannot be deleted: something refers to it now. Retire it instead.");
    }

    private static ManageAuditEntry Line(Product product, int actorId, string action, string detail, DateTime now) => new()
    {
        Subject = AuditSubjects.Product,
        SubjectId = product.Id,
        ActorId = actorId,
        Action = action,
        Detail = detail,
        AtUtc = now,
    };
}
