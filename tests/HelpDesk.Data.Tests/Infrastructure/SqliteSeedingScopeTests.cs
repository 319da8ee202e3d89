using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// Inside a seeding scope the factory's connections and writes are one connection and one transaction: the scope's reads
/// see its writes, other connections see nothing until the commit, and a scope that ends without committing leaves
/// nothing behind. A write or a store transaction that fails inside it is undone alone.
/// </summary>
public sealed class SqliteSeedingScopeTests() : SqliteFileFactoryTestBase("seeding", "CREATE TABLE Rows (Id INTEGER PRIMARY KEY, Writer TEXT NOT NULL)")
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Reads_in_the_scope_see_its_writes_and_other_connections_see_them_only_after_the_commit()
    {
        using (var seeding = Factory.BeginSeeding())
        {
            await Factory.WriteAsync((c, t, _) => c.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('write')", transaction: t));
            await using (var store = await Factory.OpenAsync())
            {
                await using var transaction = await store.BeginTransactionAsync();
                await store.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('store')", transaction: transaction);
                await transaction.CommitAsync();
            }

            await using (var reader = await Factory.OpenAsync())
            {
                (await reader.QueryAsync<string>("SELECT Writer FROM Rows ORDER BY Id")).Should().Equal("write", "store");
            }

            (await OthersSeeAsync()).Should().BeEmpty("the scope has not committed");
            seeding.Commit();
        }

        (await OthersSeeAsync()).Should().Equal("write", "store");
    }

    [Fact]
    public async Task A_scope_that_ends_without_committing_leaves_nothing_and_the_factory_opens_its_own_connections_again()
    {
        using (Factory.BeginSeeding())
        {
            await Factory.WriteAsync((c, t, _) => c.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('lost')", transaction: t));
        }

        await Factory.WriteAsync((c, t, _) => c.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('after')", transaction: t));

        (await OthersSeeAsync()).Should().Equal("after");
    }

    [Fact]
    public async Task A_write_or_store_transaction_that_fails_is_undone_alone()
    {
        using (var seeding = Factory.BeginSeeding())
        {
            await Factory.WriteAsync((c, t, _) => c.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('kept')", transaction: t));
            var failing = () => Factory.WriteAsync<int>(async (c, t, _) =>
            {
                await c.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('failed write')", transaction: t);
                throw new InvalidOperationException("the write fails");
            });
            await failing.Should().ThrowAsync<InvalidOperationException>();
            await using (var store = await Factory.OpenAsync())
            {
                await using var transaction = await store.BeginTransactionAsync();
                await store.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('rolled back')", transaction: transaction);
                await transaction.RollbackAsync();
            }

            await using (var store = await Factory.OpenAsync())
            {
                await using var abandoned = await store.BeginTransactionAsync();
                await store.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('abandoned')", transaction: abandoned);
            }

            await Factory.WriteAsync((c, t, _) => c.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('also kept')", transaction: t));
            seeding.Commit();
        }

        (await OthersSeeAsync()).Should().Equal("kept", "also kept");
    }

    [Fact]
    public async Task Code_outside_the_scope_gets_its_own_connection_and_writes_after_the_commit()
    {
        Task<int> outside;
        using (var seeding = Factory.BeginSeeding())
        {
            await Factory.WriteAsync((c, t, _) => c.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('seed')", transaction: t));

            // Another request or a background job: it does not flow from the seeding code.
            var read = Elsewhere(async () =>
            {
                await using var own = await Factory.OpenAsync();
                return (await own.QueryAsync<string>("SELECT Writer FROM Rows")).AsList();
            });
            (await read.WaitAsync(Generous)).Should().BeEmpty("the scope has not committed");
            outside = Elsewhere(() => Factory.WriteAsync((c, t, _) => c.ExecuteAsync("INSERT INTO Rows (Writer) VALUES ('outside')", transaction: t)));

            seeding.Commit();
        }

        (await outside.WaitAsync(Generous)).Should().Be(1);
        (await OthersSeeAsync()).Should().Equal("seed", "outside");
    }

    private static Task<T> Elsewhere<T>(Func<Task<T>> work)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(work);
        }
    }

    private async Task<IReadOnlyList<string>> OthersSeeAsync()
    {
        await using var other = new SqliteConnection(ConnectionString);
        await other.OpenAsync();
        return [.. await other.QueryAsync<string>("SELECT Writer FROM Rows ORDER BY Id")];
    }
}
