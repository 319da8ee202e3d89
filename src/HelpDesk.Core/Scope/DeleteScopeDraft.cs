using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

public sealed record DeleteScopeDraftRequest(int ProductId, int Version);

/// <summary>Discards a product's draft scope; the published versions stay as they are.</summary>
public sealed class DeleteScopeDraft(IScopeStore store)
{
    public async Task<Result<ScopeOfSupport>> HandleAsync(DeleteScopeDraftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await ScopeDrafts.LoadAsync(store, request.ProductId, request.Version, product => $"{product.Name} has no draft scope.", cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded.As<ScopeOfSupport>();
        }

        var draft = loaded.Value.Draft;
        await store.DeleteDraftAsync(draft.Id, cancellationToken);
        return Result<ScopeOfSupport>.Ok(draft);
    }
}
