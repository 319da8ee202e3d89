using Dapper;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Web.Tests.Demo;

/// <summary>
/// The demo is written in one transaction: a start whose seed fails half-way leaves no demo at all, so the next start,
/// which looks for the first demo account to decide whether to seed, finds none and seeds the whole demo.
/// </summary>
public sealed class DemoSeedAllOrNothingTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"seed-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Seed_ThatFailsHalfWay_LeavesNoDemo_AndTheNextStartSeedsItAll()
    {
        using (var schemaOnly = new OnFile(_file, seed: false))
        {
            _ = schemaOnly.Services;
        }

        // The 200th demo ticket cannot be written, as on a disk that fills up in the middle of the seed.
        await ExecuteAsync("""
            CREATE TRIGGER FailMidSeed BEFORE INSERT ON Tickets WHEN (SELECT COUNT(*) FROM Tickets) >= 199
            BEGIN SELECT RAISE(ABORT, 'the disk filled up mid-seed'); END;
            """);
        using (var failing = new OnFile(_file, seed: true))
        {
            var start = () => failing.Services;

            start.Should().Throw<Exception>().Which.ToString().Should().Contain("the disk filled up mid-seed");
        }

        (await CountAsync("Tickets")).Should().Be(0);
        (await CountAsync("Organisations")).Should().Be(0);
        (await CountAsync("Users")).Should().Be(0);

        await ExecuteAsync("DROP TRIGGER FailMidSeed");
        using (var again = new OnFile(_file, seed: true))
        {
            _ = again.Services;
        }

        int seeded;
        using (var complete = new HelpDeskAppFactory())
        {
            await using var connection = await complete.Connections.OpenAsync();
            seeded = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets");
        }

        (await CountAsync("Tickets")).Should().Be(seeded).And.BeGreaterThan(199);
        (await CountAsync("Users")).Should().Be(HelpDesk.Web.Demo.DemoData.People.Count);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={_file};Mode=ReadOnly");
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>The app on a database file that outlives it, with the demo seeded or not.</summary>
    private sealed class OnFile(string databaseFile, bool seed) : HelpDeskAppFactory(new Dictionary<string, string?>
    {
        ["ConnectionStrings:HelpDesk"] = $"Data Source={databaseFile}",
        ["Demo:Seed"] = seed ? "true" : "false",
    });
}
