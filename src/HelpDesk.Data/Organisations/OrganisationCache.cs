using HelpDesk.Core.Organisations;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Organisations;

/// <summary>
/// Organisations as intake last read them (<see cref="IOrganisationStore.GetRecentAsync"/>): routing reads the
/// customer's segment for every ticket filed, while managers change organisations rarely. This node keeps each for
/// <see cref="Lifetime"/>; the organisation store calls <see cref="Invalidate"/> on every update, so a change made on
/// this node applies to the next ticket and another node's within <see cref="Lifetime"/>.
/// </summary>
public sealed class OrganisationCache(TimeProvider? clock = null)
{
    /// <summary>Past this many organisations the cache starts over.</summary>
    private readonly ExpiringCache<int, Organisation?> _organisations = new(Lifetime, maxEntries: 10_000, clock ?? TimeProvider.System);

    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Forgets every copy.</summary>
    public void Invalidate() => _organisations.Invalidate();

    /// <summary>An organisation not found is not kept: one made a moment later is found at once.</summary>
    internal Task<Organisation?> GetAsync(int id, Func<Task<Organisation?>> load) =>
        _organisations.GetAsync(id, load, keep: organisation => organisation is not null);
}
