using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HelpDesk.Benchmarks.Mail;

/// <summary>Operations per second, 1 s / Mean, for benchmarks whose mean is per operation (OperationsPerInvoke).</summary>
public sealed class PerSecondColumn(string name, string legend) : IColumn
{
    public string Id => nameof(PerSecondColumn) + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } statistics
            ? (1e9 / statistics.Mean).ToString("N0", CultureInfo.InvariantCulture)
            : "NA";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
