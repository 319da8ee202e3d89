using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <summary>The scope editor's form. <see cref="Version"/> is the draft's version the form was opened with, 0 when there was no draft yet.</summary>
public sealed record SaveScopeDraftRequest
{
    public int ProductId { get; init; }
    public string? Summary { get; init; }
    public string? ChangeNote { get; init; }
    public DateOnly? EffectiveOn { get; init; }
    public int? ReleasesBack { get; init; }
    public IReadOnlyList<string> EnvironmentCodes { get; init; } = [];
    public bool ModifiedSourceCovered { get; init; }
    public bool ThirdPartyIntegrationCovered { get; init; }
    public IReadOnlyList<OutOfScopeClause> OutOfScope { get; init; } = [];
    public int Version { get; init; }
}

/// <summary>
/// Saves a product's scope draft. The first save creates the draft; managers start from a copy of the newest
/// published version (see <see cref="OpenAsync"/>), so what they publish is that version with their changes.
/// </summary>
public sealed class SaveScopeDraft(IScopeStore store, TimeProvider clock)
{
    /// <summary>The product's draft, or (not yet saved, Id 0) a copy of its newest published version to start one from.</summary>
    public async Task<ScopeOfSupport> OpenAsync(Product product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (await store.GetDraftAsync(product.Id, cancellationToken) is { } draft)
        {
            return draft;
        }

        var today = DateOnly.FromDateTime(clock.UtcNow());
        var latest = ScopeHistory.Latest(await store.ListScopesAsync(product.Id, cancellationToken));
        if (latest is null)
        {
            return new ScopeOfSupport { ProductId = product.Id, Status = ScopeStatus.Draft, EffectiveOn = today, ReleasesBack = 2 };
        }

        return latest with
        {
            Id = 0,
            Number = 0,
            Status = ScopeStatus.Draft,
            PublishedUtc = null,
            PublishedById = null,
            ChangeNote = "",
            EffectiveOn = latest.EffectiveOn > today ? latest.EffectiveOn : today,
            Version = 0,
        };
    }

    public async Task<Result<ScopeOfSupport>> HandleAsync(SaveScopeDraftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var product = await store.GetProductAsync(request.ProductId, cancellationToken);
        if (product is null)
        {
            return Result<ScopeOfSupport>.NotFound("That product is no longer in the catalogue.");
        }

        var existing = await store.GetDraftAsync(product.Id, cancellationToken);
        if (ScopeDrafts.CheckVersion(product, existing, request.Version) is { } stale)
        {
            return stale.As<ScopeOfSupport>();
        }

        var now = clock.UtcNow();
        var draft = new ScopeOfSupport
        {
            Id = existing?.Id ?? 0,
            ProductId = product.Id,
            Number = 0,
            Status = ScopeStatus.Draft,
            EffectiveOn = request.EffectiveOn ?? default,
            Summary = (request.Summary ?? "").Trim(),
            ChangeNote = (request.ChangeNote ?? "").Trim(),
            ReleasesBack = request.ReleasesBack,
            EnvironmentCodes = request.EnvironmentCodes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            ModifiedSourceCovered = request.ModifiedSourceCovered,
            ThirdPartyIntegrationCovered = request.ThirdPartyIntegrationCovered,
            OutOfScope = request.OutOfScope.Select(c => c with { Explanation = c.Explanation.Trim() }).DistinctBy(c => c.Category, StringComparer.OrdinalIgnoreCase).ToList(),
            CreatedUtc = existing?.CreatedUtc ?? now,
            UpdatedUtc = now,
            Version = existing?.Version ?? 0,
        };
        var errors = ScopeRules.CheckDraft(
            draft,
            await store.ListReleasesAsync(product.Id, cancellationToken),
            await store.ListEnvironmentsAsync(cancellationToken));
        if (errors.Count > 0)
        {
            return Result<ScopeOfSupport>.Invalid(errors);
        }

        var saved = await store.SaveDraftAsync(draft, cancellationToken);
        return saved is null ? ScopeDrafts.Stale<ScopeOfSupport>(product) : Result<ScopeOfSupport>.Ok(saved);
    }
}

/// <summary>The optimistic check every change to a draft makes, with the message a manager reads when it fails.</summary>
internal static class ScopeDrafts
{
    public static Result<T> Stale<T>(Product product) =>
        Result<T>.Conflict($"Someone else changed the draft scope of {product.Name} since you opened it; reload to see their changes, then make yours again.");

    /// <summary>Null when <paramref name="version"/> is the draft's current version (0: there was no draft).</summary>
    public static Result<bool>? CheckVersion(Product product, ScopeOfSupport? draft, int version)
    {
        if (draft is null && version != 0)
        {
            return Result<bool>.Conflict($"Someone else published or discarded the draft scope of {product.Name} since you opened it; reload to see the current version.");
        }

        return draft is not null && draft.Version != version ? Stale<bool>(product) : null;
    }

    /// <summary>
    /// The product and the draft that a change to the draft (publish, discard) was made against: NotFound when the product
    /// is gone or, with <paramref name="version"/> 0, there is no draft (<paramref name="noDraft"/> says so); Conflict when
    /// the draft changed or went since the manager read it.
    /// </summary>
    public static async Task<Result<(Product Product, ScopeOfSupport Draft)>> LoadAsync(
        IScopeStore store, int productId, int version, Func<Product, string> noDraft, CancellationToken cancellationToken)
    {
        var product = await store.GetProductAsync(productId, cancellationToken);
        if (product is null)
        {
            return Result<(Product, ScopeOfSupport)>.NotFound("That product is no longer in the catalogue.");
        }

        var draft = await store.GetDraftAsync(product.Id, cancellationToken);
        if (draft is null && version == 0)
        {
            return Result<(Product, ScopeOfSupport)>.NotFound(noDraft(product));
        }

        if (CheckVersion(product, draft, version) is { } stale)
        {
            return stale.As<(Product, ScopeOfSupport)>();
        }

        return Result<(Product, ScopeOfSupport)>.Ok((product, draft!));
    }
}
