using Dapper;
using HelpDesk.Web.Demo;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Web.Tests.Demo;

/// <summary>
/// The demo's history is written from a recording (<see cref="DemoHistory"/>) at start-up: the rows written from it
/// read as the use cases' rows do, as of the real now.
/// </summary>
public sealed class DemoHistoryTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task RecordedHistory_IsWrittenAsOfNow_WithItsSearchIndex_OpenCounts_AndFreshMessageIds()
    {
        await using var connection = await app.Connections.OpenAsync();
        var now = DateTime.UtcNow;

        var tickets = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets");
        var newest = DateTime.Parse(await connection.ExecuteScalarAsync<string>("SELECT MAX(CreatedUtc) FROM Tickets") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        newest.Should().BeBefore(now).And.BeAfter(now.AddHours(-2), "the newest demo tickets were filed minutes before the demo was seeded");

        var embedded = DemoHistory.Embedded();
        embedded.Should().NotBeNull("the app carries its recorded demo history");
        var recording = System.Text.Encoding.UTF8.GetString(embedded!);
        tickets.Should().Be(RecordedRows(recording, "Tickets"), "every ticket of the recording is written, and nothing else");

        // The triggers the use cases' writes fire, fired by the inserts: the text search finds a demo ticket by a word
        // of its replies, and each engineer's open count is their open tickets.
        var (id, reply) = await connection.QuerySingleAsync<(long, string)>(
            "SELECT TicketId, BodyText FROM TicketMessages WHERE Kind = 'Reply' ORDER BY Id LIMIT 1");
        var word = reply.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new string([.. w.Where(char.IsLetter)])).First(w => w.Length > 6);
        var found = await connection.QueryAsync<long>("SELECT rowid FROM TicketSearch WHERE TicketSearch MATCH @Word", new { Word = "Replies:" + word });
        found.Should().Contain(id);
        var wrongCounts = await connection.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM EngineerProfiles e
            WHERE e.OpenTickets <> (SELECT COUNT(*) FROM Tickets t WHERE t.AssigneeId = e.UserId AND t.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold'))
            """);
        wrongCounts.Should().Be(0);
        // The inserts queue the demo's tickets in the economics change log, which the rollup run after start-up reads.
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(DISTINCT TicketId) FROM TicketDayFacts")).Should().BeGreaterThan(tickets / 2);

        // A Message-ID's random part is made at the seed, never taken from the recording; one id stays one id.
        var messageIds = (await connection.QueryAsync<string>("SELECT MessageId FROM OutboxMessages WHERE MessageId IS NOT NULL")).ToList();
        messageIds.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        messageIds.Should().NotContain(m => recording.Contains(m.Split('@')[0], StringComparison.Ordinal));
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TicketMailIds m WHERE NOT EXISTS (SELECT 1 FROM OutboxMessages o WHERE o.MessageId = m.MessageId)"))
            .Should().Be(0, "the ticket's mail ids are those of its outbox messages");
    }

    [Fact]
    public async Task RecordedHistory_IsNotWritten_WhenTheRowsBeforeItAreNotTheRecordings()
    {
        // An installation whose earlier demo rows differ (here: none at all) would get ids that name other rows.
        using var empty = new WithoutDemo();
        _ = empty.Services;
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={empty.DatabaseFile}");
        await connection.OpenAsync();

        var written = await DemoHistory.TryWriteAsync(connection, DemoHistory.Embedded()!, DateTime.UtcNow, _ => "");

        written.Should().BeFalse();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets")).Should().Be(0);
    }

    private static int RecordedRows(string recording, string table)
    {
        var rows = 0;
        var inTable = false;
        foreach (var line in recording.Split('\n'))
        {
            if (line.StartsWith('{'))
            {
                inTable = line.StartsWith($$"""{"table":"{{table}}",""", StringComparison.Ordinal);
            }
            else if (inTable && line.StartsWith('['))
            {
                rows++;
            }
        }

        return rows;
    }
}

/// <summary>The app on an empty database with no demo.</summary>
internal sealed class WithoutDemo() : HelpDeskAppFactory(new Dictionary<string, string?> { [DemoPasswords.SeedSetting] = "false" });

/// <summary>The recording the app carries stays what the use cases write (<see cref="DemoHistory"/>).</summary>
public sealed class DemoHistoryRecordingTests
{
    /// <summary>Set to any value, the test below writes the recording it makes into the source tree instead of comparing.</summary>
    private const string RecordVariable = "HELPDESK_RECORD_DEMO_HISTORY";

    private const string RecordCommand =
        $"{RecordVariable}=1 dotnet test tests/HelpDesk.Web.Tests -c Release --filter \"FullyQualifiedName~DemoHistoryRecordingTests\"";

    [Fact]
    public void Recording_IsWhatTheUseCasesWrite_AtTheReferenceClock()
    {
        var file = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"demo-history-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var recording = new Recording(file))
            {
                _ = recording.Services; // starts the app, which seeds the demo through the use cases and records it
            }

            var recorded = File.ReadAllText(file);
            if (Environment.GetEnvironmentVariable(RecordVariable) is not null)
            {
                File.WriteAllText(Path.Combine(RepositoryRoot(), "src", "HelpDesk.Web", "Demo", "DemoHistory.jsonl"), recorded);
                return;
            }

            var committed = DemoHistory.Embedded() is { } embedded ? System.Text.Encoding.UTF8.GetString(embedded) : "";
            var firstDifference = recorded.Split('\n').Zip(committed.Split('\n'), (r, c) => (r, c)).Select((pair, line) => (pair, line))
                .FirstOrDefault(x => x.pair.r != x.pair.c);
            recorded.Should().Be(
                committed,
                $"the committed demo history must be what the use cases write (first difference at line {firstDifference.line + 1}); write it again with `{RecordCommand}` and rebuild");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HelpDesk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (HelpDesk.sln) was not found above the test's folder.");
    }

    /// <summary>The app seeding the demo through the use cases with its clock at the recording's reference moment, recording it.</summary>
    private sealed class Recording(string file) : HelpDeskAppFactory(new Dictionary<string, string?> { [DemoData.RecordHistorySetting] = file })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(DemoHistory.ReferenceUtc))));
        }
    }
}
