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
        Factory = new SqliteConnectionFactory(new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ConnectionString);
        using var connection = Factory.Open();
        connection.Execute(createTable);
    }

    protected SqliteConnectionFactory Factory { get; }

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
