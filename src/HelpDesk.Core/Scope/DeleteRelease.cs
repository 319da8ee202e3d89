using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

public sealed record DeleteReleaseRequest(int ProductId, int ReleaseId);

/// <summary>
/// Removes a release entered by mistake. A product keeps at least one release: a published scope with none would
/// support nothing, so the next release is added before the last one goes.
/// </summary>
public sealed class DeleteRelease(IScopeStore store)
{
    public async Task<Result<ProductRelease>> HandleAsync(DeleteReleaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var product = await store.GetProductAsync(request.ProductId, cancellationToken);
        if (product is null)
        {
            return Result<ProductRelease>.NotFound("That product is no longer in the catalogue.");
        }

        var releases = await store.ListReleasesAsync(product.Id, cancellationToken);
        var release = releases.FirstOrDefault(r => r.Id == request.ReleaseId);
        if (release is null)
        {
            return Result<ProductRelease>.NotFound($"{product.Name} has no such release any more; reload the page.");
        }

        if (releases.Count == 1)
        {
            return Result<ProductRelease>.Invalid("release", $"{release.Name} is the only release of {product.Name}; add the next release before deleting it.");
        }

        await store.DeleteReleaseAsync(release.Id, cancellationToken);
        return Result<ProductRelease>.Ok(release);
    }
}
