using System.Diagnostics;
using System.Globalization;

namespace HelpDesk.Benchmarks.Http;

/// <summary>One row of the load table: how many operations a number of callers finished, how fast, and the latency spread.</summary>
public sealed record LoadRow(string Work, int Callers, int Operations, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public static string Header =>
        "| work | callers | ops | ops/s | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|";

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Work} | {Callers} | {Operations} | {PerSecond:N0} | {P50Ms:0.0} | {P95Ms:0.0} | {P99Ms:0.0} | {MaxMs:0.0} |");

    /// <summary>
    /// Runs <paramref name="operations"/> operations on <paramref name="callers"/> callers at once (each taking the next
    /// in turn, as <see cref="Benchmarks.Callers"/> does) and times each one from the caller's side.
    /// </summary>
    public static async Task<LoadRow> MeasureAsync(string work, int callers, int operations, Func<int, Task> operation)
    {
        var ticks = new long[operations];
        var clock = Stopwatch.StartNew();
        await Benchmarks.Callers.RunAsync(callers, operations, async i =>
        {
            var start = Stopwatch.GetTimestamp();
            await operation(i);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        });
        clock.Stop();
        Array.Sort(ticks);
        return new LoadRow(work, callers, operations, clock.Elapsed, Percentile(ticks, 0.50), Percentile(ticks, 0.95), Percentile(ticks, 0.99), Milliseconds(ticks[^1]));
    }

    private static double Percentile(long[] sorted, double fraction) =>
        Milliseconds(sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// A rate to reach, set on a machine where the baseline ran at <paramref name="BaselineWhereSet"/> a second: reached
/// when a row does <paramref name="PerSecond"/> a second, or, on a slower or busier machine, the same share of its own
/// run's baseline.
/// </summary>
public sealed record ThroughputTarget(double PerSecond, double BaselineWhereSet)
{
    public double Share => PerSecond / BaselineWhereSet;

    public bool IsMet(double perSecond, double baselinePerSecond) => perSecond >= PerSecond || perSecond / baselinePerSecond >= Share;
}

/// <summary>
/// What a row of the load table is held to: a rate (<see cref="ThroughputTarget"/>), judged beside the same run's
/// baseline row at the same number of callers, since the machine's speed moves and the share much less; and a p99
/// ceiling.
/// </summary>
public sealed record LoadTarget(string Work, string Baseline, int Callers, ThroughputTarget? Throughput, double MaximumP99Ms)
{
    public static string Header =>
        "| work | callers | ops/s | target ops/s | baseline ops/s | share of baseline | target share | p99 ms | target p99 ms | met |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|";

    /// <summary>One line per target whose row and baseline row were both measured.</summary>
    public static IEnumerable<string> Judge(IReadOnlyList<LoadRow> rows, IEnumerable<LoadTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var target in targets)
        {
            var row = rows.FirstOrDefault(r => r.Work == target.Work && r.Callers == target.Callers);
            var baseline = rows.FirstOrDefault(r => r.Work == target.Baseline && r.Callers == target.Callers);
            if (row is null || baseline is null)
            {
                continue;
            }

            var met = (target.Throughput?.IsMet(row.PerSecond, baseline.PerSecond) ?? true) && row.P99Ms < target.MaximumP99Ms;
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"| {row.Work} | {row.Callers} | {row.PerSecond:N0} | {(target.Throughput is { } t ? t.PerSecond.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {baseline.PerSecond:N0} | {row.PerSecond / baseline.PerSecond:P1} | {(target.Throughput is { } s ? s.Share.ToString("P1", CultureInfo.InvariantCulture) : "—")} | {row.P99Ms:0.0} | < {target.MaximumP99Ms:0} | {(met ? "yes" : "no")} |");
        }
    }
}
