using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Migrations;
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
}
