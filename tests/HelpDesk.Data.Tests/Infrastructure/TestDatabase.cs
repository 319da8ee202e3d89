using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Migrations;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test class: a temporary SQLite file, or — when the environment variable
/// <c>HELPDESK_TEST_SQLSERVER</c> holds a connection string — a new database on that server, dropped afterwards.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string SqlServerVariable = "HELPDESK_TEST_SQLSERVER";

    private readonly string? _sqliteFile;
    private readonly string? _sqlServerDatabase;
    private readonly string? _sqlServerMaster;

    private TestDatabase(DatabaseOptions options, string? sqliteFile, string? sqlServerDatabase, string? sqlServerMaster)
    {
        Options = options;
        _sqliteFile = sqliteFile;
        _sqlServerDatabase = sqlServerDatabase;
        _sqlServerMaster = sqlServerMaster;
        Unrecorded = DbConnectionFactory.Create(options);
        Connections = new RecordingConnectionFactory(Unrecorded);
        DapperConfiguration.EnsureConfigured();
    }

    public DatabaseOptions Options { get; }

    /// <summary>Connections whose every executed statement is remembered (see <see cref="RecordingConnectionFactory"/>).</summary>
    public RecordingConnectionFactory Connections { get; }

    /// <summary>
    /// The same database through the product's own factory, unwrapped: the connections the app gets, for code that
    /// takes a faster path on the engine's own connection (SQLite's prepared statements).
    /// </summary>
    public IDbConnectionFactory Unrecorded { get; }

    public static string? SqlServerConnectionString => Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } value ? value : null;

    /// <summary>An empty SQLite file with no migrations applied.</summary>
    public static TestDatabase EmptySqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString;
        return new TestDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, connectionString), file, null, null);
    }

    /// <summary>An empty database on the server named by HELPDESK_TEST_SQLSERVER; call only when it is set.</summary>
    public static TestDatabase EmptySqlServer()
    {
        var server = SqlServerConnectionString ?? throw new InvalidOperationException($"{SqlServerVariable} is not set.");
        var name = $"helpdesk_test_{Guid.NewGuid():N}";
        var master = new SqlConnectionStringBuilder(server) { InitialCatalog = "master" }.ConnectionString;
        using (var connection = new SqlConnection(master))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE [{name}]";
            command.ExecuteNonQuery();
        }

        var connectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ConnectionString;
        return new TestDatabase(new DatabaseOptions(DatabaseProvider.SqlServer, connectionString), null, name, master);
    }

    public static TestDatabase MigratedSqlite() => EmptySqlite().Migrate();

    public static TestDatabase MigratedSqlServer() => EmptySqlServer().Migrate();

    public static TestDatabase Migrated(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? MigratedSqlServer() : MigratedSqlite();

    public TestDatabase Migrate()
    {
        var result = new MigrationRunner(Options, NullLogger<MigrationRunner>.Instance).Run();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.FailedScript} failed: {result.Error}");
        }

        return this;
    }

    public void Dispose()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // A file still held open is left for the OS temp cleaner; it never affects another test.
                }
            }
        }

        if (_sqlServerDatabase is not null)
        {
            SqlConnection.ClearAllPools();
            using var connection = new SqlConnection(_sqlServerMaster);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"ALTER DATABASE [{_sqlServerDatabase}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_sqlServerDatabase}]";
            command.ExecuteNonQuery();
        }
    }
}
