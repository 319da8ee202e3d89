using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks.Economics;

/// <summary>
/// The full rollup (<c>MetricsRollup.RebuildAsync</c>: every ticket's history read, its day-by-day facts worked out and
/// staged, contract revenue, the cells summed and swapped in) over the economics data set. The baseline is a single
/// GROUP BY over the same input rows: the tickets, their status changes, messages, time entries and ratings, counted and
/// summed by day and organisation, read to the end and written nowhere.
/// </summary>
[Config(typeof(EconomicsJob.Rebuild))]
public class EconomicsRebuildBenchmarks
{
    private EconomicsBench _bench = null!;

    [ParamsSource(nameof(TicketCounts))]
    public int Tickets { get; set; }

    public static IEnumerable<int> TicketCounts => EconomicsBench.TicketCounts;

    internal EconomicsBench Bench => _bench;

    [GlobalSetup]
    public async Task Setup() => _bench = await EconomicsBench.OpenAsync(Tickets, "rebuild", rolledUp: false);

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [Benchmark(Baseline = true, Description = "one GROUP BY over the input rows (baseline)")]
    public long GroupBy()
    {
        using var connection = _bench.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT x.Day, x.OrganisationId, COUNT(*) AS Rows, SUM(x.Amount) AS Amount
            FROM (
                SELECT substr(t.CreatedUtc, 1, 10) AS Day, t.OrganisationId, 1 AS Amount FROM Tickets t
                UNION ALL
                SELECT substr(a.CreatedUtc, 1, 10), t.OrganisationId, 1 FROM TicketAudit a JOIN Tickets t ON t.Id = a.TicketId WHERE a.Field = 'status'
                UNION ALL
                SELECT substr(m.CreatedUtc, 1, 10), t.OrganisationId, 1 FROM TicketMessages m JOIN Tickets t ON t.Id = m.TicketId
                UNION ALL
                SELECT e.WorkDate, t.OrganisationId, e.Minutes FROM TimeEntries e JOIN Tickets t ON t.Id = e.TicketId
                UNION ALL
                SELECT substr(r.CreatedUtc, 1, 10), t.OrganisationId, r.Score FROM TicketRatings r JOIN Tickets t ON t.Id = r.TicketId
            ) x
            GROUP BY x.Day, x.OrganisationId
            """;
        command.CommandTimeout = 0;
        return Drain(command);
    }

    [Benchmark(Description = "MetricsRollup.RebuildAsync")]
    public async Task<int> Rebuild() => (await _bench.Rollup().RebuildAsync()).Tickets;

    internal static long Drain(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.GetInt64(reader.FieldCount - 1);
        }

        return sum;
    }
}
