using BenchmarkDotNet.Attributes;
using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks.Infrastructure;

/// <summary>
/// The same Dapper INSERT, ten to a transaction as in a filing, on a connection that compiles its SQL for every command
/// (the driver's way, the baseline) and on one that keeps its compiled statements (the group commit's writer). A bare
/// SqliteCommand compiled once and bound again shows the least the statement can cost.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class StatementCacheBenchmarks
{
    private const int RowsPerTransaction = 10;

    private const string Insert = """
        INSERT INTO Lines (TicketId, AuthorId, Kind, Body, IsInternal, CreatedAt, Source, MessageId)
        VALUES (@TicketId, @AuthorId, @Kind, @Body, @IsInternal, @CreatedAt, @Source, @MessageId)
        """;

    private string _file = "";
    private SqliteConnection _fresh = null!;
    private SqliteConnection _kept = null!;
    private SqliteConnection _raw = null!;
    private SqliteCommand _rawInsert = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"helpdesk-bench-statements-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ConnectionString;
        DapperConfiguration.EnsureConfigured();
        _fresh = Open(new SqliteConnection(connectionString));
        _fresh.Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE Lines (Id INTEGER PRIMARY KEY, TicketId INTEGER NOT NULL, AuthorId TEXT NULL, Kind TEXT NOT NULL,
                Body TEXT NOT NULL, IsInternal INTEGER NOT NULL, CreatedAt TEXT NOT NULL, Source TEXT NOT NULL, MessageId TEXT NULL);
            CREATE INDEX IX_Lines_Ticket ON Lines (TicketId, CreatedAt);
            CREATE UNIQUE INDEX IX_Lines_MessageId ON Lines (MessageId) WHERE MessageId IS NOT NULL;
            """);
        _kept = Open(new WriterGatedConnection(connectionString, new SemaphoreSlim(1, 1), keepsStatements: true));
        _raw = Open(new SqliteConnection(connectionString));
        _rawInsert = _raw.CreateCommand();
        _rawInsert.CommandText = Insert;
        foreach (var name in new[] { "@TicketId", "@AuthorId", "@Kind", "@Body", "@IsInternal", "@CreatedAt", "@Source", "@MessageId" })
        {
            _rawInsert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _rawInsert.Prepare();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rawInsert.Dispose();
        foreach (var connection in new[] { _fresh, _kept, _raw })
        {
            connection.Dispose();
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    [Benchmark(Baseline = true, Description = "Dapper, a new command each time (compiled every time)")]
    public Task NewCommand() => InsertAsync(_fresh);

    [Benchmark(Description = "Dapper, kept statement")]
    public Task KeptStatement() => InsertAsync(_kept);

    [Benchmark(Description = "bare SqliteCommand compiled once, bound again")]
    public void RawPrepared()
    {
        using var transaction = _raw.BeginTransaction();
        _rawInsert.Transaction = transaction;
        for (var i = 0; i < RowsPerTransaction; i++)
        {
            var row = Row();
            var p = _rawInsert.Parameters;
            p[0].Value = row.TicketId;
            p[1].Value = row.AuthorId;
            p[2].Value = row.Kind;
            p[3].Value = row.Body;
            p[4].Value = row.IsInternal;
            p[5].Value = row.CreatedAt.ToString("O");
            p[6].Value = row.Source;
            p[7].Value = (object?)row.MessageId ?? DBNull.Value;
            _rawInsert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private async Task InsertAsync(SqliteConnection connection)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        for (var i = 0; i < RowsPerTransaction; i++)
        {
            await connection.ExecuteAsync(Insert, Row(), transaction);
        }

        await transaction.CommitAsync();
    }

    private LineRow Row()
    {
        var n = Interlocked.Increment(ref _next);
        return new LineRow(n % 500, "user-1", "Reply", "The export stopped again after the update.", false, DateTime.UtcNow, "Api", $"<{n}@bench>");
    }

    private static SqliteConnection Open(SqliteConnection connection)
    {
        connection.Open();
        connection.Execute("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    private sealed record LineRow(int TicketId, string AuthorId, string Kind, string Body, bool IsInternal, DateTime CreatedAt, string Source, string? MessageId);
}
