using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Seeding;
using HelpDesk.Data.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks.Tickets;

/// <summary>
/// A SQLite file holding the generated help desk of <see cref="TicketVolume"/> (the same as the app's <c>seed</c>
/// command writes; its people sign in with the demo password). Generating a million tickets takes a while, so the file
/// is kept (see <see cref="CachedDataset"/>): a rerun reuses it, and a schema or generator change makes a new one.
/// </summary>
internal static class TicketDataset
{
    public static DateTime NowUtc => TicketVolume.NowUtc;

    /// <summary>How many tickets: <c>HELPDESK_BENCH_TICKETS</c> (for a quick run, say 100000), else a million.</summary>
    public static int TicketCount =>
        int.TryParse(Environment.GetEnvironmentVariable("HELPDESK_BENCH_TICKETS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : 1_000_000;

    public static string ConnectionString(string file) => CachedDataset.ConnectionString(file);

    public static string Ensure(int count) =>
        CachedDataset.Ensure(Path.GetTempPath(), "tickets", $"volume {TicketVolume.Version}", count, Generate);

    private static void Generate(string file, int count)
    {
        File.Delete(file);
        var connectionString = ConnectionString(file);
        BenchmarkDatabase.Migrate(connectionString);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;";
            pragmas.ExecuteNonQuery();
        }

        var hash = new PasswordHasher<HelpDeskUser>().HashPassword(new HelpDeskUser(), Web.Demo.DemoData.DefaultPassword);
        new TicketVolume(connection, SqlDialect.Sqlite).Generate(count, hash);
        TicketSearchIndex.IndexPendingAsync(connection, SqlDialect.Sqlite).GetAwaiter().GetResult();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }
}
