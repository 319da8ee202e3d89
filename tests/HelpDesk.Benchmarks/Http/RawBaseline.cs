using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks.Http;

/// <summary>
/// What SQLite alone does on this machine in the same run, on a pooled connection of a file of its own in WAL mode with
/// synchronous NORMAL, the app's durability: for filing, a ticket row and its message row in one transaction
/// (<see cref="InsertAsync"/>); for mail, a ticket row, its message row and the received record holding the message's
/// bytes (<see cref="InsertMailAsync"/>).
/// </summary>
public sealed class RawBaseline : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"helpdesk-bench-raw-{Guid.NewGuid():N}.db");
    private readonly string _connectionString;

    public RawBaseline()
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ConnectionString;
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var schema = connection.CreateCommand();
        schema.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE Tickets (Id INTEGER PRIMARY KEY, Subject TEXT NOT NULL, Status TEXT NOT NULL, CreatedUtc TEXT NOT NULL);
            CREATE TABLE TicketMessages (Id INTEGER PRIMARY KEY, TicketId INTEGER NOT NULL REFERENCES Tickets (Id), Body TEXT NOT NULL, CreatedUtc TEXT NOT NULL);
            CREATE TABLE InboundMessages (Id INTEGER PRIMARY KEY, MessageKey TEXT NOT NULL, TicketMessageId INTEGER NOT NULL REFERENCES TicketMessages (Id), ReceivedUtc TEXT NOT NULL, Raw BLOB NOT NULL);
            """;
        schema.ExecuteNonQuery();
    }

    public Task InsertAsync(int i) => InsertAsync(
        """
        INSERT INTO Tickets (Subject, Status, CreatedUtc) VALUES ($subject, 'New', $now);
        INSERT INTO TicketMessages (TicketId, Body, CreatedUtc) VALUES (last_insert_rowid(), $body, $now);
        """,
        ("$subject", "Orders API returns 500 on bulk import"),
        ("$body", "Since this morning every bulk import fails with HTTP 500.\n\nSingle orders still go through."));

    /// <summary>The three rows a received mail becomes at the least, with its bytes kept, in one transaction.</summary>
    public Task InsertMailAsync(byte[] raw) => InsertAsync(
        """
        INSERT INTO Tickets (Subject, Status, CreatedUtc) VALUES ($subject, 'New', $now);
        INSERT INTO TicketMessages (TicketId, Body, CreatedUtc) VALUES (last_insert_rowid(), $body, $now);
        INSERT INTO InboundMessages (MessageKey, TicketMessageId, ReceivedUtc, Raw) VALUES ($key, last_insert_rowid(), $now, $raw);
        """,
        ("$subject", "Bulk import fails with HTTP 500 since this morning"),
        ("$body", "Since the upgrade yesterday evening our operators see the error every few minutes."),
        ("$key", Guid.NewGuid().ToString("N")),
        ("$raw", raw));

    /// <summary>Runs <paramref name="sql"/> with these values and the time now as <c>$now</c>, in a transaction of its own.</summary>
    private async Task InsertAsync(string sql, params (string Name, object Value)[] values)
    {
        await using var connection = await BenchmarkDatabase.OpenRawAsync(_connectionString);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = sql;
        insert.Parameters.AddWithValue("$now", DateTime.UtcNow);
        foreach (var (name, value) in values)
        {
            insert.Parameters.AddWithValue(name, value);
        }

        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }
}
