using System.Collections.Concurrent;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// Values this node keeps for <c>lifetime</c> after reading them once, for the rows the app reads far more often than
/// anyone changes them. The stores that write those rows call <see cref="Invalidate"/>, which forgets every value at
/// once, so a change made on this node holds from the next read; a change made on another node or by hand holds within
/// the lifetime. Past <c>maxEntries</c> values the cache starts over.
/// </summary>
internal sealed class ExpiringCache<TKey, TValue>(TimeSpan lifetime, int maxEntries, TimeProvider clock, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new(comparer);
    private long _generation;

    /// <summary>Forgets every value: the next read of any key loads it again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    /// <summary>Forgets the value kept for <paramref name="key"/>, found out of date by its reader.</summary>
    public void Forget(TKey key) => _entries.TryRemove(key, out _);

    /// <summary>The value kept for <paramref name="key"/>, or the one <paramref name="load"/> reads, kept when <paramref name="keep"/> says so (always when it is not given).</summary>
    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> load, Func<TValue, bool>? keep = null)
    {
        // The generation is read before loading: a write that lands during the load makes this copy stale at once.
        var generation = Interlocked.Read(ref _generation);
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == generation && now - entry.LoadedAt < lifetime)
        {
            return entry.Value;
        }

        var value = await load();
        if (keep is null || keep(value))
        {
            if (_entries.Count >= maxEntries)
            {
                _entries.Clear();
            }

            _entries[key] = new Entry(generation, now, value);
        }

        return value;
    }

    private sealed record Entry(long Generation, DateTimeOffset LoadedAt, TValue Value);
}
