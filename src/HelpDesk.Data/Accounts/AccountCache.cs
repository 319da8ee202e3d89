using System.Collections.Concurrent;
using HelpDesk.Core.Accounts;

namespace HelpDesk.Data.Accounts;

/// <summary>
/// The account rows read by id, which every signed-in request reads at least twice (the bearer token's security stamp
/// check and who the caller is) while they change rarely. This node keeps a copy of each for <see cref="Lifetime"/>.
/// Every write to an account row through this app (Identity's updates, sign-out and password change through the
/// security stamp, lockout, deactivation, placement, role changes through the concurrency stamp, the right to buy)
/// calls <see cref="Invalidate"/>, which forgets every copy at once, so the change holds from the next request on this
/// node; a change made on another node or by hand holds within <see cref="Lifetime"/>. Callers get a copy of their own,
/// since Identity changes the object it is given before saving it.
/// </summary>
public sealed class AccountCache(TimeProvider? clock = null)
{
    /// <summary>At most this many accounts are kept; past it the cache starts over.</summary>
    private const int MaxEntries = 10_000;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<int, Entry> _entries = new();
    private long _generation;

    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Forgets every copy: the next read of any account goes to the database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    internal async Task<HelpDeskUser?> GetAsync(int id, Func<Task<HelpDeskUser?>> load)
    {
        // The generation is read before loading: a write that lands during the load makes this copy stale at once.
        var generation = Interlocked.Read(ref _generation);
        var now = _clock.GetUtcNow();
        if (_entries.TryGetValue(id, out var entry) && entry.Generation == generation && now - entry.LoadedAt < Lifetime)
        {
            return entry.User.Copy();
        }

        var user = await load();
        if (user is null)
        {
            // An account not found is not remembered: one made a moment later is found at once.
            return null;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[id] = new Entry(generation, now, user.Copy());
        return user;
    }

    private sealed record Entry(long Generation, DateTimeOffset LoadedAt, HelpDeskUser User);
}
