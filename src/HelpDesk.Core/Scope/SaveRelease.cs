using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <param name="Id">Null to add a release.</param>
public sealed record SaveReleaseRequest(int ProductId, int? Id, string? Name, DateOnly? ReleasedOn, DateOnly? EndOfSupportOn);

/// <summary>Adds a release to a product or changes one (its dates, typically the end of support).</summary>
public sealed class SaveRelease(IScopeStore store)
{
    public async Task<Result<ProductRelease>> HandleAsync(SaveReleaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var product = await store.GetProductAsync(request.ProductId, cancellationToken);
        if (product is null)
        {
            return Result<ProductRelease>.NotFound("That product is no longer in the catalogue.");
        }

        var releases = await store.ListReleasesAsync(product.Id, cancellationToken);
        var existing = request.Id is int id ? releases.FirstOrDefault(r => r.Id == id) : null;
        if (request.Id is not null && existing is null)
        {
            return Result<ProductRelease>.NotFound($"{product.Name} has no such release any more; reload the page.");
        }

        var release = new ProductRelease
        {
            Id = request.Id ?? 0,
            ProductId = product.Id,
            Name = (request.Name ?? "").Trim(),
            ReleasedOn = request.ReleasedOn ?? default,
            EndOfSupportOn = request.EndOfSupportOn,
            RetiredUtc = existing?.RetiredUtc,
        };
        var errors = ScopeRules.CheckRelease(release);
        if (errors.Count > 0)
        {
            return Result<ProductRelease>.Invalid(errors);
        }

        var taken = $"{product.Name} already has a release called {release.Name}.";
        if (releases.Any(r => r.Id != release.Id && string.Equals(r.Name, release.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return Result<ProductRelease>.Invalid("name", taken);
        }

        var saved = await store.SaveReleaseAsync(release, cancellationToken);
        return saved is null ? Result<ProductRelease>.Invalid("name", taken) : Result<ProductRelease>.Ok(saved);
    }
}
