using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// The file layer under SQLite that hands what a commit appends to the write-ahead log to the operating system in one
/// write (<see cref="SqliteLogWrites"/>): it is the process's default once the factory configured SQLite; a commit is
/// one write; readers see every commit at once; a transaction rolled back after its pages spilled into the log leaves
/// nothing behind to overwrite the next writer's frames; and the log it writes recovers as SQLite's own.
/// </summary>
public sealed class SqliteLogWritesTests : IDisposable
{
    private const int PageSize = 4096;
    private const int FrameSize = 24 + PageSize;
    private const int RowsPerCommit = 100;

    private readonly TestDatabase _db = TestDatabase.EmptySqlite();
    private readonly string _file;
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"{Guid.NewGuid():N}.db");

    public SqliteLogWritesTests() => _file = new SqliteConnectionStringBuilder(_db.Options.ConnectionString).DataSource;

    [Fact]
    public void The_default_file_layer_is_the_apps_once_the_factory_configured_SQLite()
    {
        SqliteProcess.LogWritesJoined.Should().BeTrue("the factory's type initializer ran before any connection opened");
        SqliteLogWrites.DefaultName().Should().Be(SqliteLogWrites.Name);
    }

    [Fact]
    public async Task Each_commit_reaches_the_log_in_one_write_and_a_reader_sees_it_at_once()
    {
        await using var writer = await OpenWriterAsync();
        await using var reader = await OpenAsync(_file);
        for (var commit = 0; commit < 4; commit++)
        {
            var before = SqliteLogWrites.LogWritesOf(writer)!.Value;
            var logBefore = new FileInfo(_file + "-wal").Length;
            await InsertAsync(writer, commit);

            var after = SqliteLogWrites.LogWritesOf(writer)!.Value;
            var appended = new FileInfo(_file + "-wal").Length - logBefore;
            appended.Should().BeGreaterThan(2 * FrameSize, "a hundred rows fill pages of the table and of its index");
            (after.Writes - before.Writes).Should().Be(1, $"commit {commit} appended {appended / FrameSize} frames, written together");
            (after.Bytes - before.Bytes).Should().Be(appended);

            // Told of the commit only after its frames were in the file, a reader on another connection reads them.
            (await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Notes")).Should().Be((commit + 1) * RowsPerCommit);
            (await reader.ExecuteScalarAsync<string>("SELECT Body FROM Notes WHERE Id = @Id", new { Id = commit * RowsPerCommit + 7 }))
                .Should().Be(Body(commit * RowsPerCommit + 7));
        }
    }

    [Fact]
    public async Task A_transaction_rolled_back_after_spilling_into_the_log_leaves_nothing_to_overwrite_the_next_commit()
    {
        await using var first = await OpenWriterAsync();
        await first.ExecuteAsync("CREATE TABLE Scratch (Id INTEGER PRIMARY KEY, Body TEXT NOT NULL)");
        await first.ExecuteAsync("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO Scratch (Id, Body) SELECT i, printf('%.200c', 'x') FROM n");

        // An empty log, and a page cache of 10 pages: the update changes the table's 20-odd pages, read from the
        // database file, and spills some into the log before it is rolled back, with no commit after them.
        await first.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA cache_size = 10;");
        await using (var transaction = await first.BeginTransactionAsync())
        {
            await first.ExecuteAsync("UPDATE Scratch SET Body = upper(Body)", transaction: transaction);
            await transaction.RollbackAsync();
        }

        // Another writer appends its frames from the log's start, where the rolled-back ones were.
        await using (var second = await OpenAsync(_file))
        {
            await InsertAsync(second, 0);
        }

        // The first connection's next use of its log, and its close, write nothing over them.
        (await first.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Notes")).Should().Be(RowsPerCommit);
        await first.CloseAsync();

        await using var fresh = await OpenAsync(_file);
        (await fresh.ExecuteScalarAsync<string>("PRAGMA integrity_check")).Should().Be("ok");
        (await fresh.QueryAsync<(long Id, string Body)>("SELECT Id, Body FROM Notes")).Should()
            .HaveCount(RowsPerCommit).And.OnlyContain(row => row.Body == Body((int)row.Id));
    }

    [Fact]
    public async Task The_log_it_wrote_recovers_as_SQLites_own()
    {
        await using (var writer = await OpenWriterAsync())
        {
            for (var commit = 0; commit < 4; commit++)
            {
                await InsertAsync(writer, commit);
            }

            // Copied while the writer still holds it open, the log has every frame and was never checkpointed.
            File.Copy(_file, _copy);
            File.Copy(_file + "-wal", _copy + "-wal");
        }

        // SQLite rebuilds the copy's index of its log by reading every frame, checking each one's checksum and
        // stopping at the first that fails.
        await using var recovered = await OpenAsync(_copy);
        (await recovered.ExecuteScalarAsync<string>("PRAGMA integrity_check")).Should().Be("ok");
        (await recovered.QueryAsync<(long Id, string Body)>("SELECT Id, Body FROM Notes")).Should()
            .HaveCount(4 * RowsPerCommit).And.OnlyContain(row => row.Body == Body((int)row.Id));
    }

    // A connection with no checkpoints, so every page written stays in the log; opened after the factory's type
    // initializer, as every connection of the app is (SqliteFirst).
    private async Task<SqliteConnection> OpenWriterAsync()
    {
        var writer = await OpenAsync(_file);
        await writer.ExecuteAsync($"PRAGMA page_size = {PageSize}; PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; PRAGMA synchronous = NORMAL;");
        await writer.ExecuteAsync("CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Body TEXT NOT NULL); CREATE INDEX IX_Notes_Body ON Notes (Body);");
        SqliteLogWrites.LogWritesOf(writer).Should().NotBeNull("the log is open through the layer once the database is in WAL mode");
        return writer;
    }

    private static async Task<SqliteConnection> OpenAsync(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task InsertAsync(SqliteConnection connection, int commit)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        for (var i = 0; i < RowsPerCommit; i++)
        {
            var id = commit * RowsPerCommit + i;
            await connection.ExecuteAsync("INSERT INTO Notes (Id, Body) VALUES (@Id, @Body)", new { Id = id, Body = Body(id) }, transaction);
        }

        await transaction.CommitAsync();
    }

    private static string Body(int id) => $"note {id:D5} " + new string((char)('a' + id % 26), 200);

    public void Dispose()
    {
        _db.Dispose();
        foreach (var file in new[] { _copy, _copy + "-wal", _copy + "-shm" })
        {
            File.Delete(file);
        }
    }
}
