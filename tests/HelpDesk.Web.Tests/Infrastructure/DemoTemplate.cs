using Microsoft.Data.Sqlite;

namespace HelpDesk.Web.Tests.Infrastructure;

/// <summary>
/// The demo seeded once per test run into a template database that each app factory on the default settings copies
/// before it starts, instead of seeding a year of history again: the app finds the demo there and goes on as it
/// does on any seeded installation. The demo is written relative to the moment it is seeded, so a template older than
/// <see cref="FreshFor"/> or from another UTC day is seeded again, and what a test reads as "now" in the demo stays
/// within minutes of its own clock.
/// </summary>
internal static class DemoTemplate
{
    private static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(20);
    private static readonly Lock Gate = new();
    private static string? _file;
    private static DateTime _seededUtc;

    /// <summary>Copies a fresh template to <paramref name="databaseFile"/>.</summary>
    public static void CopyTo(string databaseFile)
    {
        string template;
        lock (Gate)
        {
            var now = DateTime.UtcNow;
            if (_file is null || _seededUtc.Date != now.Date || now - _seededUtc > FreshFor)
            {
                var old = _file;
                _file = Seed();
                _seededUtc = now;
                TryDelete(old);
            }

            template = _file;
        }

        File.Copy(template, databaseFile, overwrite: true);
    }

    private static string Seed()
    {
        var file = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"demo-template-{Guid.NewGuid():N}.db");
        using var seeding = new Seeding();
        _ = seeding.Services; // starts the app, which seeds the demo
        using var connection = new SqliteConnection($"Data Source={seeding.DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        // One consistent copy of the seeded file, whatever is still in its write-ahead log.
        command.CommandText = "VACUUM INTO $file";
        command.Parameters.AddWithValue("$file", file);
        command.ExecuteNonQuery();
        return file;
    }

    private static void TryDelete(string? file)
    {
        if (file is null)
        {
            return;
        }

        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // A factory may be copying it this moment; the temp cleaner takes it later.
        }
    }

    /// <summary>The app on the default settings seeding its own demo, which the template is copied from.</summary>
    private sealed class Seeding() : HelpDeskAppFactory(new Dictionary<string, string?>(), useTemplate: false);
}
