using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Scope;

/// <summary>
/// The part of an entitlement decision's facts that managers change rarely: the product with its releases and
/// published scope versions, the environments, and every plan with its targets and holidays. Intake reads it on
/// every ticket, so this node keeps a copy for <see cref="Lifetime"/>. The stores that write those tables call
/// <see cref="Invalidate"/>, so a change made on this node applies to the next ticket; another node's change applies
/// within <see cref="Lifetime"/>. Contracts and incidents used are never cached.
/// </summary>
public sealed class EntitlementFactsCache(TimeProvider? clock = null)
{
    /// <summary>At most this many product names (as customers typed them) are kept; past it the cache starts over.</summary>
    private readonly ExpiringCache<string, CatalogueFacts> _facts = new(Lifetime, maxEntries: 1000, clock ?? TimeProvider.System, StringComparer.Ordinal);

    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Forgets every copy: the next decision reads the catalogue, scope and plans again.</summary>
    public void Invalidate() => _facts.Invalidate();

    internal Task<CatalogueFacts> GetAsync(string key, Func<Task<CatalogueFacts>> load) => _facts.GetAsync(key, load);
}

/// <summary>The cacheable facts: one product's catalogue and scope versions, and every plan.</summary>
internal sealed record CatalogueFacts(
    Product? Product,
    IReadOnlyList<ProductRelease> Releases,
    IReadOnlyList<TargetEnvironment> Environments,
    IReadOnlyList<ScopeOfSupport> PublishedScopes,
    IReadOnlyDictionary<int, Plan> Plans,
    ILookup<int, Holiday> Holidays,
    IReadOnlyDictionary<int, string> ProductNames);
