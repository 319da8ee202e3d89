using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tickets;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks.Tickets;

/// <summary>
/// The lists people wait for: the desk's "All open" queue (first page, and a page 2,500 rows (101 pages) deep reached by
/// its keyset cursor) and a customer's portal list, both sorted by last update, through the real
/// <see cref="TicketStore"/>. One invocation per iteration, so the median and P95 columns are the latency of
/// single queries rather than of averages over a batch. The baseline is the portal page's SQL through a bare
/// SqliteCommand, reading the same columns.
/// </summary>
[Config(typeof(LatencyColumns))]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 40, invocationCount: 1)]
public class TicketListBenchmarks
{
    private const int DeepRows = 2_500;

    private static readonly TicketStatus[] OpenStatuses = [TicketStatus.New, TicketStatus.Open, TicketStatus.PendingCustomer, TicketStatus.OnHold];

    private string _connectionString = "";
    private TicketStore _store = null!;
    private TicketCursor _deep = null!;
    private int _organisationId;

    [Params(100_000, 1_000_000)]
    public int Tickets { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _connectionString = TicketDataset.ConnectionString(TicketDataset.Ensure(Tickets));
        var connections = DbConnectionFactory.Create(new DatabaseOptions(DatabaseProvider.Sqlite, _connectionString));
        _store = new TicketStore(connections, new AttachmentStore(connections), new OutboxStore(connections, new MailSettings()));

        // The deep page starts where paging through the queue 25 at a time would have reached after 2,500 rows.
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT UpdatedUtc, Id FROM Tickets
            WHERE Status IN ('New', 'Open', 'PendingCustomer', 'OnHold')
            ORDER BY UpdatedUtc DESC, Id DESC LIMIT 1 OFFSET $offset
            """;
        command.Parameters.AddWithValue("$offset", DeepRows);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            _deep = new TicketCursor(TicketSort.Updated, reader.GetDateTime(0).Ticks, reader.GetInt32(1));
        }

        // The largest organisation: the portal list with the most rows to choose from.
        command.CommandText = "SELECT OrganisationId FROM Tickets GROUP BY OrganisationId ORDER BY COUNT(*) DESC LIMIT 1";
        _organisationId = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // The dataset file stays in the temp folder for the next run; only the pooled connections go.
        _store = null!;
        SqliteConnection.ClearAllPools();
    }

    [Benchmark(Baseline = true, Description = "raw SqliteCommand: portal list, first 25")]
    public async Task<int> RawPortalList()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.Id, t.Subject, t.Status, t.Severity, t.OrganisationId, o.Name AS OrganisationName,
                   r.DisplayName AS RequesterName, t.AssigneeId, a.DisplayName AS AssigneeName, t.Product,
                   t.CreatedUtc, t.UpdatedUtc
            FROM Tickets t
            JOIN Organisations o ON o.Id = t.OrganisationId
            JOIN Users r ON r.Id = t.RequesterId
            LEFT JOIN Users a ON a.Id = t.AssigneeId
            WHERE t.OrganisationId = $org
            ORDER BY t.UpdatedUtc DESC, t.Id DESC
            LIMIT 26
            """;
        command.Parameters.AddWithValue("$org", _organisationId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    }

    [Benchmark(Description = "portal list: one organisation, updated, first 25")]
    public async Task<int> PortalList() =>
        (await _store.ListAsync(new TicketQuery { Scope = TicketScope.ForOrganisation(_organisationId) })).Items.Count;

    [Benchmark(Description = "desk queue: all open, updated, first 25")]
    public async Task<int> DeskQueueFirstPage() =>
        (await _store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Statuses = OpenStatuses })).Items.Count;

    [Benchmark(Description = "desk queue: all open, updated, 25 after row 2,500 (keyset)")]
    public async Task<int> DeskQueueDeepPage() =>
        (await _store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Statuses = OpenStatuses, After = _deep })).Items.Count;

    private sealed class LatencyColumns : ManualConfig
    {
        public LatencyColumns() => AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
