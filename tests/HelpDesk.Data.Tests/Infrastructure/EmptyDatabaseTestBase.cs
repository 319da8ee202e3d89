using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// A test class that needs a database with no migration applied: made on first use for its provider (skipped on SQL
/// Server when none is configured) and deleted after the test.
/// </summary>
public abstract class EmptyDatabaseTestBase : IDisposable
{
    private TestDatabase? _db;

    protected abstract DatabaseProvider Provider { get; }

    public void Dispose()
    {
        _db?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected TestDatabase Database()
    {
        if (_db is null)
        {
            Skip.If(
                Provider == DatabaseProvider.SqlServer && TestDatabase.SqlServerConnectionString is null,
                $"{TestDatabase.SqlServerVariable} is not set: no SQL Server to run against.");
            _db = Provider == DatabaseProvider.SqlServer ? TestDatabase.EmptySqlServer() : TestDatabase.EmptySqlite();
        }

        return _db;
    }
}
