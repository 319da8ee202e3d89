using HelpDesk.Core.Routing;

namespace HelpDesk.Data.Routing;

/// <summary>
/// Every engineer profile with its skills and rates, which the router reads on every ticket filed and every pull
/// while managers change them rarely. This node keeps a copy for <see cref="Lifetime"/>; the engineer store calls
/// <see cref="Invalidate"/> on every write, so a change made on this node applies to the next ticket and another
/// node's within <see cref="Lifetime"/>. Open ticket counts and last assignment times are never cached.
/// </summary>
public sealed class EngineerProfileCache(TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private volatile Entry? _entry;
    private long _generation;

    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Forgets the copy: the next reader loads the profiles again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entry = null;
    }

    internal async Task<IReadOnlyList<EngineerProfile>> GetAsync(Func<Task<IReadOnlyList<EngineerProfile>>> load)
    {
        // The generation is read before loading: a write that lands during the load makes this copy stale at once.
        var generation = Interlocked.Read(ref _generation);
        var now = _clock.GetUtcNow();
        if (_entry is { } entry && entry.Generation == generation && now - entry.LoadedAt < Lifetime)
        {
            return entry.Profiles;
        }

        var profiles = await load();
        _entry = new Entry(generation, now, profiles);
        return profiles;
    }

    private sealed record Entry(long Generation, DateTimeOffset LoadedAt, IReadOnlyList<EngineerProfile> Profiles);
}
