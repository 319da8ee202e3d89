using HelpDesk.Core.Economics;

namespace HelpDesk.Data.Tests.Economics;

/// <summary>An <see cref="IEconomicsStore"/> that passes every call to another, for tests that step in on one of them.</summary>
internal abstract class DelegatingStore(IEconomicsStore inner) : IEconomicsStore
{
    public virtual Task<bool> TryTakeLeaseAsync(string name, string owner, DateTime nowUtc, DateTime untilUtc, CancellationToken cancellationToken = default) =>
        inner.TryTakeLeaseAsync(name, owner, nowUtc, untilUtc, cancellationToken);

    public virtual Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default) =>
        inner.ReleaseLeaseAsync(name, owner, cancellationToken);

    public virtual Task<IReadOnlyList<EconomicsChange>> ReadChangesAsync(int take, CancellationToken cancellationToken = default) =>
        inner.ReadChangesAsync(take, cancellationToken);

    public virtual Task<AffectedFacts> ResolveAsync(IReadOnlyList<EconomicsChange> changes, CancellationToken cancellationToken = default) =>
        inner.ResolveAsync(changes, cancellationToken);

    public virtual Task<IReadOnlyList<TicketHistory>> LoadTicketsAsync(IReadOnlyList<int> ticketIds, CancellationToken cancellationToken = default) =>
        inner.LoadTicketsAsync(ticketIds, cancellationToken);

    public virtual Task<IReadOnlyList<TicketHistory>> LoadTicketRangeAsync(int firstId, int lastId, CancellationToken cancellationToken = default) =>
        inner.LoadTicketRangeAsync(firstId, lastId, cancellationToken);

    public virtual Task<IReadOnlyList<ContractTerm>> LoadContractsAsync(IReadOnlyList<int> contractIds, CancellationToken cancellationToken = default) =>
        inner.LoadContractsAsync(contractIds, cancellationToken);

    public virtual Task ApplyAsync(FactsBatch batch, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        inner.ApplyAsync(batch, nowUtc, cancellationToken);

    public virtual Task<int> BeginRebuildAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        inner.BeginRebuildAsync(nowUtc, cancellationToken);

    public virtual Task<IReadOnlyList<int>> ListTicketIdsAsync(int afterId, int take, CancellationToken cancellationToken = default) =>
        inner.ListTicketIdsAsync(afterId, take, cancellationToken);

    public virtual Task<IReadOnlyList<int>> ListContractIdsAsync(CancellationToken cancellationToken = default) =>
        inner.ListContractIdsAsync(cancellationToken);

    public virtual Task<IReadOnlyList<CellFact>> LoadOrganisationDayFactsAsync(CancellationToken cancellationToken = default) =>
        inner.LoadOrganisationDayFactsAsync(cancellationToken);

    public virtual Task StageAsync(int rebuildId, RebuildRows rows, int ticketsDone, CancellationToken cancellationToken = default) =>
        inner.StageAsync(rebuildId, rows, ticketsDone, cancellationToken);

    public virtual Task SwapAsync(int rebuildId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        inner.SwapAsync(rebuildId, nowUtc, cancellationToken);

    public virtual Task FailRebuildAsync(int rebuildId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        inner.FailRebuildAsync(rebuildId, reason, nowUtc, cancellationToken);

    public virtual Task<RebuildProgress?> GetRebuildAsync(CancellationToken cancellationToken = default) =>
        inner.GetRebuildAsync(cancellationToken);
}
