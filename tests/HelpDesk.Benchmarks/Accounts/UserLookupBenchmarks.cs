using BenchmarkDotNet.Attributes;
using HelpDesk.Core.Accounts;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Migrations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Benchmarks.Accounts;

/// <summary>
/// The lookup every sign-in and every API call with a cookie makes: a user by normalized email, among 10,000.
/// The baseline is the same SELECT through a bare SqliteCommand on a pooled connection, so the ratio is
/// the cost of the store (connection set-up, Dapper mapping) whatever the machine.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class UserLookupBenchmarks
{
    private const int UserCount = 10_000;

    private string _file = "";
    private string _connectionString = "";
    private DapperUserStore _store = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"helpdesk-bench-{Guid.NewGuid():N}.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ConnectionString;
        var options = BenchmarkDatabase.Migrate(_connectionString);

        using (var connection = new SqliteConnection(_connectionString))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, ConcurrencyStamp, CreatedUtc)
                VALUES ($email, $normalized, $email, $normalized, 'Bench', 'stamp', '2026-01-01 00:00:00')
                """;
            var email = insert.Parameters.Add("$email", SqliteType.Text);
            var normalized = insert.Parameters.Add("$normalized", SqliteType.Text);
            for (var i = 0; i < UserCount; i++)
            {
                email.Value = $"user{i}@bench.example";
                normalized.Value = $"USER{i}@BENCH.EXAMPLE";
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        _store = new DapperUserStore(DbConnectionFactory.Create(options), new IdentityErrorDescriber(), new AccountCache());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private string NextEmail() => $"USER{_next++ % UserCount}@BENCH.EXAMPLE";

    [Benchmark(Baseline = true, Description = "raw SqliteCommand SELECT by email")]
    public async Task<string?> RawSqlite()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Email FROM Users WHERE NormalizedEmail = $email";
        command.Parameters.AddWithValue("$email", NextEmail());
        return (string?)await command.ExecuteScalarAsync();
    }

    [Benchmark(Description = "raw, with the store's per-connection PRAGMAs")]
    public async Task<string?> RawSqliteWithPragmas()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Email FROM Users WHERE NormalizedEmail = $email";
        command.Parameters.AddWithValue("$email", NextEmail());
        return (string?)await command.ExecuteScalarAsync();
    }

    [Benchmark(Description = "DapperUserStore.FindByEmailAsync")]
    public async Task<HelpDeskUser?> StoreFindByEmail() => await _store.FindByEmailAsync(NextEmail(), CancellationToken.None);
}
