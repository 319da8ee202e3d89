using HelpDesk.Core.Routing;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Routing;

/// <summary>
/// Every engineer profile with its skills and rates, which the router reads on every ticket filed and every pull
/// while managers change them rarely. This node keeps a copy for <see cref="Lifetime"/>; the engineer store calls
/// <see cref="Invalidate"/> on every write, so a change made on this node applies to the next ticket and another
/// node's within <see cref="Lifetime"/>. Open ticket counts and last assignment times are never cached.
/// </summary>
public sealed class EngineerProfileCache(TimeProvider? clock = null)
{
    /// <summary>One entry: every profile, under the one key.</summary>
    private readonly ExpiringCache<byte, IReadOnlyList<EngineerProfile>> _profiles = new(Lifetime, maxEntries: 1, clock ?? TimeProvider.System);

    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Forgets the copy: the next reader loads the profiles again.</summary>
    public void Invalidate() => _profiles.Invalidate();

    internal Task<IReadOnlyList<EngineerProfile>> GetAsync(Func<Task<IReadOnlyList<EngineerProfile>>> load) => _profiles.GetAsync(0, load);
}
