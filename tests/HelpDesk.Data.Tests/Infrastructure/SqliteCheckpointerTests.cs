using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// The background checkpointer: while it runs, connections leave copying the write-ahead log to it (and it copies it);
/// stopped, they are back on SQLite's default, where a commit copies the log past 1,000 pages.
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.Migrated(DatabaseProvider.Sqlite);

    private const int Pages = 1500;

    [Fact]
    public async Task While_the_checkpointer_runs_commits_leave_the_log_to_it()
    {
        var factory = new SqliteConnectionFactory(_db.Options.ConnectionString);
        await factory.CheckpointAsync();
        var before = FileLength();

        // The test database does not pool connections, and closing one may checkpoint: the writer stays open.
        factory.CheckpointsInBackground = true;
        await using var writer = await factory.OpenAsync();
        await WriteAsync(writer);

        FileLength().Should().Be(before, "no commit copied the log into the file");
        await factory.CheckpointAsync();
        FileLength().Should().BeGreaterThan(before + (Pages * 4096L * 9 / 10));
    }

    [Fact]
    public async Task Running_it_copies_the_log_and_stopping_it_gives_checkpoints_back_to_commits()
    {
        var factory = new SqliteConnectionFactory(_db.Options.ConnectionString);
        using var checkpointer = new SqliteCheckpointer(factory, NullLogger<SqliteCheckpointer>.Instance);
        (await AutocheckpointAsync(factory)).Should().Be(1000, "without the checkpointer a commit checkpoints, as SQLite does by default");
        var before = FileLength();

        await checkpointer.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => factory.CheckpointsInBackground);
        (await AutocheckpointAsync(factory)).Should().Be(0);
        await using var writer = await factory.OpenAsync();
        await WriteAsync(writer);

        // One of its next ticks copies the log; the deadline is generous, the wait ends as soon as one has.
        await WaitUntilAsync(() => FileLength() > before + (Pages * 4096L * 9 / 10));
        FileLength().Should().BeGreaterThan(before + (Pages * 4096L * 9 / 10));

        await checkpointer.StopAsync(CancellationToken.None);
        factory.CheckpointsInBackground.Should().BeFalse();
        (await AutocheckpointAsync(factory)).Should().Be(1000);
    }

    [Fact]
    public async Task After_a_checkpoint_the_next_writer_starts_the_log_again_though_a_reader_held_it_back()
    {
        // A passive checkpoint copies only what no reader still needs from the log, and a writer starts the log again
        // only once all of it was copied: under steady reading and writing that never happened, and the log grew for as
        // long as the writes went on. The reader here stands for them: it reads an older state while the checkpoint runs.
        var factory = new SqliteConnectionFactory(_db.Options.ConnectionString) { CheckpointsInBackground = true, RestartWait = TimeSpan.FromSeconds(30) };
        await using var writer = await factory.OpenAsync();
        await WriteAsync(writer);
        await using var reader = new SqliteConnection(_db.Options.ConnectionString);
        await reader.OpenAsync();
        var snapshot = reader.BeginTransaction(deferred: true);
        await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM Filler", transaction: snapshot);
        await WriteAsync(writer, create: false);

        // The driver runs SQLite synchronously: the checkpoint gets a thread of its own, as the checkpointer's loop has.
        var checkpoint = Task.Run(() => factory.CheckpointAsync());
        await Task.Delay(200);
        snapshot.Dispose();
        await checkpoint.WaitAsync(TimeSpan.FromSeconds(60));
        await writer.ExecuteAsync("INSERT INTO Filler (Body) VALUES ('next')");

        (await LogPagesAsync()).Should().BeLessThan(10, "the write after the checkpoint started the log again from its beginning");
    }

    [Fact]
    public async Task The_log_is_started_again_at_most_once_an_interval_unless_it_is_past_its_cap()
    {
        var clock = new FakeTimeProvider();
        var factory = new SqliteConnectionFactory(_db.Options.ConnectionString) { CheckpointsInBackground = true, Clock = clock };
        await using var writer = await factory.OpenAsync();
        await WriteAsync(writer);
        await factory.CheckpointAsync();
        factory.Restarts.Should().Be(1, "the first checkpoint with 1,000 pages in the log restarts it");

        await WriteAsync(writer, create: false);
        clock.Advance(factory.RestartInterval - TimeSpan.FromSeconds(1));
        await factory.CheckpointAsync();
        factory.Restarts.Should().Be(1, "the last restart was less than an interval ago: the log is only copied");

        clock.Advance(TimeSpan.FromSeconds(1));
        await factory.CheckpointAsync();
        factory.Restarts.Should().Be(2, "an interval after the last restart, the log is started again");

        var capped = new SqliteConnectionFactory(_db.Options.ConnectionString) { CheckpointsInBackground = true, Clock = clock, RestartLogAlwaysAfterPages = Pages };
        await WriteAsync(writer, create: false);
        await capped.CheckpointAsync();
        await WriteAsync(writer, create: false);
        await capped.CheckpointAsync();
        capped.Restarts.Should().Be(2, "a log past its cap is started again however recent the last restart");
    }

    [Fact]
    public async Task The_restart_of_the_log_waits_for_the_writers_turn()
    {
        var factory = new SqliteConnectionFactory(_db.Options.ConnectionString) { CheckpointsInBackground = true };
        await using var writer = await factory.OpenAsync();
        await WriteAsync(writer);
        await using var transaction = await writer.BeginTransactionAsync();
        await writer.ExecuteAsync("INSERT INTO Filler (Body) VALUES ('last')", transaction: transaction);

        var checkpoint = Task.Run(() => factory.CheckpointAsync());
        await Task.Delay(300);

        checkpoint.IsCompleted.Should().BeFalse("a writer holds the turn (without it, SQLite would have refused the restart at once)");
        await transaction.CommitAsync();
        await checkpoint.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_checkpoint_never_creates_a_database_that_is_gone()
    {
        var file = Path.Combine(Path.GetTempPath(), $"helpdesk-gone-{Guid.NewGuid():N}.db");
        var factory = new SqliteConnectionFactory($"Data Source={file}");

        var checkpoint = () => factory.CheckpointAsync();

        await checkpoint.Should().ThrowAsync<SqliteException>();
        File.Exists(file).Should().BeFalse();
    }

    public void Dispose() => _db.Dispose();

    private static async Task<long> AutocheckpointAsync(SqliteConnectionFactory factory)
    {
        await using var connection = await factory.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint");
    }

    /// <summary>The pages in the log now, as a checkpoint that copies nothing more reports them.</summary>
    private async Task<long> LogPagesAsync()
    {
        await using var connection = new SqliteConnection(_db.Options.ConnectionString);
        await connection.OpenAsync();
        var row = await connection.QuerySingleAsync("PRAGMA wal_checkpoint(PASSIVE)");
        return (long)((IDictionary<string, object>)row)["log"];
    }

    private long FileLength() => new FileInfo(new SqliteConnectionStringBuilder(_db.Options.ConnectionString).DataSource).Length;

    private static async Task WriteAsync(System.Data.Common.DbConnection connection, bool create = true)
    {
        if (create)
        {
            await connection.ExecuteAsync("CREATE TABLE Filler (Id INTEGER PRIMARY KEY, Body TEXT NOT NULL)");
        }

        for (var i = 0; i < Pages; i += 100)
        {
            // A row of 4,000 characters fills one page.
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(
                "INSERT INTO Filler (Body) VALUES (@Body)", Enumerable.Range(0, 100).Select(_ => new { Body = new string('x', 4000) }), transaction);
            await transaction.CommitAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
