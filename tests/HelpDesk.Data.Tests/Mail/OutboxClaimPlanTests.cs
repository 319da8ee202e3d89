using Dapper;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tests.Routing;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Mail;

/// <summary>
/// The outbox sender's claim reads the due messages in index order and stops at the batch, so a batch costs the
/// same behind a backlog of 50 or 50,000 messages (filing queues an acknowledgement for each ticket). The thread it
/// reads for each message it sends is read in the ticket's index order too, however long the ticket's mail.
/// </summary>
public sealed class OutboxClaimPlanTests : ProviderTestBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task TheClaimsReads_SeekTheDueIndex_AndSortNothing()
    {
        var now = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
        await TestStores.Outbox(Connections).ClaimDueAsync(now, now.AddMinutes(2), 50);

        var reads = Db.Connections.Statements
            .Where(s => s.StartsWith("SELECT Id, NextAttemptUtc FROM OutboxMessages", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        reads.Should().HaveCount(2);
        foreach (var sql in reads)
        {
            var plan = await PlanAsync(sql);
            var why = sql + "\n" + string.Join("\n", plan);
            plan.Should().ContainSingle(d => d.StartsWith("SEARCH OutboxMessages USING ", StringComparison.Ordinal) && d.Contains("INDEX IX_OutboxMessages_Due (Status=?", StringComparison.Ordinal), why);
            plan.Should().NotContain(d => d.StartsWith("SCAN", StringComparison.Ordinal) || d.Contains("TEMP B-TREE", StringComparison.Ordinal), why);
        }
    }

    [Fact]
    public async Task TheThreadsRead_SeeksTheTicketsIndex_AndSortsOnlyWithinOneMoment()
    {
        var organisation = await TestRows.OrganisationAsync(Connections, "Contoso");
        var requester = await TestRows.UserAsync(Connections, "ana@contoso.example", organisation);
        var ticketId = (await TestStores.Tickets(Connections).CreateAsync(RoutingRows.Ticket(organisation, requester))).Id;
        await TestStores.Outbox(Connections).ListThreadAsync(ticketId, 20, before: "x@example.test");

        var read = Db.Connections.Statements.Should().ContainSingle(s => s.Contains("FROM TicketMailIds AS t", StringComparison.Ordinal)).Subject;
        var plan = await PlanAsync(read);
        var why = read + "\n" + string.Join("\n", plan);
        plan.Should().Contain(d => d.StartsWith("SEARCH t USING INDEX IX_TicketMailIds_Ticket (TicketId=?)", StringComparison.Ordinal), why);
        plan.Should().NotContain(d => d.StartsWith("SCAN", StringComparison.Ordinal) || d == "USE TEMP B-TREE FOR ORDER BY", why);
    }

    [Fact]
    public async Task EveryMessageQueued_WritesOnlyTheIndexesTheOutboxReads()
    {
        // The due index for the claims, the ticket's for its foreign key, the Message-ID's for threading and idempotency.
        await using var connection = new SqliteConnection(Db.Options.ConnectionString);
        await connection.OpenAsync();
        var indexes = await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'OutboxMessages' AND sql IS NOT NULL ORDER BY name");

        indexes.Should().Equal("IX_OutboxMessages_Due", "IX_OutboxMessages_Ticket", "UX_OutboxMessages_MessageId");
    }

    private async Task<List<string>> PlanAsync(string sql)
    {
        // A raw connection: EXPLAIN is SQLite's own.
        await using var connection = new SqliteConnection(Db.Options.ConnectionString);
        await connection.OpenAsync();
        return (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
                "EXPLAIN QUERY PLAN " + sql, new { NowUtc = "2026-11-23", Take = 50, TicketId = 1, Before = "x@example.test" }))
            .Select(row => row.Detail)
            .ToList();
    }
}
