using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <param name="Id">Null to add a product.</param>
/// <param name="Code">Used only when adding: the code is in every link to the product's scope, so it never changes.</param>
/// <param name="Version">The version the edit form was rendered with.</param>
public sealed record SaveProductRequest(int? Id, string? Code, string? Name, string? Description, int? Version = null);

/// <summary>Adds a product to the catalogue or changes its name and description.</summary>
public sealed class SaveProduct(IScopeStore store)
{
    public async Task<Result<Product>> HandleAsync(SaveProductRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = request.Id is int id ? await store.GetProductAsync(id, cancellationToken) : null;
        if (request.Id is not null && existing is null)
        {
            return Result<Product>.NotFound("That product is no longer in the catalogue.");
        }

        var product = new Product
        {
            Id = existing?.Id ?? 0,
            Code = existing?.Code ?? (request.Code ?? "").Trim().ToLowerInvariant(),
            Name = (request.Name ?? "").Trim(),
            Description = (request.Description ?? "").Trim(),
            Version = request.Version ?? existing?.Version ?? 0,
        };
        var errors = ScopeRules.CheckProduct(product).ToList();
        if (errors.Count > 0)
        {
            return Result<Product>.Invalid(errors);
        }

        if (existing is not null && existing.Version != product.Version)
        {
            return Result<Product>.Conflict($"Someone else changed {existing.Name} since you opened it; reload to see their changes.");
        }

        if (existing is null && await store.FindProductAsync(product.Code, cancellationToken) is not null)
        {
            errors.Add(new("code", $"Another product already has the code {product.Code}."));
        }

        if (await store.FindProductAsync(product.Name, cancellationToken) is { } named && named.Id != product.Id)
        {
            errors.Add(new("name", $"Another product is already called {product.Name}."));
        }

        if (errors.Count > 0)
        {
            return Result<Product>.Invalid(errors);
        }

        if (existing is null)
        {
            var created = await store.CreateProductAsync(product, cancellationToken);
            return created is null
                ? Result<Product>.Invalid("code", "Another product already has this code or name.")
                : Result<Product>.Ok(created);
        }

        var updated = await store.UpdateProductAsync(product, cancellationToken);
        return updated is null
            ? Result<Product>.Conflict($"Someone else changed {existing.Name} since you opened it; reload to see their changes.")
            : Result<Product>.Ok(updated);
    }
}
