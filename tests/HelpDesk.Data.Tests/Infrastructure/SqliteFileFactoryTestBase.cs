using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>A pooled <see cref="SqliteConnectionFactory"/> over a SQLite file of its own with one table, deleted afterwards.</summary>
public abstract class SqliteFileFactoryTestBase : IDisposable
{
    private readonly string _file;

    protected SqliteFileFactoryTestBase(string name, string createTable)
    {
        _file = Path.Combine(Path.GetTempPath(), $"helpdesk-{name}-{Guid.NewGuid():N}.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ConnectionString;
        Factory = new SqliteConnectionFactory(ConnectionString);
        using var connection = Factory.Open();
        connection.Execute(createTable);
    }

    protected SqliteConnectionFactory Factory { get; }

    /// <summary>For a connection of the test's own, outside the factory.</summary>
    protected string ConnectionString { get; }

    public void Dispose()
    {
        Factory.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }

        GC.SuppressFinalize(this);
    }
}
