using BenchmarkDotNet.Running;

namespace HelpDesk.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/HelpDesk.Benchmarks -- --filter '*'. Not a top-level program: the global
/// <c>Program</c> is the web app's, which the mail benchmarks host.
/// </summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
