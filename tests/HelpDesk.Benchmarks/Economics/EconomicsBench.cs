using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Benchmarks.Economics;

/// <summary>
/// What the economics benchmarks share: a private copy of the cached data set, the real rollup over it at the data
/// set's fixed "now" with the app's background checkpointer, and the latency columns.
/// </summary>
internal sealed class EconomicsBench : IDisposable
{
    private EconomicsBench(string file)
    {
        File = file;
        ConnectionString = EconomicsDataset.ConnectionString(file);
        Connections = DbConnectionFactory.Create(new DatabaseOptions(DatabaseProvider.Sqlite, ConnectionString));
        Store = new EconomicsStore(Connections);
        Reader = new EconomicsReader(Connections);
        Checkpointer = new SqliteCheckpointer(Connections, NullLogger<SqliteCheckpointer>.Instance);
    }

    public string File { get; }

    public string ConnectionString { get; }

    public IDbConnectionFactory Connections { get; }

    public EconomicsStore Store { get; }

    public EconomicsReader Reader { get; }

    private bool _keep;

    /// <summary>Runs beside the benchmarks as it runs in the app, copying the write-ahead log in the background.</summary>
    private SqliteCheckpointer Checkpointer { get; }

    public static IEnumerable<int> TicketCounts => [EconomicsDataset.TicketCount];

    public MetricsRollup Rollup() => Rollup(Store);

    /// <summary>The rollup at the data set's "now" over <paramref name="store"/>, such as one that times its calls.</summary>
    public static MetricsRollup Rollup(IEconomicsStore store) => new(store, new RollupSettings(), new FixedClock(EconomicsDataset.NowUtc));

    /// <summary>
    /// A copy of the data set for <paramref name="tickets"/>; with <paramref name="rolledUp"/>, of that data set
    /// rolled up. The rolled-up file is kept beside the data set, keyed also by the builds of the rollup's code, so the
    /// benchmarks of one run, and the runs after it, roll up once and copy the result. <c>HELPDESK_BENCH_ROLLEDUP</c>
    /// names a rolled-up file to copy instead, so that builds whose rollups give the same facts (as the rollup tests
    /// check) are compared on one file without rolling up again for each.
    /// </summary>
    public static async Task<EconomicsBench> OpenAsync(int tickets, string purpose, bool rolledUp)
    {
        var given = Environment.GetEnvironmentVariable("HELPDESK_BENCH_ROLLEDUP");
        var source = !rolledUp ? EconomicsDataset.Ensure(tickets) : string.IsNullOrEmpty(given) ? RolledUp(tickets) : given;
        var bench = new EconomicsBench(EconomicsDataset.CopyOf(source, purpose));
        await bench.Checkpointer.StartAsync(CancellationToken.None);
        return bench;
    }

    private static string RolledUp(int tickets)
    {
        var code = string.Join(" ", new[] { typeof(MetricsRollup), typeof(EconomicsStore) }.Select(t => t.Assembly.ManifestModule.ModuleVersionId));
        return CachedDataset.Ensure(EconomicsDataset.DataDirectory, "economics-rolledup", $"economics generator, rolled up by {code}", tickets, (file, count) =>
        {
            System.IO.File.Copy(EconomicsDataset.Ensure(count), file);
            using var bench = new EconomicsBench(file);
            bench.Checkpointer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            bench.Rollup().RebuildAsync().GetAwaiter().GetResult();
            Console.WriteLine($"// Rolled up {count:N0} tickets in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            bench.Checkpointer.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            ((SqliteConnectionFactory)bench.Connections).CheckpointAsync().GetAwaiter().GetResult();
            bench._keep = true;
        });
    }

    /// <summary>Keeps the file when disposed, its write-ahead log copied in, to be named by <c>HELPDESK_BENCH_ROLLEDUP</c>.</summary>
    public async Task KeepAsync()
    {
        await Checkpointer.StopAsync(CancellationToken.None);
        await ((SqliteConnectionFactory)Connections).CheckpointAsync();
        _keep = true;
    }

    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        Checkpointer.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        Checkpointer.Dispose();
        if (!_keep)
        {
            EconomicsDataset.DeleteCopy(File);
        }
    }

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc);
    }
}

/// <summary>
/// One call per invocation, so median and 95th percentile (shown beside the mean) are single-call latencies. Run in the
/// benchmark's own process: each operation takes milliseconds to seconds, far above what a separate process would
/// change, and building the generated project for a separate one takes longer than BenchmarkDotNet waits on a busy machine.
/// The in-process run may take an hour rather than BenchmarkDotNet's five minutes: its set-up rolls up the whole data
/// set, which alone took longer than that while others were building on the machine.
/// </summary>
public abstract class EconomicsJob : ManualConfig
{
    private static readonly InProcessEmitToolchain InProcess = new(TimeSpan.FromHours(1), logOutput: true);

    protected EconomicsJob(int warmups, int iterations)
    {
        AddJob(Job.Default
            .WithToolchain(InProcess)
            .WithLaunchCount(1).WithWarmupCount(warmups).WithIterationCount(iterations).WithInvocationCount(1).WithUnrollFactor(1));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }

    public sealed class Rebuild() : EconomicsJob(warmups: 0, iterations: 2);

    public sealed class Incremental() : EconomicsJob(warmups: 1, iterations: 10);

    public sealed class Reads() : EconomicsJob(warmups: 2, iterations: 20);
}
