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
/// The lists people wait for, on the generated help desk (<see cref="TicketDataset"/>, <c>HELPDESK_BENCH_TICKETS</c>
/// tickets, a million unless set), through the real <see cref="TicketStore"/>: what <c>GET /api/tickets</c> gives an
/// engineer with no filter, with <c>?sort=due</c>, by assignee and by status, text searches matching many and few
/// tickets, the desk's tabs (Mine, Unassigned, All open, Triage), a customer's list and search, and a page 2,500 rows
/// deep. One invocation per iteration, so the median and P95 columns are the latency of
/// single queries. The baseline reads 26 tickets by primary key with the same columns and joins through a bare
/// SqliteCommand: the least any page can cost.
/// </summary>
[Config(typeof(LatencyColumns))]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 40, invocationCount: 1)]
public class TicketListBenchmarks
{
    private static readonly TicketStatus[] OpenStatuses = [TicketStatus.New, TicketStatus.Open, TicketStatus.PendingCustomer, TicketStatus.OnHold];

    private string _connectionString = "";
    private TicketStore _store = null!;
    private int _organisationId;
    private int _engineerId;
    private int _middleId;
    private TicketCursor _deep = null!;

    public static IEnumerable<int> Sizes => [TicketDataset.TicketCount];

    [ParamsSource(nameof(Sizes))]
    public int Tickets { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _connectionString = TicketDataset.ConnectionString(TicketDataset.Ensure(Tickets));
        var connections = DbConnectionFactory.Create(new DatabaseOptions(DatabaseProvider.Sqlite, _connectionString));
        _store = new TicketStore(connections, new AttachmentStore(connections), new OutboxStore(connections, new MailSettings()), new HelpDesk.Core.Webhooks.WebhookSignal());

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT OrganisationId FROM Users WHERE NormalizedEmail = 'PERSON0@ORG1.EXAMPLE'";
        _organisationId = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = "SELECT Id FROM Users WHERE NormalizedEmail = 'ENGINEER1@HELPDESK.TEST'";
        _engineerId = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        _middleId = Tickets / 2;

        // Where paging through everything 25 at a time would be after 2,500 rows.
        var page = await _store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Take = 2_500 });
        _deep = TicketCursor.After(page.Items[^1], TicketSort.Updated);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // The dataset file stays in the temp folder for the next run; only the pooled connections go.
        _store = null!;
        SqliteConnection.ClearAllPools();
    }

    [Benchmark(Baseline = true, Description = "raw SqliteCommand: 26 tickets by id, same columns and joins")]
    public async Task<int> RawById()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.Id, t.Subject, t.Status, t.Severity, t.OrganisationId, o.Name AS OrganisationName,
                   r.DisplayName AS RequesterName, t.AssigneeId, a.DisplayName AS AssigneeName, t.Product,
                   COALESCE(t.OverrideVerdict, t.Verdict) AS Verdict, t.FirstResponseDueUtc, t.ResolveDueUtc,
                   t.QueueDueUtc, t.SlaState, t.SlaPausedUtc, t.Tier, t.Queue, t.CreatedUtc, t.UpdatedUtc,
                   t.NeedsClassification, t.QueuedUtc
            FROM Tickets t
            JOIN Organisations o ON o.Id = t.OrganisationId
            JOIN Users r ON r.Id = t.RequesterId
            LEFT JOIN Users a ON a.Id = t.AssigneeId
            WHERE t.Id >= $from AND t.Id < $from + 26
            ORDER BY t.Id
            """;
        command.Parameters.AddWithValue("$from", _middleId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    }

    [Benchmark(Description = "API, engineer: no filter (updated), first 25")]
    public Task<int> EngineerNoFilter() => CountAsync(new TicketQuery { Scope = TicketScope.Staff });

    [Benchmark(Description = "API, engineer: ?sort=due, first 25")]
    public Task<int> EngineerByDue() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, Sort = TicketSort.Due });

    [Benchmark(Description = "API, engineer: ?q=webhook (one word in ~8%)")]
    public Task<int> EngineerSearch() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, Text = "webhook" });

    [Benchmark(Description = "API, engineer: ?q=webhook crashes (~1%)")]
    public Task<int> EngineerSearchTwoWords() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, Text = "webhook crashes" });

    [Benchmark(Description = "API, engineer: ?q=person7 org17 (one requester's tickets: ~200 at 100k, read by id; ~1,600 at 1M, gathered)")]
    public Task<int> EngineerSearchFew() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, Text = "person7 org17" });

    [Benchmark(Description = "API, engineer: ?assignee=me, every status, updated")]
    public Task<int> EngineerAssignedToMe() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, AssigneeId = _engineerId });

    [Benchmark(Description = "API, engineer: ?status=Resolved, created")]
    public Task<int> EngineerResolvedByCreated() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, Statuses = [TicketStatus.Resolved], Sort = TicketSort.Created });

    [Benchmark(Description = "desk Mine: open, assigned to me, due order")]
    public Task<int> DeskMine() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, AssigneeId = _engineerId, Statuses = OpenStatuses, Sort = TicketSort.Due });

    [Benchmark(Description = "desk All open: updated, first 25")]
    public Task<int> DeskAllOpen() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, Statuses = OpenStatuses });

    [Benchmark(Description = "desk Mine: open, assigned to me, updated")]
    public Task<int> DeskMineUpdated() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, AssigneeId = _engineerId, Statuses = OpenStatuses });

    [Benchmark(Description = "desk Unassigned: open, nobody's, due order")]
    public Task<int> DeskUnassigned() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, UnassignedOnly = true, Statuses = OpenStatuses, Sort = TicketSort.Due });

    [Benchmark(Description = "desk All open: due order")]
    public Task<int> DeskAllOpenByDue() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, Statuses = OpenStatuses, Sort = TicketSort.Due });

    [Benchmark(Description = "desk Triage: flagged or needing classification, open")]
    public Task<int> DeskTriage() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, TriageOnly = true });

    [Benchmark(Description = "API, engineer: 25 after row 2,500 (keyset)")]
    public Task<int> EngineerDeepPage() => CountAsync(new TicketQuery { Scope = TicketScope.Staff, After = _deep });

    [Benchmark(Description = "portal: the largest customer's list, updated")]
    public Task<int> CustomerList() => CountAsync(new TicketQuery { Scope = TicketScope.ForOrganisation(_organisationId) });

    [Benchmark(Description = "portal: the largest customer's search ?q=webhook")]
    public Task<int> CustomerSearch() => CountAsync(new TicketQuery { Scope = TicketScope.ForOrganisation(_organisationId), Text = "webhook" });

    [Benchmark(Description = "portal: the largest customer's list, severity")]
    public Task<int> CustomerBySeverity() => CountAsync(new TicketQuery { Scope = TicketScope.ForOrganisation(_organisationId), Sort = TicketSort.Severity });

    private async Task<int> CountAsync(TicketQuery query) => (await _store.ListAsync(query)).Items.Count;

    private sealed class LatencyColumns : ManualConfig
    {
        public LatencyColumns() => AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
