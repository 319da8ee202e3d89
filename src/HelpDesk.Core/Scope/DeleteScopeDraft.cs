using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

public sealed record DeleteScopeDraftRequest(int ProductId, int Version);

/// <summary>Discards a product's draft scope; the published versions stay as they are.</summary>
public sealed class DeleteScopeDraft(IScopeStore store)
{
    public async Task<Result<ScopeOfSupport>> HandleAsync(DeleteScopeDraftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var product = await store.GetProductAsync(request.ProductId, cancellationToken);
        if (product is null)
        {
            return Result<ScopeOfSupport>.NotFound("That product is no longer in the catalogue.");
        }

        var draft = await store.GetDraftAsync(product.Id, cancellationToken);
        if (draft is null && request.Version == 0)
        {
            return Result<ScopeOfSupport>.NotFound($"{product.Name} has no draft scope.");
        }

        if (ScopeDrafts.CheckVersion(product, draft, request.Version) is { } stale)
        {
            return stale.As<ScopeOfSupport>();
        }

        await store.DeleteDraftAsync(draft!.Id, cancellationToken);
        return Result<ScopeOfSupport>.Ok(draft);
    }
}
