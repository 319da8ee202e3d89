using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// Base of every data test class that runs on both engines. A subclass per provider picks the engine; the
/// SQL Server subclass reports its tests as skipped when HELPDESK_TEST_SQLSERVER is not set. Tests must be
/// <c>[SkippableFact]</c> and reach the database through <see cref="Db"/>.
/// </summary>
public abstract class ProviderTestBase : IDisposable
{
    private TestDatabase? _db;

    protected abstract DatabaseProvider Provider { get; }

    protected TestDatabase Db
    {
        get
        {
            if (_db is null)
            {
                Skip.If(
                    Provider == DatabaseProvider.SqlServer && TestDatabase.SqlServerConnectionString is null,
                    $"{TestDatabase.SqlServerVariable} is not set: no SQL Server to run against.");
                _db = TestDatabase.Migrated(Provider);
            }

            return _db;
        }
    }

    protected IDbConnectionFactory Connections => Db.Connections;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || _db is null)
        {
            return;
        }

        var statements = _db.Connections.Statements;
        _db.Dispose();

        // Every statement a store ran on SQLite must also be T-SQL: one SQL text serves both engines.
        if (Provider == DatabaseProvider.Sqlite)
        {
            TSqlCompatibility.Problems(statements).Should().BeEmpty("the stores' SQL must parse as T-SQL too");
        }
    }
}
