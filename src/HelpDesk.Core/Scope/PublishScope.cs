using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <param name="Version">The draft's version the manager reviewed.</param>
/// <param name="AppliesTo">Whether it applies to every contract at once or only to contracts that start or renew after publication.</param>
public sealed record PublishScopeRequest(int ProductId, int Version, int PublishedById, ScopeApplication AppliesTo = ScopeApplication.Now);

/// <summary>
/// Publishes a product's draft: it gets the next number and never changes again. It is checked once more, and it
/// may not take effect before today (UTC): tickets already filed were judged by the version then in force. The
/// manager chooses whether it applies to every contract at once or only to contracts that start or renew after
/// publication (see <see cref="EntitlementEngine.ScopeFor"/>).
/// </summary>
public sealed class PublishScope(IScopeStore store, TimeProvider clock)
{
    public async Task<Result<ScopeOfSupport>> HandleAsync(PublishScopeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await ScopeDrafts.LoadAsync(store, request.ProductId, request.Version, product => $"{product.Name} has no draft scope to publish.", cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded.As<ScopeOfSupport>();
        }

        var (product, draft) = loaded.Value;
        var errors = ScopeRules.CheckDraft(
            draft,
            await store.ListReleasesAsync(product.Id, cancellationToken),
            await store.ListEnvironmentsAsync(cancellationToken)).ToList();
        var now = clock.UtcNow();
        var today = DateOnly.FromDateTime(now);
        if (draft.EffectiveOn != default && draft.EffectiveOn < today)
        {
            errors.Add(new("effectiveOn", $"A published scope cannot take effect in the past ({ScopeDocument.Date(draft.EffectiveOn)}): tickets already filed were judged by the version then in force. Choose today, {ScopeDocument.Date(today)}, or a later date."));
        }

        var latest = ScopeHistory.Latest(await store.ListScopesAsync(product.Id, cancellationToken));
        if (latest is not null && draft.EffectiveOn != default && draft.EffectiveOn < latest.EffectiveOn)
        {
            errors.Add(new("effectiveOn", $"Version {latest.Number} takes effect on {ScopeDocument.Date(latest.EffectiveOn)}; a later version cannot take effect before it."));
        }

        if (errors.Count > 0)
        {
            return Result<ScopeOfSupport>.Invalid(errors);
        }

        var published = await store.PublishAsync(draft.Id, request.Version, request.PublishedById, now, request.AppliesTo, cancellationToken);
        return published is null ? ScopeDrafts.Stale<ScopeOfSupport>(product) : Result<ScopeOfSupport>.Ok(published);
    }
}
