using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using HelpDesk.Benchmarks.Http;

namespace HelpDesk.Benchmarks.Tickets;

/// <summary>
/// <c>-- list-latency [--runs N]</c>: every list of <see cref="TicketListBenchmarks"/>, on its data set, one query at a
/// time after a warm-up of five, N times (200 unless set), printed with p50/p95/p99 beside its raw baseline from the
/// same run. Single-query latency without BenchmarkDotNet's separate build of the benchmark program, which a busy
/// machine may take longer to finish than the queries themselves.
/// </summary>
public static class ListLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--runs");
        var runs = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 200;
        var lists = new TicketListBenchmarks { Tickets = TicketDataset.TicketCount };
        await lists.Setup();
        var benchmarks = typeof(TicketListBenchmarks).GetMethods()
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<BenchmarkAttribute>()))
            .Where(b => b.Attribute is not null)
            .OrderByDescending(b => b.Attribute!.Baseline)
            .ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{lists.Tickets:N0} tickets, {runs} queries each, one at a time"));
        Console.WriteLine(LoadRow.Header);
        foreach (var (method, attribute) in benchmarks)
        {
            Task Query(int _) => (Task)method.Invoke(lists, null)!;
            for (var i = 0; i < 5; i++)
            {
                await Query(i);
            }

            Console.WriteLine(await LoadRow.MeasureAsync(attribute!.Description!, 1, runs, Query));
        }

        lists.Cleanup();
        return 0;
    }
}
