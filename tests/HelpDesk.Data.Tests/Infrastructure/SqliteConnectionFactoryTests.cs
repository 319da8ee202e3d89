using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// The per-connection settings run once for each of the driver's pooled connections, and every connection the factory
/// hands out has them: foreign keys, the busy timeout, the sync level and the checkpoint mode in force.
/// </summary>
public sealed class SqliteConnectionFactoryTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"helpdesk-pool-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_pooled_connection_keeps_its_settings_when_opened_again()
    {
        var factory = new SqliteConnectionFactory(new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ConnectionString);
        object first;
        await using (var connection = await factory.OpenAsync())
        {
            first = LentConnection.Sqlite(connection)!.Handle!;
        }

        await using var again = await factory.OpenAsync();

        LentConnection.Sqlite(again)!.Handle.Should().BeSameAs(first, "the pool hands back the same SQLite connection");
        (await SettingsAsync(again)).Should().Be((1L, 30000L, 1L, 1000L, "wal"));
    }

    [Fact]
    public async Task A_pooled_connection_takes_the_checkpoint_mode_in_force_when_it_changes()
    {
        var factory = new SqliteConnectionFactory(new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ConnectionString);
        await using (var connection = await factory.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint")).Should().Be(1000);
        }

        factory.CheckpointsInBackground = true;
        await using (var connection = await factory.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint")).Should().Be(0);
        }

        factory.CheckpointsInBackground = false;
        var synchronous = factory.Open();
        await using (synchronous)
        {
            (await SettingsAsync(synchronous)).Should().Be((1L, 30000L, 1L, 1000L, "wal"));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static async Task<(long ForeignKeys, long BusyTimeout, long Synchronous, long Autocheckpoint, string JournalMode)> SettingsAsync(System.Data.Common.DbConnection connection) => (
        await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"),
        await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"),
        await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"),
        await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"),
        (await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"))!);
}
