using Dapper;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Economics;

/// <summary>
/// SQLite's own prepared statement, run row after row: a value equal to the one the statement already holds is not
/// bound again, so each row must still be written with exactly its own values.
/// </summary>
public sealed class RowStatementTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"helpdesk-rowstatement-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task RowsThatRepeatSomeValuesOfTheRowBefore_AreEachWrittenWithTheirOwnValues()
    {
        (long A, string B, long C)[] rows =
        [
            (0, "2026-01-01", 0),
            (0, "2026-01-01", 5),
            (7, "2026-01-01", 5),
            (7, "2026-01-02", 0),
            (0, "2026-01-02", 0),
            (0, "2026-01-02", 0),
            (-3, "2026-01-01", long.MaxValue),
        ];
        await using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE Rows (Seq INTEGER PRIMARY KEY, A INTEGER NOT NULL, B TEXT NOT NULL, C INTEGER NOT NULL)");

        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await using var insert = RowStatement.Prepare(connection, transaction, "INSERT INTO Rows (A, B, C) VALUES (@p0, @p1, @p2)", ["A", "Day", "C"]);
            foreach (var (a, b, c) in rows)
            {
                insert.Set(0, a);
                insert.Set(1, b);
                insert.Set(2, c);
                (await insert.ExecuteAsync(CancellationToken.None)).Should().Be(1);
            }

            await transaction.CommitAsync();
        }

        var written = (await connection.QueryAsync<(long A, string B, long C)>("SELECT A, B, C FROM Rows ORDER BY Seq")).ToList();
        written.Should().Equal(rows);
    }

    [Fact]
    public async Task OnAConnectionTheFactoryLends_TheStatementRunsOnSqlitesOwnHandle()
    {
        // The factory lends its kept connections through a wrapper of each caller's own; the rebuild's rows still go
        // through SQLite's handle, not the driver's slower command.
        using var factory = new SqliteConnectionFactory($"Data Source={_file};Pooling=False");
        await using var connection = await factory.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE Rows (Seq INTEGER PRIMARY KEY, A INTEGER NOT NULL)");
        await using var transaction = await connection.BeginTransactionAsync();

        await using var insert = RowStatement.Prepare(connection, transaction, "INSERT INTO Rows (A) VALUES (@p0)", ["A"]);
        insert.OnSqliteHandle.Should().BeTrue();
        insert.Set(0, 42);
        (await insert.ExecuteAsync(CancellationToken.None)).Should().Be(1);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm", _file + "-journal" })
        {
            File.Delete(path);
        }
    }
}
