using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Scope;

/// <summary>
/// The part of an entitlement decision's facts that managers change rarely: the product with its releases and
/// published scope versions, the environments, and every plan with its targets and holidays. Intake reads it on
/// every ticket, so this node keeps a copy for <see cref="Lifetime"/>. The stores that write those tables call
/// <see cref="Invalidate"/>, so a change made on this node applies to the next ticket; another node's change applies
/// within <see cref="Lifetime"/>. Each organisation's contracts are kept too, each with the version it was read at:
/// intake reads the versions with the incidents used and bought on every ticket and reads the contracts again when
/// they differ, so a contract changed anywhere applies to the next ticket. Each contract's SLA calendar is kept for
/// <see cref="SlaCalendarSource"/>; the contract store drops it with the rest whenever a contract, plan or holiday calendar is saved.
/// </summary>
public sealed class EntitlementFactsCache(TimeProvider? clock = null)
{
    /// <summary>At most this many product names (as customers typed them) are kept; past it the cache starts over.</summary>
    private readonly ExpiringCache<string, CatalogueFacts> _facts = new(Lifetime, maxEntries: 1000, clock ?? TimeProvider.System, StringComparer.Ordinal);

    /// <summary>Past this many organisations the contracts start over.</summary>
    private readonly ExpiringCache<int, IReadOnlyList<Contract>> _contracts = new(Lifetime, maxEntries: 10_000, clock ?? TimeProvider.System);

    /// <summary>Each contract's support hours and holidays; past this many contracts they start over.</summary>
    private readonly ExpiringCache<int, SlaCalendar?> _calendars = new(Lifetime, maxEntries: 10_000, clock ?? TimeProvider.System);

    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Forgets every copy: the next decision reads the catalogue, scope, plans and contracts again.</summary>
    public void Invalidate()
    {
        _facts.Invalidate();
        _contracts.Invalidate();
        _calendars.Invalidate();
    }

    internal Task<CatalogueFacts> GetAsync(string key, Func<Task<CatalogueFacts>> load) => _facts.GetAsync(key, load);

    /// <summary>The organisation's contracts not cancelled, with their products, as last read.</summary>
    internal Task<IReadOnlyList<Contract>> ContractsAsync(int organisationId, Func<Task<IReadOnlyList<Contract>>> load) =>
        _contracts.GetAsync(organisationId, load);

    /// <summary>A contract's SLA calendar; a contract not found is not kept.</summary>
    internal Task<SlaCalendar?> CalendarAsync(int contractId, Func<Task<SlaCalendar?>> load) =>
        _calendars.GetAsync(contractId, load, keep: calendar => calendar is not null);

    /// <summary>Forgets the organisation's contracts, found to differ from the rows.</summary>
    internal void ForgetContracts(int organisationId) => _contracts.Forget(organisationId);
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
