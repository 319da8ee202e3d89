using BenchmarkDotNet.Attributes;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Web.Areas.Manage.Pages.Economics;

namespace HelpDesk.Benchmarks.Economics;

/// <summary>
/// The reads behind the economics dashboards, through the real <see cref="IEconomicsReader"/> on rolled-up facts: the
/// total of a quarter and of the quarter before, the quarter at each of the four levels, twelve months for the trends,
/// and the tickets of the contract with the most ticket-days in the quarter; then every read one dashboard page makes
/// (<see cref="EconomicsDashboard.LoadAsync"/>, all but rendering and HTTP) at each step of the drill-down, from the
/// regions to that contract's tickets, the costliest product's tickets and every ticket of the quarter. One call per
/// iteration, so median and P95 are single-call latencies. The baseline is a single GROUP BY over the same rows: the
/// quarter's cells summed by product through a bare SqliteCommand.
/// </summary>
[Config(typeof(EconomicsJob.Reads))]
public class EconomicsReaderBenchmarks
{
    private static readonly EconomicsFilter Quarter = new(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30));
    private static readonly EconomicsFilter PreviousQuarter = new(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30));
    private static readonly EconomicsFilter TwelveMonths = new(new DateOnly(2025, 10, 1), new DateOnly(2026, 9, 30));

    private static readonly ReportingPeriod QuarterPeriod = ReportingPeriods.Of(PeriodKind.Quarter, Quarter.From, Quarter.To);

    private EconomicsBench _bench = null!;
    private int _contractId;
    private int _organisationId;
    private string _region = "";
    private int _productId;

    [ParamsSource(nameof(TicketCounts))]
    public int Tickets { get; set; }

    public static IEnumerable<int> TicketCounts => EconomicsBench.TicketCounts;

    [GlobalSetup]
    public async Task Setup()
    {
        _bench = await EconomicsBench.OpenAsync(Tickets, "reader", rolledUp: true);
        using var connection = _bench.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f.ContractId FROM TicketDayFacts f
            WHERE f.Day BETWEEN '2026-07-01' AND '2026-09-30' AND f.ContractId <> 0
            GROUP BY f.ContractId ORDER BY COUNT(*) DESC LIMIT 1
            """;
        _contractId = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = "SELECT c.OrganisationId, o.Region FROM Contracts c JOIN Organisations o ON o.Id = c.OrganisationId WHERE c.Id = $id";
        command.Parameters.AddWithValue("$id", _contractId);
        using var reader = command.ExecuteReader();
        reader.Read();
        _organisationId = reader.GetInt32(0);
        _region = reader.GetString(1);
        reader.Close();
        command.CommandText = "SELECT f.ProductId FROM MonthlyFacts f WHERE f.Month = '2026-08' AND f.ProductId <> 0 GROUP BY f.ProductId ORDER BY SUM(f.LabourCostCents) DESC LIMIT 1";
        _productId = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [Benchmark(Baseline = true, Description = "one GROUP BY: the quarter's cells by product (baseline)")]
    public long GroupBy()
    {
        using var connection = _bench.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f.ProductId, SUM(f.TicketsResolved) AS Resolved, SUM(f.LabourCostCents) AS Labour
            FROM DailyFacts f
            WHERE f.Day >= '2026-07-01' AND f.Day <= '2026-09-30'
            GROUP BY f.ProductId
            """;
        return EconomicsRebuildBenchmarks.Drain(command);
    }

    [Benchmark(Description = "TotalAsync: quarter and the one before")]
    public async Task<long> Totals() =>
        (await _bench.Reader.TotalAsync(Quarter)).LabourCostCents + (await _bench.Reader.TotalAsync(PreviousQuarter)).LabourCostCents;

    [Benchmark(Description = "ByLevelAsync: region")]
    public async Task<int> ByRegion() => (await _bench.Reader.ByLevelAsync(EconomicsLevel.Region, Quarter)).Count;

    [Benchmark(Description = "ByLevelAsync: customer")]
    public async Task<int> ByCustomer() => (await _bench.Reader.ByLevelAsync(EconomicsLevel.Customer, Quarter)).Count;

    [Benchmark(Description = "ByLevelAsync: contract")]
    public async Task<int> ByContract() => (await _bench.Reader.ByLevelAsync(EconomicsLevel.Contract, Quarter)).Count;

    [Benchmark(Description = "ByLevelAsync: product")]
    public async Task<int> ByProduct() => (await _bench.Reader.ByLevelAsync(EconomicsLevel.Product, Quarter)).Count;

    [Benchmark(Description = "ByMonthAsync: 12 months")]
    public async Task<int> ByMonth() => (await _bench.Reader.ByMonthAsync(TwelveMonths)).Count;

    [Benchmark(Description = "TicketsAsync: the busiest contract's quarter, first 50")]
    public async Task<int> ContractTickets() => (await _bench.Reader.TicketsAsync(Quarter with { ContractId = _contractId }, 50)).Count;

    [Benchmark(Description = "dashboard page's reads: the quarter by region")]
    public Task<int> PageByRegion() => PageAsync(new DashboardQuery());

    [Benchmark(Description = "dashboard page's reads: a region's customers")]
    public Task<int> PageRegion() => PageAsync(new DashboardQuery { Region = _region });

    [Benchmark(Description = "dashboard page's reads: a customer's contracts")]
    public Task<int> PageCustomer() => PageAsync(new DashboardQuery { Region = _region, Organisation = _organisationId });

    [Benchmark(Description = "dashboard page's reads: the busiest contract's tickets")]
    public Task<int> PageContract() => PageAsync(new DashboardQuery { Region = _region, Organisation = _organisationId, Contract = _contractId });

    [Benchmark(Description = "dashboard page's reads: a product's tickets")]
    public Task<int> PageProduct() => PageAsync(new DashboardQuery { Level = EconomicsLevel.Product, Product = _productId });

    [Benchmark(Description = "dashboard page's reads: every ticket of the quarter")]
    public Task<int> PageTickets() => PageAsync(new DashboardQuery { Tickets = true });

    private async Task<int> PageAsync(DashboardQuery query) =>
        (await EconomicsDashboard.LoadAsync(_bench.Reader, query with { On = Quarter.From }, QuarterPeriod, Currency.Default, CancellationToken.None)).Rows.Rows.Count;
}
