using BenchmarkDotNet.Attributes;

namespace HelpDesk.Benchmarks.Economics;

/// <summary>
/// The incremental rollup (<c>MetricsRollup.RunIncrementalAsync</c>) after 1,000 tickets changed: before each
/// iteration, untimed, one time entry on each of 1,000 tickets picked at random is edited, and the triggers log the
/// changes as any edit would. The baseline is a single GROUP BY over the same rows: those tickets' time entries summed
/// by work day and organisation.
/// </summary>
[Config(typeof(EconomicsJob.Incremental))]
public class EconomicsIncrementalBenchmarks
{
    private const int ChangedTickets = 1_000;

    private readonly Random _random = new(15);
    private EconomicsBench _bench = null!;
    private long[] _entries = [];

    [ParamsSource(nameof(TicketCounts))]
    public int Tickets { get; set; }

    public static IEnumerable<int> TicketCounts => EconomicsBench.TicketCounts;

    internal EconomicsBench Bench => _bench;

    [GlobalSetup]
    public async Task Setup()
    {
        _bench = await EconomicsBench.OpenAsync(Tickets, "incremental", rolledUp: true);
        using var connection = _bench.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(e.Id) FROM TimeEntries e GROUP BY e.TicketId";
        using var reader = command.ExecuteReader();
        var entries = new List<long>();
        while (reader.Read())
        {
            entries.Add(reader.GetInt64(0));
        }

        _entries = [.. entries];
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [IterationSetup]
    public void EditTimeEntries()
    {
        using var connection = _bench.OpenRaw();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE TimeEntries SET Minutes = Minutes + $delta WHERE Id = $id";
        var delta = command.Parameters.Add("$delta", Microsoft.Data.Sqlite.SqliteType.Integer);
        var id = command.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer);
        command.Prepare();
        foreach (var entry in _entries.OrderBy(_ => _random.Next()).Take(ChangedTickets))
        {
            delta.Value = _random.Next(1, 30);
            id.Value = entry;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    // The baseline leaves the log as it found it, so the next edits are again 1,000 tickets' worth.
    [IterationCleanup(Target = nameof(GroupBy))]
    public void CatchUp() => _bench.Rollup().RunIncrementalAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "one GROUP BY over the changed tickets' time entries (baseline)")]
    public long GroupBy()
    {
        using var connection = _bench.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.WorkDate, t.OrganisationId, COUNT(*) AS Entries, SUM(e.Minutes) AS Minutes
            FROM TimeEntries e JOIN Tickets t ON t.Id = e.TicketId
            WHERE e.TicketId IN (SELECT c.EntityId FROM EconomicsChanges c WHERE c.Kind = 'ticket')
            GROUP BY e.WorkDate, t.OrganisationId
            """;
        return EconomicsRebuildBenchmarks.Drain(command);
    }

    [Benchmark(Description = "MetricsRollup.RunIncrementalAsync, 1,000 tickets changed")]
    public async Task<int> Incremental() => (await _bench.Rollup().RunIncrementalAsync()).Tickets;
}
