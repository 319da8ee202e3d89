using HelpDesk.Core.Economics;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Core.Tests.Economics;

public sealed class MetricsRollupTests
{
    private static readonly DateTime Now = new(2026, 4, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task RunIncremental_WhenTheLeaseIsHeld_ReturnsAlreadyRunning_AndTouchesNothing()
    {
        var store = new FakeStore { LeaseFree = false };

        var result = await new MetricsRollup(store, new RollupSettings(), new FakeTimeProvider(Now)).RunIncrementalAsync();

        result.AlreadyRunning.Should().BeTrue();
        store.Calls.Should().Equal("lease");
    }

    [Fact]
    public async Task RunIncremental_AppliesEachBatchOfChanges_ThenReleasesTheLease()
    {
        var store = new FakeStore();
        store.Changes.AddRange([new(1, ChangeKinds.Ticket, 7, null), new(2, ChangeKinds.Contract, 3, null), new(3, ChangeKinds.Ticket, 7, null)]);

        var result = await new MetricsRollup(store, new RollupSettings { ChangesPerBatch = 2 }, new FakeTimeProvider(Now)).RunIncrementalAsync();

        result.Should().Be(new RollupResult(false, 2, 3, 2, 1));
        store.Applied.Select(b => b.ChangeIds).Should().BeEquivalentTo([new long[] { 1, 2 }, new long[] { 3 }], o => o.WithStrictOrdering());
        store.Applied[0].TicketDayFacts.Should().OnlyContain(f => f.TicketId == 7 && f.Key.ProductId == 5 && f.Key.Region == "Emea");
        store.Applied[0].Revenue.Sum(r => r.Cents).Should().Be(3650, "the contract's whole value lands in its days");
        store.Calls[^1].Should().Be("release");
    }

    [Fact]
    public async Task RebuildWhenFree_WaitsForAnIncrementalRunHoldingTheLease_ThenRebuilds()
    {
        var store = new FakeStore { LeaseFree = false, FreeAfterTries = 3 };
        var rollup = new MetricsRollup(store, new RollupSettings { LeaseRetry = TimeSpan.Zero }, TimeProvider.System);

        var result = await rollup.RebuildWhenFreeAsync();

        result.AlreadyRunning.Should().BeFalse();
        store.Calls.Take(4).Should().Equal("lease", "lease", "lease", "lease");
        store.Calls[^1].Should().Be("release", "the rebuild ran and gave the lease back");
    }

    [Fact]
    public async Task RebuildWhenFree_GivesUp_AfterALeasesLengthOfTries()
    {
        var store = new FakeStore { LeaseFree = false };
        var rollup = new MetricsRollup(store, new RollupSettings { Lease = TimeSpan.FromMilliseconds(40), LeaseRetry = TimeSpan.FromMilliseconds(1) }, TimeProvider.System);

        var result = await rollup.RebuildWhenFreeAsync();

        result.AlreadyRunning.Should().BeTrue();
        store.Calls.Should().HaveCount(40).And.OnlyContain(c => c == "lease");
    }

    [Fact]
    public void RevenueOf_APendingContract_IsNothing_AndACancelledOneStopsOnItsDay()
    {
        var term = new ContractTerm(3, 1, "Emea", 3650, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), false, null, [4, 5]);

        MetricsRollup.RevenueOf(term with { Pending = true }).Should().BeEmpty();
        MetricsRollup.RevenueOf(term).Sum(r => r.Cents).Should().Be(3650);
        MetricsRollup.RevenueOf(term).Select(r => r.Key.ProductId).Distinct().Should().Equal(4, 5);
        MetricsRollup.RevenueOf(term with { CancelledOn = new DateOnly(2026, 1, 10) }).Max(r => r.Key.Day).Should().Be(new DateOnly(2026, 1, 10));
    }

    private sealed class FakeStore : IEconomicsStore
    {
        public bool LeaseFree { get; set; } = true;

        /// <summary>When set, the lease turns free on this try.</summary>
        public int? FreeAfterTries { get; init; }
        public List<string> Calls { get; } = [];
        public List<EconomicsChange> Changes { get; } = [];
        public List<FactsBatch> Applied { get; } = [];

        public Task<bool> TryTakeLeaseAsync(string name, string owner, DateTime nowUtc, DateTime untilUtc, CancellationToken cancellationToken = default)
        {
            Calls.Add("lease");
            if (FreeAfterTries is { } free && Calls.Count(c => c == "lease") > free)
            {
                LeaseFree = true;
            }

            return Task.FromResult(LeaseFree);
        }

        public Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default)
        {
            Calls.Add("release");
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<EconomicsChange>> ReadChangesAsync(int take, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<EconomicsChange>>([.. Changes.Take(take)]);

        public Task<AffectedFacts> ResolveAsync(IReadOnlyList<EconomicsChange> changes, CancellationToken cancellationToken = default) =>
            Task.FromResult(new AffectedFacts(
                [.. changes.Where(c => c.Kind == ChangeKinds.Ticket).Select(c => c.EntityId).Distinct()],
                [.. changes.Where(c => c.Kind == ChangeKinds.Contract).Select(c => c.EntityId).Distinct()], []));

        public Task<IReadOnlyList<TicketHistory>> LoadTicketsAsync(IReadOnlyList<int> ticketIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<TicketHistory>>([.. ticketIds.Select(id => new TicketHistory
            {
                TicketId = id, OrganisationId = 1, ProductId = 5, Region = "Emea", CreatedUtc = Now.AddDays(-2),
            })]);

        public Task<IReadOnlyList<TicketHistory>> LoadTicketRangeAsync(int firstId, int lastId, CancellationToken cancellationToken = default) =>
            LoadTicketsAsync([.. Enumerable.Range(firstId, lastId - firstId + 1)], cancellationToken);

        public Task<IReadOnlyList<ContractTerm>> LoadContractsAsync(IReadOnlyList<int> contractIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ContractTerm>>([.. contractIds.Select(id =>
                new ContractTerm(id, 1, "Emea", 3650, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), false, null, []))]);

        public Task ApplyAsync(FactsBatch batch, DateTime nowUtc, CancellationToken cancellationToken = default)
        {
            Applied.Add(batch);
            Changes.RemoveAll(c => batch.ChangeIds.Contains(c.Id));
            return Task.CompletedTask;
        }

        public Task<int> BeginRebuildAsync(DateTime nowUtc, CancellationToken cancellationToken = default) => Task.FromResult(1);

        public Task<IReadOnlyList<int>> ListTicketIdsAsync(int afterId, int take, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<int>>([]);

        public Task<IReadOnlyList<int>> ListContractIdsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<int>>([]);

        public Task<IReadOnlyList<CellFact>> LoadOrganisationDayFactsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<CellFact>>([]);

        public Task StageAsync(int rebuildId, RebuildRows rows, int ticketsDone, CancellationToken cancellationToken = default) =>
            Task.CompletedTask;

        public Task SwapAsync(int rebuildId, DateTime nowUtc, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task FailRebuildAsync(int rebuildId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<RebuildProgress?> GetRebuildAsync(CancellationToken cancellationToken = default) => Task.FromResult<RebuildProgress?>(null);
    }
}
