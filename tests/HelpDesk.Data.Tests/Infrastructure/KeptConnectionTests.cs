using System.Data;
using System.Data.Common;
using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// The SQLite factory keeps the connections its callers dispose, with their compiled statements, and lends them to the
/// next callers: only one left as a new connection would be (outside any transaction, nothing still reading, nothing of
/// the last caller's parameters), each to one caller at a time, and none once the factory is disposed.
/// </summary>
public sealed class KeptConnectionTests()
    : SqliteFileFactoryTestBase("kept", "CREATE TABLE Rows (Id INTEGER PRIMARY KEY, Organisation INTEGER NOT NULL, Name TEXT NOT NULL)")
{
    private const string ForOrganisation = "SELECT Name FROM Rows WHERE Organisation = @organisation ORDER BY Id";

    [Fact]
    public async Task A_disposed_connection_is_lent_to_the_next_caller_with_its_statements()
    {
        await InsertAsync(1, "first");
        SqliteConnection first;
        await using (var lent = await Factory.OpenAsync())
        {
            first = Sqlite(lent);
            (await lent.QueryAsync<string>(ForOrganisation, new { organisation = 1 })).Should().Equal("first");
        }

        Factory.KeptCount.Should().Be(1);
        await using var second = await Factory.OpenAsync();

        Sqlite(second).Should().BeSameAs(first);
        second.State.Should().Be(ConnectionState.Open);
        var statements = ((WriterGatedConnection)Sqlite(second)).Statements!;
        var reused = statements.Reused;
        (await second.QueryAsync<string>(ForOrganisation, new { organisation = 1 })).Should().Equal("first");
        statements.Reused.Should().Be(reused + 1);
    }

    [Fact]
    public async Task The_next_caller_sees_none_of_the_last_callers_parameters()
    {
        await InsertAsync(1, "one's");
        await InsertAsync(2, "two's");
        await using (var customer = await Factory.OpenAsync())
        {
            (await customer.QueryAsync<string>(ForOrganisation, new { organisation = 1 })).Should().Equal("one's");
        }

        await using var next = await Factory.OpenAsync();
        (await next.QueryAsync<string>(ForOrganisation, new { organisation = 2 })).Should().Equal("two's");

        // The same text with no value of its own is refused, not run with the last caller's organisation.
        var unbound = () => next.QueryAsync<string>(ForOrganisation);
        await unbound.Should().ThrowAsync<InvalidOperationException>().WithMessage("*@organisation*");
    }

    [Fact]
    public async Task A_list_expanded_into_the_text_and_rows_run_one_after_another_each_bind_their_own_values()
    {
        await Factory.WriteAsync((connection, transaction, _) => connection.ExecuteAsync(
            "INSERT INTO Rows (Organisation, Name) VALUES (@organisation, @name)",
            new[] { new { organisation = 1, name = "a" }, new { organisation = 2, name = "b" }, new { organisation = 3, name = "c" } },
            transaction));

        const string select = "SELECT Name FROM Rows WHERE Organisation IN @organisations AND Name <> @not ORDER BY Id";
        for (var round = 0; round < 2; round++)
        {
            await using var connection = await Factory.OpenAsync();
            (await connection.QueryAsync<string>(select, new { organisations = new[] { 1, 2, 3 }, not = "b" })).Should().Equal("a", "c");
            (await connection.QueryAsync<string>(select, new { organisations = new[] { 2 }, not = "x" })).Should().Equal("b");
        }
    }

    [Fact]
    public async Task A_connection_disposed_inside_its_transaction_is_closed_and_its_write_undone()
    {
        DbConnection abandoned;
        SqliteConnection abandonedSqlite;
        await using (abandoned = await Factory.OpenAsync())
        {
            abandonedSqlite = Sqlite(abandoned);
            var transaction = await abandoned.BeginTransactionAsync();
            await abandoned.ExecuteAsync("INSERT INTO Rows (Organisation, Name) VALUES (1, 'abandoned')", transaction: transaction);
        }

        Factory.KeptCount.Should().Be(0);
        abandoned.State.Should().Be(ConnectionState.Closed);

        // The writers' turn was given back: another write goes through, and the abandoned one is gone.
        await InsertAsync(1, "after");
        await using var next = await Factory.OpenAsync();
        Sqlite(next).Should().NotBeSameAs(abandonedSqlite);
        abandonedSqlite.State.Should().Be(ConnectionState.Closed);
        (await next.QueryAsync<string>(ForOrganisation, new { organisation = 1 })).Should().Equal("after");
    }

    [Fact]
    public async Task A_connection_given_back_after_its_commit_is_kept_outside_any_transaction()
    {
        SqliteConnection writer;
        await using (var lent = await Factory.OpenAsync())
        {
            writer = Sqlite(lent);
            await using var transaction = await lent.BeginTransactionAsync();
            await lent.ExecuteAsync("INSERT INTO Rows (Organisation, Name) VALUES (1, 'committed')", transaction: transaction);
            await transaction.CommitAsync();
        }

        Factory.KeptCount.Should().Be(1);
        await using var next = await Factory.OpenAsync();
        Sqlite(next).Should().BeSameAs(writer);
        SQLitePCL.raw.sqlite3_get_autocommit(writer.Handle!).Should().Be(1, "no transaction is left open");

        // Its writes need the writers' turn again, which it does not still hold: another writer is not kept waiting.
        var other = InsertAsync(2, "other");
        (await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(other);
    }

    [Fact]
    public async Task A_connection_with_a_reader_still_open_is_closed_not_kept()
    {
        await InsertAsync(1, "a");
        await InsertAsync(1, "b");
        SqliteConnection reading;
        await using (var lent = await Factory.OpenAsync())
        {
            reading = Sqlite(lent);
            var command = reading.CreateCommand();
            command.CommandText = "SELECT Name FROM Rows ORDER BY Id";
            var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).Should().BeTrue();
        }

        Factory.KeptCount.Should().Be(0);
        reading.State.Should().Be(ConnectionState.Closed);
    }

    [Fact]
    public async Task A_connection_whose_command_was_not_disposed_is_closed_not_kept()
    {
        SqliteConnection left;
        await using (var lent = await Factory.OpenAsync())
        {
            left = Sqlite(lent);
            var command = lent.CreateCommand();
            command.CommandText = "SELECT count(*) FROM Rows";
            (await command.ExecuteScalarAsync()).Should().Be(0L);
        }

        Factory.KeptCount.Should().Be(0);
        left.State.Should().Be(ConnectionState.Closed);
    }

    [Fact]
    public async Task A_connection_disposed_twice_is_kept_once()
    {
        var connection = await Factory.OpenAsync();
        var sqlite = Sqlite(connection);
        await connection.DisposeAsync();
        await connection.DisposeAsync();
        connection.Dispose();

        Factory.KeptCount.Should().Be(1);
        await using var first = await Factory.OpenAsync();
        await using var second = await Factory.OpenAsync();
        Sqlite(first).Should().BeSameAs(sqlite);
        Sqlite(second).Should().NotBeSameAs(sqlite);
    }

    [Fact]
    public async Task A_late_second_dispose_does_not_give_back_the_connection_lent_to_the_next_caller()
    {
        // A caller may dispose twice (a wrapper disposing its inner connection both asynchronously and synchronously
        // does); when the connection was lent again in between, the second dispose must not give it back under the
        // next caller, who would then share it with whoever opens after.
        await InsertAsync(1, "row");
        var earlier = await Factory.OpenAsync();
        await earlier.DisposeAsync();
        await using var next = await Factory.OpenAsync();
        await using var transaction = await next.BeginTransactionAsync(IsolationLevel.ReadUncommitted);

        earlier.Dispose();

        Factory.KeptCount.Should().Be(0);
        await using var another = await Factory.OpenAsync();
        Sqlite(another).Should().NotBeSameAs(Sqlite(next));
        (await next.QueryAsync<string>(ForOrganisation, new { organisation = 1 }, transaction)).Should().Equal("row");
    }

    [Fact]
    public async Task A_connection_given_back_runs_nothing_more_for_the_caller_that_gave_it_back()
    {
        var earlier = await Factory.OpenAsync();
        await earlier.DisposeAsync();
        await using var next = await Factory.OpenAsync();

        earlier.State.Should().Be(ConnectionState.Closed);
        var late = () => earlier.QueryAsync<string>(ForOrganisation, new { organisation = 1 });
        await late.Should().ThrowAsync<ObjectDisposedException>();
        var lateTransaction = () => earlier.BeginTransactionAsync().AsTask();
        await lateTransaction.Should().ThrowAsync<ObjectDisposedException>();
        next.State.Should().Be(ConnectionState.Open);
    }

    [Fact]
    public async Task Callers_at_the_same_time_each_hold_a_connection_of_their_own_and_at_most_the_limit_is_kept()
    {
        await InsertAsync(1, "row");
        var callers = SqliteConnectionFactory.KeptReaders + 8;
        for (var round = 0; round < 3; round++)
        {
            var held = new List<DbConnection>();
            for (var i = 0; i < callers; i++)
            {
                var connection = await Factory.OpenAsync();
                (await connection.QueryAsync<string>(ForOrganisation, new { organisation = 1 })).Should().Equal("row");
                held.Add(connection);
            }

            held.Select(Sqlite).Distinct().Should().HaveCount(callers);
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }

            Factory.KeptCount.Should().Be(SqliteConnectionFactory.KeptReaders);
        }
    }

    [Fact]
    public async Task Disposing_the_factory_closes_the_kept_connections_and_keeps_no_more()
    {
        var connection = await Factory.OpenAsync();
        var sqlite = Sqlite(connection);
        await connection.DisposeAsync();

        Factory.Dispose();

        Factory.KeptCount.Should().Be(0);
        sqlite.State.Should().Be(ConnectionState.Closed);
        await using (var later = await Factory.OpenAsync())
        {
            (await later.ExecuteScalarAsync<long>("SELECT count(*) FROM Rows")).Should().Be(0);
        }

        Factory.KeptCount.Should().Be(0);
    }

    private static SqliteConnection Sqlite(DbConnection connection) => LentConnection.Sqlite(connection)!;

    private Task<int> InsertAsync(int organisation, string name) =>
        Factory.WriteAsync((connection, transaction, _) =>
            connection.ExecuteAsync("INSERT INTO Rows (Organisation, Name) VALUES (@organisation, @name)", new { organisation, name }, transaction));
}
