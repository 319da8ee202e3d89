using System.Collections.Concurrent;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;

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
    private const int MaxEntries = 1000;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Forgets every copy: the next decision reads the catalogue, scope and plans again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    internal async Task<CatalogueFacts> GetAsync(string key, Func<Task<CatalogueFacts>> load)
    {
        // The generation is read before loading: a write that lands during the load makes this copy stale at once.
        var generation = Interlocked.Read(ref _generation);
        var now = _clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == generation && now - entry.LoadedAt < Lifetime)
        {
            return entry.Facts;
        }

        var facts = await load();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(generation, now, facts);
        return facts;
    }

    private sealed record Entry(long Generation, DateTimeOffset LoadedAt, CatalogueFacts Facts);
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
