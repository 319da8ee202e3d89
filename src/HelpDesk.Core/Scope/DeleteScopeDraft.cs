using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <param name="ActorId">The manager who confirmed it, for the product's audit trail.</param>
public sealed record DeleteScopeDraftRequest(int ProductId, int Version, int ActorId);

/// <summary>Discards a product's draft scope; the published versions stay as they are. The product's audit trail says who did.</summary>
public sealed class DeleteScopeDraft(IScopeStore store, TimeProvider clock)
{
    public async Task<Result<ScopeOfSupport>> HandleAsync(DeleteScopeDraftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await ScopeDrafts.LoadAsync(store, request.ProductId, request.Version, product => $"{product.Name} has no draft scope.", cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded.As<ScopeOfSupport>();
        }

        var (product, draft) = loaded.Value;
        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Product,
            SubjectId = product.Id,
            ActorId = request.ActorId,
            Action = "discarded the draft scope",
            Detail = $"The draft last saved {Moment(draft.UpdatedUtc)} is gone; the published versions are unchanged.",
            AtUtc = clock.UtcNow(),
        };
        return await store.DeleteDraftAsync(draft.Id, audit, cancellationToken)
            ? Result<ScopeOfSupport>.Ok(draft)
            : ScopeDrafts.Stale<ScopeOfSupport>(product);
    }

    private static string Moment(DateTime utc) => utc.ToString("d MMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
