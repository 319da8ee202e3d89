using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// Statements bound by position on SQLite's own compiled statement: kept on the writer's connection and run again with
/// other values and nulls, the id of an insert given back, and a parameter object they cannot bind refused before
/// anything is written, leaving the kept statement ready for the next run.
/// </summary>
public sealed class SqliteRowStatementTests()
    : SqliteFileFactoryTestBase("row-statements", "CREATE TABLE Rows (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL UNIQUE, Size INTEGER NULL)")
{
    private const string Insert = "INSERT INTO Rows (Name, Size) VALUES (@Name, @Size) RETURNING Id";

    [Fact]
    public async Task A_kept_statement_runs_again_with_other_values_and_nulls_and_gives_each_new_id()
    {
        var first = await WriteAsync(Insert, new { Name = "first", Size = (int?)3 });
        var second = await WriteAsync(Insert, new { Name = "second", Size = (int?)null });
        var changed = await Factory.WriteAsync((connection, transaction, ct) =>
            SqliteRowStatement.ExecuteAsync(connection, transaction, "UPDATE Rows SET Size = @Size WHERE Size IS NULL", new { Size = 7L }, ct));

        second.Should().Be(first + 1);
        changed.Should().Be(1);
        (await Factory.WriteAsync((connection, _, _) => Task.FromResult(((WriterGatedConnection)connection).Statements!.RowCount)))
            .Should().Be(4, "the insert, the update, and the group commit's SAVEPOINT and RELEASE are each kept once");
        await using var read = await Factory.OpenAsync();
        (await read.QueryAsync<(string, long?)>("SELECT Name, Size FROM Rows ORDER BY Id")).Should().Equal(("first", 3L), ("second", 7L));
    }

    [Fact]
    public async Task Parameters_it_cannot_bind_are_refused_and_the_statement_still_runs_after()
    {
        var missing = () => WriteAsync(Insert, new { Name = "no size" });
        var unsupported = () => WriteAsync(Insert, new { Name = "a decimal", Size = 1.5m });
        var duplicate = () => WriteAsync(Insert, new { Name = "kept", Size = 1 });

        await missing.Should().ThrowAsync<InvalidOperationException>().WithMessage("*@Size*");
        await unsupported.Should().ThrowAsync<NotSupportedException>().WithMessage("*Decimal*");
        await WriteAsync(Insert, new { Name = "kept", Size = 1 });
        (await duplicate.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(SQLitePCL.raw.SQLITE_CONSTRAINT);
        await WriteAsync(Insert, new { Name = "after", Size = 2 });

        await using var read = await Factory.OpenAsync();
        (await read.QueryAsync<string>("SELECT Name FROM Rows ORDER BY Id")).Should().Equal("kept", "after");
    }

    private Task<long> WriteAsync(string sql, object parameters) =>
        Factory.WriteAsync((connection, transaction, ct) => SqliteRowStatement.ScalarAsync(connection, transaction, sql, parameters, ct));
}
