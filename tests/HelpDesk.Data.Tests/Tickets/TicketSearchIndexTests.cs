using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tickets;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Data.Tests.Tickets;

/// <summary>
/// Writes only log a ticket for the text search index; the index writes each logged ticket's document whole, in
/// batches, in the background and before a search, so a search finds what was committed before it.
/// </summary>
public abstract class TicketSearchIndexTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task Writes_OnlyLogTheTicket_AndIndexingWritesItsDocumentWhole()
    {
        var org = await TestRows.OrganisationAsync(Connections, "Alpha");
        var customer = await TestRows.UserAsync(Connections, "casey@alpha.example", org);
        var id = await InsertTicketAsync(org, customer, "Printer offline");
        await TestRows.MessageAsync(Connections, id, "Reply", "The spooler stopped overnight.", Now);
        await TestRows.MessageAsync(Connections, id, "Note", "Driver rollback pending.", Now);
        await using (var connection = await Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Tickets SET Subject = 'Printer jammed', Version = Version + 1 WHERE Id = @Id", new { Id = id });
        }

        (await DocumentAsync(id)).Should().BeNull("the writes themselves no longer index");
        (await LoggedAsync()).Should().Equal([id, id, id, id], "the ticket, each message and the new subject are logged");

        (await TicketSearchIndex.IndexPendingAsync(Connections)).Should().Be(4);

        var document = await DocumentAsync(id);
        document.Should().NotBeNull();
        document!.Subject.Should().Be("Printer jammed");
        document.Requester.Should().Contain("casey@alpha.example");
        document.Replies.Should().Contain("The spooler stopped overnight.");
        document.Notes.Should().Contain("Driver rollback pending.");
        (await LoggedAsync()).Should().BeEmpty("what was indexed is no longer logged");
        (await TicketSearchIndex.IndexPendingAsync(Connections)).Should().Be(0);
    }

    [SkippableFact]
    public async Task Search_FindsAReplyCommittedJustBefore_WithoutTheBackgroundIndexer()
    {
        var org = await TestRows.OrganisationAsync(Connections, "Alpha");
        var customer = await TestRows.UserAsync(Connections, "casey@alpha.example", org);
        var id = await InsertTicketAsync(org, customer, "Question");
        await TicketSearchIndex.IndexPendingAsync(Connections);
        await TestRows.MessageAsync(Connections, id, "Reply", "The zephyr gateway crashed.", Now);

        var found = await TestStores.Tickets(Connections).ListAsync(new TicketQuery { Scope = TicketScope.Staff, Text = "zephyr" });

        found.Items.Select(t => t.Id).Should().Equal([id], "a search indexes what is logged before it reads the index");
        (await LoggedAsync()).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Search_ReadsTheIndexAsItIs_WhenIndexingFirstFails_AndTheLogKeepsTheChange()
    {
        Skip.If(Provider != DatabaseProvider.Sqlite, "the failure is made with a SQLite trigger");
        var org = await TestRows.OrganisationAsync(Connections, "Alpha");
        var customer = await TestRows.UserAsync(Connections, "casey@alpha.example", org);
        var id = await InsertTicketAsync(org, customer, "Printer offline");
        await TicketSearchIndex.IndexPendingAsync(Connections);
        await TestRows.MessageAsync(Connections, id, "Reply", "The zephyr gateway crashed.", Now);
        // Not SQL the app runs: on a connection the test does not check as T-SQL.
        await using (var connection = await Db.Unrecorded.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TRIGGER TR_Test_NoForgetting BEFORE DELETE ON TicketSearchChanges BEGIN SELECT RAISE(ABORT, 'indexing fails'); END");
        }

        var store = TestStores.Tickets(Connections);
        (await store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Text = "printer" })).Items.Select(t => t.Id).Should().Equal([id]);
        (await store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Text = "zephyr" })).Items.Should().BeEmpty("the reply is not indexed yet");
        (await LoggedAsync()).Should().Equal([id], "the reply stays logged for the next run");
    }

    [SkippableFact]
    public async Task IndexPending_ReadsTheLogInBatches_UntilItIsEmpty()
    {
        var org = await TestRows.OrganisationAsync(Connections, "Alpha");
        var customer = await TestRows.UserAsync(Connections, "casey@alpha.example", org);
        const int count = (TicketSearchIndex.Batch * 2) + 7;
        await using (var connection = await Connections.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            for (var n = 0; n < count; n++)
            {
                await connection.ExecuteAsync(InsertTicketSql, TicketArgs(org, customer, $"Backlog ticket {n}"), transaction);
            }

            await transaction.CommitAsync();
        }

        (await TicketSearchIndex.IndexPendingAsync(Connections)).Should().Be(count);

        await using var reader = await Connections.OpenAsync();
        (await reader.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TicketSearch")).Should().Be(count);
        (await LoggedAsync()).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Indexing_DropsTheDocumentOfATicketDeletedSinceItWasLogged()
    {
        var org = await TestRows.OrganisationAsync(Connections, "Alpha");
        var customer = await TestRows.UserAsync(Connections, "casey@alpha.example", org);
        var id = await InsertTicketAsync(org, customer, "Filed by mistake");
        await TicketSearchIndex.IndexPendingAsync(Connections);
        await using (var connection = await Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Tickets SET Subject = 'Filed twice', Version = Version + 1 WHERE Id = @Id", new { Id = id });
            await connection.ExecuteAsync("DELETE FROM Tickets WHERE Id = @Id", new { Id = id });
        }

        (await TicketSearchIndex.IndexPendingAsync(Connections)).Should().Be(1);

        (await DocumentAsync(id)).Should().BeNull();
    }

    [SkippableFact]
    public async Task TheIndexer_IndexesWhatIsLogged_InTheBackground()
    {
        var org = await TestRows.OrganisationAsync(Connections, "Alpha");
        var customer = await TestRows.UserAsync(Connections, "casey@alpha.example", org);
        using var indexer = new TicketSearchIndexer(Connections, NullLogger<TicketSearchIndexer>.Instance);
        await indexer.StartAsync(CancellationToken.None);
        try
        {
            var id = await InsertTicketAsync(org, customer, "Indexed in the background");

            // A few intervals at most; generous for a busy machine.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (await DocumentAsync(id) is null && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(TicketSearchIndexer.Interval);
            }

            (await DocumentAsync(id)).Should().NotBeNull();
            (await LoggedAsync()).Should().BeEmpty();
        }
        finally
        {
            await indexer.StopAsync(CancellationToken.None);
        }
    }

    private const string InsertTicketSql = """
        INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Severity, Status, CreatedUtc, UpdatedUtc, Version)
        VALUES (@Organisation, @Requester, @Subject, 'Web', 2, 'Open', @Now, @Now, 1)
        """;

    private static object TicketArgs(int organisation, int requester, string subject) =>
        new { Organisation = organisation, Requester = requester, Subject = subject, Now };

    private async Task<int> InsertTicketAsync(int organisation, int requester, string subject)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId(InsertTicketSql), TicketArgs(organisation, requester, subject));
    }

    private async Task<List<int>> LoggedAsync()
    {
        await using var connection = await Connections.OpenAsync();
        return (await connection.QueryAsync<int>("SELECT TicketId FROM TicketSearchChanges ORDER BY Id")).AsList();
    }

    private async Task<SearchDocument?> DocumentAsync(int ticketId)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<SearchDocument>(
            "SELECT Subject, Requester, Replies, Notes FROM TicketSearch WHERE TicketId = @TicketId", new { TicketId = ticketId });
    }

    private sealed record SearchDocument
    {
        public string Subject { get; init; } = "";
        public string Requester { get; init; } = "";
        public string Replies { get; init; } = "";
        public string Notes { get; init; } = "";
    }
}

public sealed class SqliteTicketSearchIndexTests : TicketSearchIndexTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerTicketSearchIndexTests : TicketSearchIndexTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
