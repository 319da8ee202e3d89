using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// The file layer under SQLite that writes each frame of the write-ahead log in one call (<see cref="SqliteLogFrameWrites"/>):
/// it is the process's default once the factory configured SQLite, it writes whole frames, and the log it writes is one
/// SQLite recovers from, frame by frame, as its own.
/// </summary>
public sealed class SqliteLogFrameWritesTests : IDisposable
{
    private const int PageSize = 4096;
    private const int Rows = 400;

    private readonly TestDatabase _db = TestDatabase.EmptySqlite();
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"{Guid.NewGuid():N}.db");

    [Fact]
    public void The_default_file_layer_is_the_apps_once_the_factory_configured_SQLite()
    {
        SqliteProcess.LogFramesWrittenWhole.Should().BeTrue("the factory's type initializer ran before any connection opened");
        SqliteLogFrameWrites.DefaultName().Should().Be(SqliteLogFrameWrites.Name);
    }

    [Fact]
    public async Task Frames_are_written_whole_and_the_log_recovers_as_SQLites_own()
    {
        var file = new SqliteConnectionStringBuilder(_db.Options.ConnectionString).DataSource;

        // A bare connection with no checkpoints, so every page written stays in the log; opened after the factory's
        // type initializer, as every connection of the app is (SqliteFirst).
        await using (var writer = new SqliteConnection(_db.Options.ConnectionString))
        {
            await writer.OpenAsync();
            await writer.ExecuteAsync($"PRAGMA page_size = {PageSize}; PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; PRAGMA synchronous = NORMAL;");
            var before = SqliteLogFrameWrites.FramesWrittenWhole;
            await writer.ExecuteAsync("CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Body TEXT NOT NULL); CREATE INDEX IX_Notes_Body ON Notes (Body);");
            for (var batch = 0; batch < 4; batch++)
            {
                await using var transaction = await writer.BeginTransactionAsync();
                for (var i = 0; i < Rows / 4; i++)
                {
                    var id = batch * (Rows / 4) + i;
                    await writer.ExecuteAsync("INSERT INTO Notes (Id, Body) VALUES (@Id, @Body)", new { Id = id, Body = Body(id) }, transaction);
                }

                await transaction.CommitAsync();
            }

            var frames = (new FileInfo(file + "-wal").Length - 32) / (24 + PageSize);
            frames.Should().BeGreaterThan(20, "the rows fill pages of the table and of its index in four commits");
            (SqliteLogFrameWrites.FramesWrittenWhole - before).Should().BeGreaterThanOrEqualTo(frames,
                "each frame's header went with its page (other tests' frames may be counted too, never fewer)");

            // Copied while the writer still holds it open, the log has every frame and was never checkpointed.
            File.Copy(file, _copy);
            File.Copy(file + "-wal", _copy + "-wal");
        }

        // SQLite recovers the copy from its log, checking each frame's checksum and stopping at the first that fails.
        await using var recovered = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _copy, Pooling = false }.ConnectionString);
        await recovered.OpenAsync();
        (await recovered.ExecuteScalarAsync<string>("PRAGMA integrity_check")).Should().Be("ok");
        var bodies = (await recovered.QueryAsync<(long Id, string Body)>("SELECT Id, Body FROM Notes ORDER BY Id")).ToList();
        bodies.Should().HaveCount(Rows);
        bodies.Should().OnlyContain(row => row.Body == Body((int)row.Id));
    }

    private static string Body(int id) => $"note {id:D4} " + new string((char)('a' + id % 26), 200);

    public void Dispose()
    {
        _db.Dispose();
        foreach (var file in new[] { _copy, _copy + "-wal", _copy + "-shm" })
        {
            File.Delete(file);
        }
    }
}
