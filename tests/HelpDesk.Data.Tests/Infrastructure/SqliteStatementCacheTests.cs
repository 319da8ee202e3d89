using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// The group commit's writer keeps its compiled statements between writes: a statement run again gives the same results
/// as a new one would, across transactions and rolled-back savepoints, with a value or a null in the same parameter, on
/// the same connection from one group to the next, and after the schema changed under it.
/// </summary>
public sealed class SqliteStatementCacheTests()
    : SqliteFileFactoryTestBase("statements", "CREATE TABLE Rows (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL UNIQUE, Size INTEGER NULL)")
{
    private const string Insert = "INSERT INTO Rows (Name, Size) VALUES (@Name, @Size)";

    [Fact]
    public async Task A_statement_run_again_in_later_transactions_is_reused_and_writes_each_row()
    {
        for (var i = 0; i < 5; i++)
        {
            await Factory.WriteAsync((connection, transaction, _) =>
                connection.ExecuteAsync(Insert, new { Name = $"row {i}", Size = i }, transaction));
        }

        (await ReadAsync()).Should().Equal(Enumerable.Range(0, 5).Select(i => ($"row {i}", (long?)i)));
        var statements = await WriterStatementsAsync();
        statements.Reused.Should().BeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task A_null_then_a_value_then_a_null_in_the_same_parameter_are_each_bound_afresh()
    {
        await InsertAsync("null first", null);
        await InsertAsync("a value", 42);
        await InsertAsync("null again", null);
        await InsertAsync("text now", "7");

        (await ReadAsync()).Should().Equal(("null first", null), ("a value", 42L), ("null again", null), ("text now", 7L));
    }

    [Fact]
    public async Task A_read_on_a_kept_statement_sees_the_rows_of_its_own_transaction_and_the_parameters_of_its_own_call()
    {
        await InsertAsync("one", 1);
        await InsertAsync("two", 2);

        var read = await Factory.WriteAsync(async (connection, transaction, _) =>
        {
            var sizes = new List<long?>();
            foreach (var name in new[] { "one", "two", "one", "missing" })
            {
                sizes.Add(await connection.QuerySingleOrDefaultAsync<long?>("SELECT Size FROM Rows WHERE Name = @name", new { name }, transaction));
            }

            await connection.ExecuteAsync(Insert, new { Name = "three", Size = 3 }, transaction);
            sizes.Add(await connection.QuerySingleOrDefaultAsync<long?>("SELECT Size FROM Rows WHERE Name = @name", new { name = "three" }, transaction));
            return sizes;
        });

        read.Should().Equal(1, 2, 1, null, 3);
    }

    [Fact]
    public async Task A_write_that_fails_in_a_group_is_undone_alone_and_the_statement_goes_on_working()
    {
        await InsertAsync("taken", 1);

        var duplicate = () => InsertAsync("taken", 2);
        await duplicate.Should().ThrowAsync<SqliteException>();
        await InsertAsync("after", 3);

        var writes = Enumerable.Range(0, 20).Select(i => Task.Run(() => InsertAsync(i % 5 == 0 ? "taken" : $"group {i}", i))).ToList();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return true;
            }
            catch (SqliteException)
            {
                return false;
            }
        }));

        outcomes.Count(ok => !ok).Should().Be(4);
        var rows = await ReadAsync();
        rows.Should().HaveCount(2 + 16);
        rows.Should().Contain(("taken", 1L)).And.Contain(("after", 3L));
    }

    [Fact]
    public async Task A_list_parameter_with_another_parameter_after_it_reads_with_both_each_time()
    {
        await InsertAsync("small", 1);
        await InsertAsync("large", 9);
        await InsertAsync("other", 9);

        for (var i = 0; i < 2; i++)
        {
            var found = await Factory.WriteAsync((connection, transaction, _) => connection.QueryAsync<string>(
                "SELECT Name FROM Rows WHERE Name IN @Names AND Size > @Size ORDER BY Name",
                new { Names = new[] { "small", "large" }, Size = 5 },
                transaction));

            found.Should().Equal("large");
        }
    }

    [Fact]
    public async Task Two_commands_with_the_same_text_open_at_once_each_read_their_own_rows()
    {
        await InsertAsync("a", 1);
        await InsertAsync("b", 2);

        var pairs = await Factory.WriteAsync(async (connection, transaction, cancellationToken) =>
        {
            const string select = "SELECT Name FROM Rows WHERE Size >= @min ORDER BY Name";
            var result = new List<(string, string)>();
            await using var outer = await connection.ExecuteReaderAsync(select, new { min = 1 }, transaction);
            while (await outer.ReadAsync(cancellationToken))
            {
                foreach (var inner in await connection.QueryAsync<string>(select, new { min = 2 }, transaction))
                {
                    result.Add((outer.GetString(0), inner));
                }
            }

            return result;
        });

        pairs.Should().Equal(("a", "b"), ("b", "b"));
    }

    [Fact]
    public async Task A_kept_statement_still_runs_after_another_connection_changed_the_schema()
    {
        await InsertAsync("before", 1);

        await using (var other = await Factory.OpenAsync())
        {
            await other.ExecuteAsync("ALTER TABLE Rows ADD COLUMN Note TEXT NULL; CREATE INDEX IX_Rows_Size ON Rows (Size)");
        }

        await InsertAsync("after", 2);

        (await ReadAsync()).Should().Equal(("before", 1L), ("after", 2L));
    }

    [Fact]
    public async Task Large_values_are_not_kept_in_the_cache()
    {
        var large = new string('x', SqliteStatementCache.LargestKeptValue);
        await Factory.WriteAsync((connection, transaction, _) =>
            connection.ExecuteAsync("INSERT INTO Rows (Name) VALUES (@large)", new { large }, transaction));

        var statements = await WriterStatementsAsync();
        (await Factory.WriteAsync((connection, transaction, _) =>
            connection.ExecuteScalarAsync<long>("SELECT length(Name) FROM Rows", transaction: transaction))).Should().Be(large.Length);
        statements.Count.Should().Be(1, "the read is kept, not the insert that carried the large value");
        statements.RowCount.Should().Be(2, "the group commit's SAVEPOINT and RELEASE are kept as statements bound by position");
    }

    [Fact]
    public async Task Connections_opened_for_reads_keep_their_statements_too()
    {
        await using (var connection = await Factory.OpenAsync())
        {
            await connection.ExecuteAsync(Insert, new { Name = "plain", Size = 1 });
            ((WriterGatedConnection)LentConnection.Sqlite(connection)!).Statements!.Count.Should().Be(1);
        }

        (await ReadAsync()).Should().Equal(("plain", 1L));
    }

    [Fact]
    public async Task Names_given_without_a_prefix_bind_to_the_parameter_the_text_names_whatever_its_prefix()
    {
        await using var connection = await Factory.OpenAsync();

        (await connection.ExecuteScalarAsync<long>("SELECT @A * 100 + @AB * 10 + @A_2", new { A = 1, AB = 2, A_2 = 3 })).Should().Be(123);
        (await connection.ExecuteScalarAsync<long>("SELECT :A * 10 + $B", new { A = 4, B = 5 })).Should().Be(45);
        (await connection.ExecuteScalarAsync<long>("SELECT @A * 100 + @AB * 10 + @A_2", new { A = 6, AB = 7, A_2 = 8 })).Should().Be(678, "the kept statement binds afresh");
        var ambiguous = () => connection.ExecuteScalarAsync<long>("SELECT @A + :A", new { A = 1 });
        await ambiguous.Should().ThrowAsync<InvalidOperationException>("a name the text uses with two prefixes is refused, as the driver does");
    }

    [Fact]
    public async Task A_kept_statement_finds_where_each_name_binds_once_and_binds_it_there_on_every_run()
    {
        const string sql = "SELECT @A * 100 + :B * 10 + @C";
        await using var connection = await Factory.OpenAsync();
        var statements = ((WriterGatedConnection)LentConnection.Sqlite(connection)!).Statements!;

        (await connection.ExecuteScalarAsync<long>(sql, new { A = 1, B = 2, C = 3 })).Should().Be(123);
        statements.BoundNamesOf(sql).Should().BeEquivalentTo(new Dictionary<string, string> { ["A"] = "@A", ["B"] = "B", ["C"] = "@C" });

        (await connection.ExecuteScalarAsync<long>(sql, new { A = 4, B = 5, C = 6 })).Should().Be(456, "the names found on the first run bind the second");
        var prefixed = new DynamicParameters();
        prefixed.Add("@A", 7);
        prefixed.Add(":B", 8);
        prefixed.Add("C", 9);
        (await connection.ExecuteScalarAsync<long>(sql, prefixed)).Should().Be(789, "Dapper gives these names without their prefixes too");
        statements.BoundNamesOf(sql).Should().HaveCount(3);
    }

    [Theory]
    [InlineData("SELECT @A + @AB", "A", true)]
    [InlineData("SELECT @AB", "A", false)]
    [InlineData("SELECT @Name", "name", false)]
    [InlineData("SELECT :A", "A", false)]
    [InlineData("SELECT @A, $A", "A", false)]
    [InlineData("SELECT @A", "@A", false)]
    [InlineData("SELECT A FROM T WHERE A = @A", "A", true)]
    [InlineData("A", "A", false)]
    public void A_name_is_prefixed_only_when_the_text_uses_it_as_at_name_alone(string text, string name, bool prefixed) =>
        CachedStatementCommand.ShouldPrefix(text, name).Should().Be(prefixed);

    private Task<int> InsertAsync(string name, object? size) =>
        Factory.WriteAsync((connection, transaction, _) => connection.ExecuteAsync(Insert, new { Name = name, Size = size }, transaction));

    private async Task<List<(string Name, long? Size)>> ReadAsync()
    {
        await using var connection = await Factory.OpenAsync();
        return (await connection.QueryAsync<(string, long?)>("SELECT Name, Size FROM Rows ORDER BY Id")).ToList();
    }

    private Task<SqliteStatementCache> WriterStatementsAsync() =>
        Factory.WriteAsync((connection, _, _) => Task.FromResult(((WriterGatedConnection)connection).Statements!));
}
