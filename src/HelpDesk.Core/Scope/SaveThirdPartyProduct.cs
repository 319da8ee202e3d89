using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <param name="Id">Null to add a product.</param>
public sealed record SaveThirdPartyProductRequest(int? Id, string? Name, string? Vendor);

/// <summary>Adds or renames another vendor's product that customers integrate ours with.</summary>
public sealed class SaveThirdPartyProduct(IScopeStore store)
{
    public async Task<Result<ThirdPartyProduct>> HandleAsync(SaveThirdPartyProductRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var all = await store.ListThirdPartyAsync(cancellationToken);
        if (request.Id is int id && all.All(p => p.Id != id))
        {
            return Result<ThirdPartyProduct>.NotFound("That product is no longer in the list.");
        }

        var product = new ThirdPartyProduct { Id = request.Id ?? 0, Name = (request.Name ?? "").Trim(), Vendor = (request.Vendor ?? "").Trim() };
        var errors = ScopeRules.CheckThirdParty(product);
        if (errors.Count > 0)
        {
            return Result<ThirdPartyProduct>.Invalid(errors);
        }

        var taken = $"{product.Name} is already listed.";
        if (all.Any(p => p.Id != product.Id && string.Equals(p.Name, product.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return Result<ThirdPartyProduct>.Invalid("name", taken);
        }

        var saved = await store.SaveThirdPartyAsync(product, cancellationToken);
        return saved is null ? Result<ThirdPartyProduct>.Invalid("name", taken) : Result<ThirdPartyProduct>.Ok(saved);
    }
}
