using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Seeding;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks.Routing;

/// <summary>
/// Queue pulls per second with 8 engineers pulling at once from 100,000 waiting tickets, on a SQLite file. Every
/// waiting ticket is one the engineers qualify for (Keel, English, tiers 1 and 2, severities 1–4, most with an SLA
/// due time), spread over keel/tier-1, keel/tier-2 and general/tier-1. One operation is 8 calls of the real
/// <see cref="PullFromQueues.FillAsync(int, CancellationToken)"/> at the same instant, one per engineer on a thread
/// of its own, each filling an empty engineer to their capacity of 25 through <see cref="RoutingStore"/>,
/// <see cref="EngineerStore"/> and <see cref="EngineerProfileCache"/>: 200 pulls, so the Pulls/s column is 200 /
/// Mean (the log's last line says whether any operation pulled fewer). Before each operation the tickets the previous
/// one claimed go back to their queues, so every operation starts with 100,000 waiting and every engineer at 0 open.
/// The baseline makes the same number of claims from 8 threads with raw SQL: the first waiting id of keel/tier-1 by
/// IX_Tickets_Queue, then an UPDATE that takes it only if it still waits, the next on a lost race; no router, no
/// routing JSON, no audit line, no engineer reads, one connection per thread. Setup prints the query plans of the
/// baseline's read and of a copy of the store's, and fails unless each queue is read in order from IX_Tickets_Queue.
/// </summary>
[Config(typeof(PullsPerSecondConfig))]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 20)]
[InvocationCount(1)]
public class QueuePullBenchmarks
{
    private const int WaitingTickets = 100_000;
    private const int Pullers = 8;
    private const int Capacity = 25;
    private const int PullsPerOperation = Pullers * Capacity;

    // A ticket's queue and tier follow from its id, so the setup of each iteration can put claimed tickets back where
    // they were: 60% keel/tier-1, 25% keel/tier-2, 15% general/tier-1.
    private const string HomeQueue = "CASE WHEN Id % 20 < 12 THEN 'keel/tier-1' WHEN Id % 20 < 17 THEN 'keel/tier-2' ELSE 'general/tier-1' END";
    private const string HomeTier = "CASE WHEN Id % 20 BETWEEN 12 AND 16 THEN 2 ELSE 1 END";

    // The baseline's read: the head of one queue, in pull order, straight off the index.
    private const string FirstWaitingSql = """
        SELECT Id FROM Tickets
        WHERE Queue = $queue AND Queue IS NOT NULL
        ORDER BY QueueDueUtc, Severity, CreatedUtc, Id
        LIMIT 1
        """;

    // RoutingStore.ListWaitingAsync's statement for two queues (it reads four here), copied only to check its plan.
    private const string StorePageSql = """
        SELECT t.Id, t.Queue, t.Environment, t.Category, t.Language, t.Severity, t.Tier, o.Segment, t.QueueDueUtc, t.CreatedUtc
        FROM Tickets t
        JOIN Organisations o ON o.Id = t.OrganisationId
        WHERE t.Id IN (
        SELECT Id FROM (
            SELECT q.Id FROM Tickets q
            WHERE q.Queue = $queue AND q.Queue IS NOT NULL
            ORDER BY q.QueueDueUtc, q.Severity, q.CreatedUtc, q.Id
            LIMIT $take
        ) w0
        UNION ALL
        SELECT Id FROM (
            SELECT q.Id FROM Tickets q
            WHERE q.Queue = $queue1 AND q.Queue IS NOT NULL
            ORDER BY q.QueueDueUtc, q.Severity, q.CreatedUtc, q.Id
            LIMIT $take
        ) w1
        )
        ORDER BY t.QueueDueUtc, t.Severity, t.CreatedUtc, t.Id
        """;

    private static readonly DateTime Now = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    private string _file = "";
    private string _connectionString = "";
    private PullFromQueues _pull = null!;
    private int[] _engineers = [];
    private int _operations;
    private int _shortOperations;
    private long _pulled;

    [GlobalSetup]
    public async Task Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"helpdesk-bench-queue-pull-{Guid.NewGuid():N}.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ConnectionString;
        var connections = DbConnectionFactory.Create(BenchmarkDatabase.Migrate(_connectionString));

        // Through the real stores: the product, and 8 tier-2 engineers who know it well, with a rate.
        var cache = new EngineerProfileCache();
        var engineerStore = new EngineerStore(connections, cache);
        var keel = await new ScopeStore(connections).CreateProductAsync(new Product { Code = "keel", Name = "Keel RTOS" })
            ?? throw new InvalidOperationException("product");
        var (organisationId, requesterId, userIds) = InsertPeople();
        _engineers = new int[Pullers];
        for (var i = 0; i < Pullers; i++)
        {
            var saved = await engineerStore.SaveAsync(
                new EngineerProfile
                {
                    UserId = userIds[i],
                    Tier = 2,
                    Skills = [new EngineerSkill(keel.Id, keel.Code, null, 4)],
                    Languages = ["en", i % 2 == 0 ? "de" : "fr"],
                    Capacity = Capacity,
                },
                Now) ?? throw new InvalidOperationException("engineer");
            await engineerStore.AddRateAsync(saved.UserId, new CostRate(new DateOnly(2026, 1, 1), 6_000 + (i * 250)), Now);
            _engineers[i] = saved.UserId;
        }

        InsertWaitingTickets(organisationId, requesterId);
        CheckQueryPlans();

        var routing = new RoutingStore(connections, cache);
        if ((await routing.ListWaitingAsync(SkillQueue.For((await engineerStore.GetAsync(_engineers[0]))!).Select(q => q.Name).ToList(), 1)).Count != 3)
        {
            throw new InvalidOperationException("The engineers' queues do not hold the waiting tickets.");
        }

        _pull = new PullFromQueues(routing, engineerStore, new RoutingSettings(), TimeProvider.System);
    }

    /// <summary>Puts back in its queue every ticket the previous operation claimed, and forgets the claims' traces.</summary>
    [IterationSetup]
    public void PutClaimedTicketsBack()
    {
        using var connection = Open();
        BenchmarkDatabase.Execute(connection, $"""
            UPDATE Tickets SET AssigneeId = NULL, Queue = {HomeQueue}, Routing = NULL, Version = 1 WHERE AssigneeId IS NOT NULL;
            DELETE FROM TicketAudit;
            UPDATE EngineerProfiles SET LastAssignedUtc = NULL;
            PRAGMA wal_checkpoint(TRUNCATE);
            """);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// {_operations} operations pulled {_pulled:N0} tickets; {_shortOperations} pulled fewer than {PullsPerOperation}");
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Benchmark(Baseline = true, Description = "raw SQL: first waiting id by IX_Tickets_Queue, conditional UPDATE")]
    public Task<int> RawClaims() => InParallelAsync(i => Task.FromResult(RawClaim(_engineers[i])));

    [Benchmark(Description = "PullFromQueues.FillAsync, one per engineer")]
    public Task<int> PullFromQueuesUseCase() => InParallelAsync(async i => (await _pull.FillAsync(_engineers[i])).Count);

    /// <summary>
    /// Each puller on a thread of its own, all let go at once: SQLite's driver runs "async" calls synchronously, so
    /// on the shared pool the first puller could be done before the pool had started the others.
    /// </summary>
    private async Task<int> InParallelAsync(Func<int, Task<int>> pull)
    {
        using var start = new Barrier(Pullers);
        var pullers = Enumerable.Range(0, Pullers)
            .Select(i => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return pull(i);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap())
            .ToArray();
        var pulled = (await Task.WhenAll(pullers)).Sum();
        _operations++;
        _pulled += pulled;
        if (pulled < PullsPerOperation)
        {
            _shortOperations++;
        }

        return pulled;
    }

    private int RawClaim(int engineerId)
    {
        using var connection = Open();
        using var first = connection.CreateCommand();
        first.CommandText = FirstWaitingSql;
        first.Parameters.AddWithValue("$queue", "keel/tier-1");
        using var claim = connection.CreateCommand();
        claim.CommandText = """
            UPDATE Tickets SET AssigneeId = $engineer, Queue = NULL, UpdatedUtc = $now, Version = Version + 1
            WHERE Id = $id AND Queue IS NOT NULL AND AssigneeId IS NULL
            """;
        var engineer = claim.Parameters.AddWithValue("$engineer", engineerId);
        var now = claim.Parameters.AddWithValue("$now", DateTime.UtcNow);
        var id = claim.Parameters.AddWithValue("$id", 0L);
        var claimed = 0;
        while (claimed < Capacity && first.ExecuteScalar() is long next)
        {
            id.Value = next;
            now.Value = DateTime.UtcNow;
            claimed += claim.ExecuteNonQuery();
        }

        return claimed;
    }

    private (int OrganisationId, int RequesterId, int[] Engineers) InsertPeople()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO Organisations (Name, Region, Segment, CreatedUtc) VALUES ('Bench', 'Emea', 'Standard', '2026-01-01 00:00:00');
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, ConcurrencyStamp, OrganisationId, CreatedUtc)
            VALUES ('c@bench.example', 'C@BENCH.EXAMPLE', 'c@bench.example', 'C@BENCH.EXAMPLE', 'Casey Customer', 'stamp', last_insert_rowid(), '2026-01-01 00:00:00');
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 7)
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, ConcurrencyStamp, CreatedUtc)
            SELECT 'e' || i || '@helpdesk.test', 'E' || i || '@HELPDESK.TEST', 'e' || i || '@helpdesk.test', 'E' || i || '@HELPDESK.TEST',
                   'Engineer ' || i, 'stamp', '2026-01-01 00:00:00'
            FROM n;
            SELECT Id, OrganisationId FROM Users ORDER BY Id;
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        var requester = reader.GetInt32(0);
        var organisation = reader.GetInt32(1);
        var engineers = new List<int>();
        while (reader.Read())
        {
            engineers.Add(reader.GetInt32(0));
        }

        return (organisation, requester, [.. engineers]);
    }

    /// <summary>
    /// 100,000 new, unassigned tickets filed over the last two weeks, in one transaction with the columns a queued
    /// ticket has: severity 1–4, a first response due by severity for 85% of them (the rest have no SLA and wait last).
    /// </summary>
    private void InsertWaitingTickets(int organisationId, int requesterId)
    {
        var random = new Random(7);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Product, Severity, Status, CreatedUtc, UpdatedUtc,
                                 FirstResponseDueUtc, SlaState, Language, Queue, QueueDueUtc)
            VALUES ($org, $requester, 'Scheduler stalls under load', 'Web', 'Keel RTOS', $severity, 'New', $created, $created,
                    $due, 'None', 'en', NULL, $queueDue)
            """;
        insert.Parameters.AddWithValue("$org", organisationId);
        insert.Parameters.AddWithValue("$requester", requesterId);
        var severity = insert.Parameters.Add("$severity", SqliteType.Integer);
        var created = insert.Parameters.Add("$created", SqliteType.Text);
        var due = insert.Parameters.Add("$due", SqliteType.Text);
        var queueDue = insert.Parameters.Add("$queueDue", SqliteType.Text);
        insert.Prepare();
        for (var i = 0; i < WaitingTickets; i++)
        {
            var level = random.Pick([1, 2, 3, 4], [5, 20, 55, 20]);
            var filed = Now.AddDays(-14 * (1 - ((i + random.NextDouble()) / WaitingTickets)));
            DateTime? firstDue = random.Next(100) < 85 ? filed.AddHours(level * 4) : null;
            severity.Value = level;
            created.Value = filed;
            due.Value = (object?)firstDue ?? DBNull.Value;
            queueDue.Value = firstDue ?? new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);
            insert.ExecuteNonQuery();
        }

        BenchmarkDatabase.Execute(connection, $"UPDATE Tickets SET Queue = {HomeQueue}, Tier = {HomeTier}", transaction);
        transaction.Commit();
        BenchmarkDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    /// <summary>
    /// Fails the run unless both queue reads seek IX_Tickets_Queue for each queue, and the baseline's without sorting
    /// (the store's sorts only the few rows of its pages); prints their plans.
    /// </summary>
    private void CheckQueryPlans()
    {
        using var connection = Open();
        foreach (var (name, sql, sorts) in new[] { ("baseline", FirstWaitingSql, false), ("RoutingStore page", StorePageSql, true) })
        {
            using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            explain.Parameters.AddWithValue("$queue", "keel/tier-1");
            if (sorts)
            {
                explain.Parameters.AddWithValue("$queue1", "general/tier-1");
                explain.Parameters.AddWithValue("$take", 50);
            }

            using var reader = explain.ExecuteReader();
            var plan = new List<string>();
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }

            Console.WriteLine($"// Plan of the {name} read: {string.Join(" | ", plan)}");
            var seeks = plan.Count(step => step.Contains("INDEX IX_Tickets_Queue (Queue=?)", StringComparison.Ordinal));
            if (seeks != (sorts ? 2 : 1) || (!sorts && plan.Any(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal))))
            {
                throw new InvalidOperationException($"The {name} read does not read IX_Tickets_Queue in order: {string.Join(" | ", plan)}");
            }
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // The same per-connection settings as the app's connection factory.
        BenchmarkDatabase.Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private sealed class PullsPerSecondConfig : ManualConfig
    {
        public PullsPerSecondConfig() => AddColumn(new PullsPerSecondColumn());
    }

    /// <summary>Pulls per second: the 200 pulls of one operation divided by its mean time.</summary>
    private sealed class PullsPerSecondColumn : IColumn
    {
        public string Id => nameof(PullsPerSecondColumn);
        public string ColumnName => "Pulls/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"Tickets claimed per second: {PullsPerOperation} pulls per operation / Mean";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } statistics
                ? (PullsPerOperation / (statistics.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
                : "NA";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
