using BenchmarkDotNet.Running;

namespace HelpDesk.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/HelpDesk.Benchmarks -- --filter '*', or <c>-- http-load</c> for the HTTP load
/// driver (<see cref="Http.LoadDriver"/>), or <c>-- list-latency</c> for the lists' single-query latency (<see cref="Tickets.ListLatency"/>), or <c>-- economics-stages</c> for the rollup's stage timing (<see cref="Economics.EconomicsStages"/>). Not a top-level program: the global <c>Program</c> is the web app's, which
/// the mail benchmarks host.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "http-load")
        {
            return await Http.LoadDriver.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "list-latency")
        {
            return await Tickets.ListLatency.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "economics-stages")
        {
            return await Economics.EconomicsStages.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
