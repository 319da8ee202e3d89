using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Benchmarks;

/// <summary>The schema every benchmark starts from: the app's own migrations applied to a SQLite file.</summary>
public static class BenchmarkDatabase
{
    public static DatabaseOptions Migrate(string connectionString)
    {
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, connectionString);
        var migration = new MigrationRunner(options, NullLogger<MigrationRunner>.Instance).Run();
        if (!migration.Successful)
        {
            throw new InvalidOperationException($"Migration {migration.FailedScript} failed: {migration.Error}");
        }

        return options;
    }

    /// <summary>
    /// A bare connection for the raw baselines, with the settings the app gives each of its connections, set on every
    /// open as a baseline without the app's own savings.
    /// </summary>
    public static async Task<SqliteConnection> OpenRawAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> (one or more statements) on a bare connection; the rows it changed.</summary>
    public static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
