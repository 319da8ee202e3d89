using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks.Economics;

/// <summary>
/// What the economics benchmarks share: a private copy of the cached data set, the real rollup over it at the data
/// set's fixed "now", and the latency columns.
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
    }

    public string File { get; }

    public string ConnectionString { get; }

    public IDbConnectionFactory Connections { get; }

    public EconomicsStore Store { get; }

    public EconomicsReader Reader { get; }

    public static IEnumerable<int> TicketCounts => [EconomicsDataset.TicketCount];

    public MetricsRollup Rollup() => new(Store, new RollupSettings(), new FixedClock(EconomicsDataset.NowUtc));

    /// <summary>A copy of the data set for <paramref name="tickets"/>, rolled up once when <paramref name="rolledUp"/>.</summary>
    public static async Task<EconomicsBench> OpenAsync(int tickets, string purpose, bool rolledUp)
    {
        var bench = new EconomicsBench(EconomicsDataset.CopyOf(EconomicsDataset.Ensure(tickets), purpose));
        if (rolledUp)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await bench.Rollup().RebuildAsync();
            Console.WriteLine($"// Rolled up {tickets:N0} tickets in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }

        return bench;
    }

    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose() => EconomicsDataset.DeleteCopy(File);

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
