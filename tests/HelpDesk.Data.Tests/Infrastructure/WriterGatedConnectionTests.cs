using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// Writers of one factory take turns before SQLite sees them: a second writer waits while the first is in its
/// transaction and goes on as soon as the first commits or rolls back (without closing its connection), and nothing
/// either wrote is lost.
/// </summary>
public sealed class WriterGatedConnectionTests() : SqliteFileFactoryTestBase("gate", "CREATE TABLE Rows (Id INTEGER PRIMARY KEY, Writer TEXT NOT NULL)")
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_second_writer_waits_for_the_first_and_goes_on_when_it_commits()
    {
        await using var first = await Factory.OpenAsync();
        await using var second = await Factory.OpenAsync();
        var firstTransaction = await first.BeginTransactionAsync();
        await first.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('first')", transaction: firstTransaction);

        var secondBegins = second.BeginTransactionAsync().AsTask();

        secondBegins.IsCompleted.Should().BeFalse("the first writer is still in its transaction");
        await firstTransaction.CommitAsync();
        var secondTransaction = await secondBegins.WaitAsync(Generous);
        await second.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('second')", transaction: secondTransaction);
        await secondTransaction.CommitAsync();

        (await first.QueryAsync<string>("SELECT Writer FROM Rows ORDER BY Id")).Should().Equal("first", "second");
    }

    [Fact]
    public async Task A_rolled_back_transaction_gives_the_turn_back()
    {
        await using var first = await Factory.OpenAsync();
        await using (var abandoned = await first.BeginTransactionAsync())
        {
            await first.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('abandoned')", transaction: abandoned);
        }

        await using var second = await Factory.OpenAsync();
        var transaction = await second.BeginTransactionAsync().AsTask().WaitAsync(Generous);
        await second.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('second')", transaction: transaction);
        await transaction.CommitAsync();

        (await second.QueryAsync<string>("SELECT Writer FROM Rows")).Should().Equal("second");
    }

    [Fact]
    public async Task A_long_lived_writer_leaves_no_command_registered_with_the_driver()
    {
        // The driver registers every command made on a connection and, whenever one is disposed, looks through all the
        // registrations, which only closing the connection clears. A command made and dropped without being disposed
        // (as the turn's own commands once were: BEGIN, SAVEPOINT, RELEASE and COMMIT among them) stays registered, so
        // on the writer, which lives for as long as the app, every write made every later dispose slower.
        await using var connection = await Factory.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await transaction.SaveAsync("w");
            await connection.ExecuteAsync("INSERT INTO Rows (Writer) VALUES (@Writer)", new { Writer = $"w{i}" }, transaction);
            await transaction.ReleaseAsync("w");
            await transaction.CommitAsync();
        }

        var sqlite = (WriterGatedConnection)LentConnection.Sqlite(connection)!;
        var kept = sqlite.Statements?.Count ?? 0;
        RegisteredCommands(sqlite).Should().BeLessThanOrEqualTo(kept, "only the kept statements stay registered");
    }

    [Fact]
    public async Task The_writer_keeps_its_savepoints_in_memory_and_a_reader_keeps_SQLites_default()
    {
        // Each write in the group commit runs in a savepoint; its journal spilled to a temporary file made and deleted per
        // write. Readers keep SQLite's default, so their large sorts still spill to disk rather than to memory.
        var writers = await Factory.WriteAsync((connection, transaction, _) => connection.ExecuteScalarAsync<int>("PRAGMA temp_store", transaction: transaction));
        await using var reader = await Factory.OpenAsync();
        var readers = await reader.ExecuteScalarAsync<int>("PRAGMA temp_store");

        writers.Should().Be(2, "2 is MEMORY");
        readers.Should().Be(0, "0 is SQLite's default");
    }

    private static int RegisteredCommands(SqliteConnection connection)
    {
        var field = typeof(SqliteConnection).GetField("_commands", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
        field.Should().NotBeNull("Microsoft.Data.Sqlite keeps its commands in SqliteConnection._commands; check the driver's source if it moved");
        return ((System.Collections.ICollection)field!.GetValue(connection)!).Count;
    }

    [Fact]
    public async Task Many_writers_at_once_each_commit_their_own_row()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await using var connection = await Factory.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("INSERT INTO Rows (Writer) VALUES (@Writer)", new { Writer = $"w{i}" }, transaction);
            await transaction.CommitAsync();
        })));

        await using var reader = await Factory.OpenAsync();
        (await reader.QueryAsync<string>("SELECT Writer FROM Rows")).Should().BeEquivalentTo(Enumerable.Range(0, 200).Select(i => $"w{i}"));
    }
}
