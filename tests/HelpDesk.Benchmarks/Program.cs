using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/HelpDesk.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
