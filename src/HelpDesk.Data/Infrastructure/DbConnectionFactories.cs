using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Infrastructure;

public static class DbConnectionFactory
{
    public static IDbConnectionFactory Create(DatabaseOptions options)
    {
        DapperConfiguration.EnsureConfigured();
        return options.Provider switch
        {
            DatabaseProvider.SqlServer => new SqlServerConnectionFactory(options.ConnectionString),
            _ => new SqliteConnectionFactory(options.ConnectionString),
        };
    }
}

public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;

    public SqliteConnectionFactory(string connectionString)
    {
        _connectionString = connectionString;
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(folder) && file != ":memory:")
        {
            // Built while start-up resolves its services, before the reachability check: report the setting, not a crash.
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DatabaseConfigurationException(
                    $"The folder of the SQLite file named by {DatabaseOptions.ConnectionStringSetting} ({folder}) cannot be created: {ex.Message}");
            }
        }
    }

    // WAL lets readers go on while one writer writes, and is stored in the file: set once per factory.
    // Foreign keys (off by default in SQLite) and the sync level are per connection. So is the busy timeout:
    // with it SQLite waits for another writer in steps of a few milliseconds, where the driver's own retry
    // sleeps 150 ms, which cut filing by 8 callers at once to a third of a single caller's rate. It comes first,
    // so that switching to WAL, which needs the file to itself, also waits for a writer on another process or factory.
    // Transactions begin IMMEDIATE (the driver's default): a writer takes the write lock up front and waits for it
    // under the busy timeout, instead of reading first and then failing to upgrade when another writer got in between.
    private const string FirstConnectionPragmas = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    private volatile bool _walSet;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = _walSet ? ConnectionPragmas : FirstConnectionPragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            _walSet = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = _walSet ? ConnectionPragmas : FirstConnectionPragmas;
            pragma.ExecuteNonQuery();
            _walSet = true;
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

public sealed class SqlServerConnectionFactory(string connectionString) : IDbConnectionFactory
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public SqlDialect Dialect => SqlDialect.SqlServer;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbConnection Open()
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
