using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks.Economics;

/// <summary>
/// Stage timing of the rollup, outside BenchmarkDotNet: <c>-- economics-stages incremental [rounds]</c> edits 1,000
/// tickets' time entries and runs the incremental rollup, round after round; <c>-- economics-stages rebuild</c> runs
/// the baseline GROUP BY and then the full rebuild once, keeps the rolled-up file and measures the floor under storing
/// what the rebuild stores (<see cref="StoreFloor"/>). Each run goes through a store that times every call the
/// rollup makes of it and a connection factory that has SQLite report each statement's own time, so a run splits
/// into the rollup's stages and, inside each, the statements. Nothing of it is in the product.
/// </summary>
internal static class EconomicsStages
{
    public static async Task<int> RunAsync(string[] args)
    {
        var what = args.FirstOrDefault() ?? "incremental";
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
        Console.WriteLine($"// {what}, {EconomicsDataset.TicketCount:N0} tickets, load average {LoadAverage()}");
        if (what == "rebuild")
        {
            var rebuild = new EconomicsRebuildBenchmarks { Tickets = EconomicsDataset.TicketCount };
            await rebuild.Setup();
            try
            {
                var started = Stopwatch.GetTimestamp();
                rebuild.GroupBy();
                Console.WriteLine($"baseline GROUP BY: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
                await TimeAsync(rebuild.Bench, rollup => rollup.RebuildAsync());
                await rebuild.Bench.KeepAsync();
                Console.WriteLine($"// rolled up into {rebuild.Bench.File}");
                StoreFloor(rebuild.Bench.File);
            }
            finally
            {
                rebuild.Cleanup();
            }

            return 0;
        }

        var incremental = new EconomicsIncrementalBenchmarks { Tickets = EconomicsDataset.TicketCount };
        await incremental.Setup();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                incremental.EditTimeEntries();
                var started = Stopwatch.GetTimestamp();
                incremental.GroupBy();
                Console.WriteLine($"round {round}, load average {LoadAverage()}; baseline GROUP BY: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms");
                await TimeAsync(incremental.Bench, rollup => rollup.RunIncrementalAsync());
            }
        }
        finally
        {
            incremental.Cleanup();
        }

        return 0;
    }

    private static async Task TimeAsync(EconomicsBench bench, Func<MetricsRollup, Task<RollupResult>> run)
    {
        // HELPDESK_BENCH_PROFILE_SQL=0 leaves out the per-statement timing, whose callback runs once per row written.
        var statements = new ProfiledConnections(bench.Connections, Environment.GetEnvironmentVariable("HELPDESK_BENCH_PROFILE_SQL") != "0");
        var store = new TimedStore(new EconomicsStore(statements));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var result = await run(EconomicsBench.Rollup(store));
        var total = Stopwatch.GetElapsedTime(started);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(
            $"  run: {total.TotalMilliseconds:F1} ms ({cpu.TotalMilliseconds:F0} ms of CPU), {result.Tickets:N0} tickets, {result.Batches} batches; peak RSS {PeakRss()}");
        foreach (var (name, (count, elapsed)) in store.Calls.OrderByDescending(c => c.Value.Elapsed))
        {
            Console.WriteLine($"    {name,-22} {count,6} calls {elapsed.TotalMilliseconds,10:F1} ms");
        }

        foreach (var (sql, (count, elapsed)) in statements.Statements.OrderByDescending(s => s.Value.Elapsed).Take(16))
        {
            Console.WriteLine($"      sql {count,8} × {elapsed.TotalMilliseconds,10:F1} ms  {sql}");
        }
    }

    /// <summary>
    /// The floor under any full rebuild that stores what this one stores: SQLite alone copying the rolled-up file's
    /// fact tables (rows already worked out, read in the order they were written) into a new file made with the same
    /// table definitions, then building the same secondary indexes, in WAL with synchronous NORMAL as the product runs and
    /// with the swap's 64 MiB cache for the indexes. No rollup work and no .NET work per row is in it.
    /// </summary>
    private static void StoreFloor(string rolledUp)
    {
        string[] tables = ["TicketDayFacts", "DailyFacts", "MonthlyFacts", "ContractRevenueDays"];
        var file = Path.Combine(Path.GetDirectoryName(rolledUp)!, $"helpdesk-bench-economics-floor-{Environment.ProcessId}.db");
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
            connection.Open();
            BenchmarkDatabase.Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            using (var attach = connection.CreateCommand())
            {
                attach.CommandText = "ATTACH DATABASE $file AS src";
                attach.Parameters.AddWithValue("$file", rolledUp);
                attach.ExecuteNonQuery();
            }

            var definitions = new List<(string Type, string Name, string Sql)>();
            using (var schema = connection.CreateCommand())
            {
                schema.CommandText = $"""
                    SELECT type, name, sql FROM src.sqlite_master
                    WHERE type IN ('table', 'index') AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})
                    """;
                using var reader = schema.ExecuteReader();
                while (reader.Read())
                {
                    definitions.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            foreach (var table in definitions.Where(d => d.Type == "table"))
            {
                BenchmarkDatabase.Execute(connection, table.Sql);
            }

            var started = Stopwatch.GetTimestamp();
            long rows = 0;
            using (var transaction = connection.BeginTransaction())
            {
                foreach (var table in tables)
                {
                    rows += BenchmarkDatabase.Execute(connection, $"INSERT INTO main.{table} SELECT * FROM src.{table}", transaction);
                }

                transaction.Commit();
            }

            var copied = Stopwatch.GetElapsedTime(started);
            var indexes = definitions.Where(d => d.Type == "index").ToList();
            started = Stopwatch.GetTimestamp();
            BenchmarkDatabase.Execute(connection, "PRAGMA cache_size = -65536;");
            using (var transaction = connection.BeginTransaction())
            {
                foreach (var index in indexes)
                {
                    BenchmarkDatabase.Execute(connection, index.Sql, transaction);
                }

                transaction.Commit();
            }

            var indexed = Stopwatch.GetElapsedTime(started);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"floor, SQLite alone storing the rebuild's output: {(copied + indexed).TotalMilliseconds:F0} ms ({rows:N0} rows copied in {copied.TotalMilliseconds:F0} ms, {indexes.Count} indexes built in {indexed.TotalMilliseconds:F0} ms)"));
        }
        finally
        {
            foreach (var leftover in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>The process's peak resident memory so far (VmHWM), in MiB.</summary>
    private static string PeakRss() =>
        File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) is { } line
                ? $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024:N0} MiB"
                : "unknown"
            : "unknown";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Adds up the calls, and their time, that the rollup makes of each of the store's methods.</summary>
    private sealed class TimedStore(IEconomicsStore inner) : IEconomicsStore
    {
        public ConcurrentDictionary<string, (int Count, TimeSpan Elapsed)> Calls { get; } = new();

        private async Task<T> Time<T>(string name, Func<Task<T>> call)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await call();
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                Calls.AddOrUpdate(name, (1, elapsed), (_, c) => (c.Count + 1, c.Elapsed + elapsed));
            }
        }

        private Task<int> Time(string name, Func<Task> call) => Time(name, async () =>
        {
            await call();
            return 0;
        });

        public Task<bool> TryTakeLeaseAsync(string name, string owner, DateTime nowUtc, DateTime untilUtc, CancellationToken cancellationToken = default) =>
            Time("lease", () => inner.TryTakeLeaseAsync(name, owner, nowUtc, untilUtc, cancellationToken));

        public Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default) =>
            Time("lease", () => inner.ReleaseLeaseAsync(name, owner, cancellationToken));

        public Task<IReadOnlyList<EconomicsChange>> ReadChangesAsync(int take, CancellationToken cancellationToken = default) =>
            Time("read changes", () => inner.ReadChangesAsync(take, cancellationToken));

        public Task<AffectedFacts> ResolveAsync(IReadOnlyList<EconomicsChange> changes, CancellationToken cancellationToken = default) =>
            Time("resolve", () => inner.ResolveAsync(changes, cancellationToken));

        public Task<IReadOnlyList<TicketHistory>> LoadTicketsAsync(IReadOnlyList<int> ticketIds, CancellationToken cancellationToken = default) =>
            Time("load histories", () => inner.LoadTicketsAsync(ticketIds, cancellationToken));

        public Task<IReadOnlyList<TicketHistory>> LoadTicketRangeAsync(int firstId, int lastId, CancellationToken cancellationToken = default) =>
            Time("load range", () => inner.LoadTicketRangeAsync(firstId, lastId, cancellationToken));

        public Task<IReadOnlyList<ContractTerm>> LoadContractsAsync(IReadOnlyList<int> contractIds, CancellationToken cancellationToken = default) =>
            Time("load contracts", () => inner.LoadContractsAsync(contractIds, cancellationToken));

        public Task ApplyAsync(FactsBatch batch, DateTime nowUtc, CancellationToken cancellationToken = default) =>
            Time("apply", () => inner.ApplyAsync(batch, nowUtc, cancellationToken));

        public Task<int> BeginRebuildAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
            Time("begin rebuild", () => inner.BeginRebuildAsync(nowUtc, cancellationToken));

        public Task<IReadOnlyList<int>> ListTicketIdsAsync(int afterId, int take, CancellationToken cancellationToken = default) =>
            Time("list ticket ids", () => inner.ListTicketIdsAsync(afterId, take, cancellationToken));

        public Task<IReadOnlyList<int>> ListContractIdsAsync(CancellationToken cancellationToken = default) =>
            Time("list contract ids", () => inner.ListContractIdsAsync(cancellationToken));

        public Task<IReadOnlyList<CellFact>> LoadOrganisationDayFactsAsync(CancellationToken cancellationToken = default) =>
            Time("load services and nps", () => inner.LoadOrganisationDayFactsAsync(cancellationToken));

        public Task StageAsync(int rebuildId, RebuildRows rows, int ticketsDone, CancellationToken cancellationToken = default) =>
            Time("stage", () => inner.StageAsync(rebuildId, rows, ticketsDone, cancellationToken));

        public Task SwapAsync(int rebuildId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
            Time("swap", () => inner.SwapAsync(rebuildId, nowUtc, cancellationToken));

        public Task FailRebuildAsync(int rebuildId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default) =>
            inner.FailRebuildAsync(rebuildId, reason, nowUtc, cancellationToken);

        public Task<RebuildProgress?> GetRebuildAsync(CancellationToken cancellationToken = default) => inner.GetRebuildAsync(cancellationToken);
    }

    /// <summary>The bench's connections, with SQLite reporting the time each statement took to run, by its text.</summary>
    private sealed class ProfiledConnections(IDbConnectionFactory inner, bool profile) : IDbConnectionFactory
    {
        public ConcurrentDictionary<string, (int Count, TimeSpan Elapsed)> Statements { get; } = new();

        public DatabaseProvider Provider => inner.Provider;

        public SqlDialect Dialect => inner.Dialect;

        public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => Profiled(await inner.OpenAsync(cancellationToken));

        public DbConnection Open() => Profiled(inner.Open());

        private DbConnection Profiled(DbConnection connection)
        {
            if (profile && LentConnection.Sqlite(connection) is { Handle: { } handle })
            {
                SQLitePCL.raw.sqlite3_profile(handle, (_, statement, ns) =>
                {
                    // Only the head of the text is normalised: the rebuild runs millions of statements, and splitting each
                    // whole text cost more than the inserts it timed.
                    var head = statement.Length > 400 ? statement[..400] : statement;
                    var text = string.Join(' ', head.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
                    var key = text.Length > 110 ? text[..110] : text;
                    var elapsed = TimeSpan.FromTicks(ns / 100);
                    Statements.AddOrUpdate(key, (1, elapsed), (_, s) => (s.Count + 1, s.Elapsed + elapsed));
                }, null);
            }

            return connection;
        }
    }
}
