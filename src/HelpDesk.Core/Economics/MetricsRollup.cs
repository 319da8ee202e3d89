using HelpDesk.Core.Common;

namespace HelpDesk.Core.Economics;

/// <summary>How a rollup run ended.</summary>
public sealed record RollupResult(bool AlreadyRunning, int Batches, int Changes, int Tickets, int Contracts)
{
    public static readonly RollupResult Busy = new(true, 0, 0, 0, 0);
}

/// <summary>Batch sizes of the rollup and how long its lease lasts between renewals.</summary>
public sealed record RollupSettings
{
    public int ChangesPerBatch { get; init; } = 1000;
    public int TicketsPerRebuildBatch { get; init; } = 5000;
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a rebuild someone asked for tries the lease again while an incremental run holds it.</summary>
    public TimeSpan LeaseRetry { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Rolls tickets, labour, contract and services revenue and NPS answers up into the daily facts. The incremental run
/// reads the change log in bounded batches and recomputes only what each batch touched, one transaction per batch,
/// so an interrupted run leaves whole batches behind and the next run carries on. The full rebuild adds the cells up
/// in memory as it works out the tickets' day rows (<see cref="RebuildCells"/>), writes rows and cells to staging
/// tables in batches and swaps them in at the end, so readers see the old facts until then. Both hold one lease:
/// a second run at the same time, on this node or another, returns at once having done nothing.
/// </summary>
public sealed class MetricsRollup(IEconomicsStore store, RollupSettings settings, TimeProvider clock)
{
    public const string LeaseName = "economics:rollup";

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<RollupResult> RunIncrementalAsync(CancellationToken cancellationToken = default)
    {
        if (!await TakeLeaseAsync(cancellationToken))
        {
            return RollupResult.Busy;
        }

        try
        {
            int batches = 0, changes = 0, tickets = 0, contracts = 0;
            while (true)
            {
                var batch = await store.ReadChangesAsync(settings.ChangesPerBatch, cancellationToken);
                if (batch.Count == 0)
                {
                    return new(false, batches, changes, tickets, contracts);
                }

                var now = clock.UtcNow();
                var affected = await store.ResolveAsync(batch, cancellationToken);
                var ticketFacts = await TicketFactsAsync(affected.TicketIds, now, cancellationToken);
                var revenue = await RevenueAsync(affected.ContractIds, cancellationToken);
                await store.ApplyAsync(
                    new FactsBatch(affected.TicketIds, ticketFacts, affected.ContractIds, revenue, affected.Slices, [.. batch.Select(c => c.Id)]),
                    now, cancellationToken);
                batches++;
                changes += batch.Count;
                tickets += affected.TicketIds.Count;
                contracts += affected.ContractIds.Count;
                if (!await TakeLeaseAsync(cancellationToken))
                {
                    return new(false, batches, changes, tickets, contracts);
                }
            }
        }
        finally
        {
            await store.ReleaseLeaseAsync(LeaseName, _owner, CancellationToken.None);
        }
    }

    /// <summary>
    /// The rebuild an administrator asked for: when an incremental run holds the lease it waits for it to end (trying
    /// again every <see cref="RollupSettings.LeaseRetry"/>, for as long as one lease lasts) instead of giving up.
    /// </summary>
    public async Task<RollupResult> RebuildWhenFreeAsync(CancellationToken cancellationToken = default)
    {
        var tries = Math.Max(1, (int)(settings.Lease / Max(settings.LeaseRetry, TimeSpan.FromMilliseconds(1))));
        for (var attempt = 1; ; attempt++)
        {
            var result = await RebuildAsync(cancellationToken);
            if (!result.AlreadyRunning || attempt >= tries)
            {
                return result;
            }

            await Task.Delay(settings.LeaseRetry, clock, cancellationToken);
        }
    }

    public async Task<RollupResult> RebuildAsync(CancellationToken cancellationToken = default)
    {
        if (!await TakeLeaseAsync(cancellationToken))
        {
            return RollupResult.Busy;
        }

        var rebuild = 0;
        try
        {
            // Changes logged from here on are left for the incremental run, which recomputes them on the new facts.
            rebuild = await store.BeginRebuildAsync(clock.UtcNow(), cancellationToken);
            int batches = 0, done = 0;

            var contracts = await store.ListContractIdsAsync(cancellationToken);
            var cells = await StageRevenueAsync(rebuild, contracts, cancellationToken);

            // Three stages overlap: the next range of tickets is read while this one's facts are worked out and added
            // to the cells, and those are written while the range after is read. Each range is one scan per table along
            // its ticket index. The cells of the days before the range's first are complete but for a rare late ticket.
            var reading = ReadRangeAsync(0, cancellationToken);
            var staging = Task.CompletedTask;
            while (await reading is { } range)
            {
                reading = ReadRangeAsync(range.LastId, cancellationToken);
                var rows = await Task.Run(() => RowsOf(range.Tickets, cells, clock.UtcNow()), cancellationToken);
                await staging;
                if (!await TakeLeaseAsync(cancellationToken))
                {
                    throw new InvalidOperationException("The rollup's lease was lost during the rebuild.");
                }

                done += range.Count;
                staging = store.StageAsync(rebuild, rows, done, cancellationToken);
                batches++;
            }

            await staging;
            await store.StageAsync(rebuild, new RebuildRows([], [], cells.ReleaseAll(), cells.Months), done, cancellationToken);
            await store.SwapAsync(rebuild, clock.UtcNow(), cancellationToken);
            return new(false, batches, 0, done, contracts.Count);
        }
        catch (Exception ex) when (rebuild != 0)
        {
            await store.FailRebuildAsync(rebuild, ex.Message, clock.UtcNow(), CancellationToken.None);
            throw;
        }
        finally
        {
            await store.ReleaseLeaseAsync(LeaseName, _owner, CancellationToken.None);
        }
    }

    /// <summary>A ticket's facts, one row per day it contributed to, under the cell its history names.</summary>
    public static IEnumerable<TicketDayFact> FactsOf(TicketHistory ticket, DateTime asOfUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return TicketDayFacts.For(ticket, asOfUtc).Select(day => new TicketDayFact(
            ticket.TicketId, new FactKey(day.Key, ticket.OrganisationId, ticket.ContractId, ticket.ProductId, ticket.Region), day.Value));
    }

    /// <summary>A contract's support revenue day by day and product by product; a pending contract has none.</summary>
    public static IEnumerable<ContractRevenueDay> RevenueOf(ContractTerm contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (contract.Pending)
        {
            yield break;
        }

        foreach (var (day, cents) in RevenueRecognition.Daily(contract.ValueCents, contract.StartsOn, contract.EndsOn, contract.CancelledOn))
        {
            foreach (var (productId, share) in RevenueRecognition.AcrossProducts(cents, contract.ProductIds))
            {
                if (share != 0)
                {
                    yield return new ContractRevenueDay(contract.ContractId, new FactKey(day, contract.OrganisationId, contract.ContractId, productId, contract.Region), share);
                }
            }
        }
    }

    private sealed record TicketRange(int Count, int LastId, IReadOnlyList<TicketHistory> Tickets);

    private Task<TicketRange?> ReadRangeAsync(int afterId, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        var ids = await store.ListTicketIdsAsync(afterId, settings.TicketsPerRebuildBatch, cancellationToken);
        return ids.Count == 0 ? null : new TicketRange(ids.Count, ids[^1], await store.LoadTicketRangeAsync(ids[0], ids[^1], cancellationToken));
    }, cancellationToken);

    /// <summary>
    /// Stages the contracts' revenue days, and returns the cells to add the tickets up in, which those days, services
    /// revenue and NPS answers join day by day.
    /// </summary>
    private async Task<RebuildCells> StageRevenueAsync(int rebuild, IReadOnlyList<int> contracts, CancellationToken cancellationToken)
    {
        var revenue = new List<ContractRevenueDay>();
        foreach (var chunk in contracts.Chunk(settings.TicketsPerRebuildBatch))
        {
            var days = await RevenueAsync(chunk, cancellationToken);
            await store.StageAsync(rebuild, new RebuildRows([], days, ReleasedCells.None, []), 0, cancellationToken);
            revenue.AddRange(days);
        }

        return new RebuildCells(revenue, await store.LoadOrganisationDayFactsAsync(cancellationToken));
    }

    /// <summary>The day rows of a range of tickets, added to <paramref name="cells"/>, and the cells of the days before the range's first.</summary>
    private static RebuildRows RowsOf(IReadOnlyList<TicketHistory> tickets, RebuildCells cells, DateTime asOfUtc)
    {
        var facts = FactsOf(tickets, asOfUtc);
        cells.Add(facts);
        return RebuildRows.Of(facts, facts.Count == 0 ? ReleasedCells.None : cells.Release(facts.Min(f => f.Key.Day)));
    }

    /// <summary>The facts of many tickets, worked out on every core, in the tickets' order.</summary>
    private static List<TicketDayFact> FactsOf(IReadOnlyList<TicketHistory> tickets, DateTime asOfUtc)
    {
        var parts = new List<TicketDayFact>[Math.Max(1, Math.Min(Environment.ProcessorCount, tickets.Count / 500))];
        var size = (tickets.Count + parts.Length - 1) / parts.Length;
        Parallel.For(0, parts.Length, part =>
        {
            var facts = new List<TicketDayFact>(size * 4);
            for (var i = part * size; i < Math.Min(tickets.Count, (part + 1) * size); i++)
            {
                facts.AddRange(FactsOf(tickets[i], asOfUtc));
            }

            parts[part] = facts;
        });
        return [.. parts.SelectMany(p => p)];
    }

    private async Task<List<TicketDayFact>> TicketFactsAsync(IReadOnlyList<int> ticketIds, DateTime now, CancellationToken cancellationToken)
    {
        var facts = new List<TicketDayFact>();
        foreach (var chunk in ticketIds.Chunk(settings.TicketsPerRebuildBatch))
        {
            foreach (var ticket in await store.LoadTicketsAsync(chunk, cancellationToken))
            {
                facts.AddRange(FactsOf(ticket, now));
            }
        }

        return facts;
    }

    private async Task<List<ContractRevenueDay>> RevenueAsync(IReadOnlyList<int> contractIds, CancellationToken cancellationToken) =>
        contractIds.Count == 0 ? [] : [.. (await store.LoadContractsAsync(contractIds, cancellationToken)).SelectMany(RevenueOf)];

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private Task<bool> TakeLeaseAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        return store.TryTakeLeaseAsync(LeaseName, _owner, now, now + settings.Lease, cancellationToken);
    }
}
