using Dapper;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>What SQLite is told once for the process, before the factory's first connection.</summary>
public sealed class SqliteProcessTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.Migrated(DatabaseProvider.Sqlite);

    [Fact]
    public async Task SQLite_counts_no_memory_once_the_factory_configured_it_before_the_first_connection()
    {
        var factory = new SqliteConnectionFactory(_db.Options.ConnectionString);
        await using var connection = await factory.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE Scratch (Bytes BLOB); INSERT INTO Scratch VALUES (randomblob(1000000));");
        (await connection.ExecuteScalarAsync<long>("SELECT SUM(length(Bytes)) FROM Scratch")).Should().Be(1_000_000);

        SqliteProcess.MemoryStatisticsOff.Should().BeTrue("the factory's type initializer ran before any connection opened");
        SQLitePCL.raw.sqlite3_memory_used().Should().Be(0, "SQLite keeps no count of what it allocates");
    }

    public void Dispose() => _db.Dispose();
}
