using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Demo;

public sealed class DemoTicketsTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Seed_FilesTicketsInEveryStatus()
    {
        await using var connection = await StartedAsync();

        var statuses = await connection.QueryAsync<string>("SELECT DISTINCT Status FROM Tickets");

        statuses.Should().BeEquivalentTo(Enum.GetNames<TicketStatus>());
    }

    [Fact]
    public async Task Seed_RatesOnlyResolvedOrClosedTickets_AndRatesSome()
    {
        await using var connection = await StartedAsync();

        var rated = (await connection.QueryAsync<(string Status, int Resolutions, int Resolution, int Score)>("""
            SELECT t.Status, t.Resolutions, g.Resolution, g.Score
            FROM TicketRatings g JOIN Tickets t ON t.Id = g.TicketId
            """)).ToList();

        rated.Should().NotBeEmpty();
        rated.Should().OnlyContain(r => (r.Status == "Resolved" || r.Status == "Closed") && r.Resolution >= 1 && r.Resolution <= r.Resolutions);
        rated.Should().OnlyContain(r => r.Score >= 1 && r.Score <= 5);
        rated.Average(r => r.Score).Should().BeGreaterThan(3.5, "demo customers are mostly happy");
    }

    [Fact]
    public async Task Seed_HasConversationsNotesAndTime_AndLeavesNoMailUnsent()
    {
        await using var connection = await StartedAsync();

        var notes = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TicketMessages WHERE Kind = 'Note'");
        var engineerReplies = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets WHERE FirstResponseUtc IS NOT NULL");
        var timeEntries = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TimeEntries");
        var unsent = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE TicketId IS NOT NULL AND SentUtc IS NULL");

        notes.Should().BePositive();
        engineerReplies.Should().BePositive();
        timeEntries.Should().BePositive();
        unsent.Should().Be(0);
    }

    [Fact]
    public async Task Seed_SpreadsTheHistoryOverTheLastYear()
    {
        await using var connection = await StartedAsync();

        var oldest = await connection.ExecuteScalarAsync<DateTime>("SELECT MIN(CreatedUtc) FROM Tickets");
        var newest = await connection.ExecuteScalarAsync<DateTime>("SELECT MAX(UpdatedUtc) FROM Tickets");

        oldest.Should().BeBefore(DateTime.UtcNow.AddDays(-300)).And.BeAfter(DateTime.UtcNow.AddDays(-366));
        newest.Should().BeOnOrBefore(DateTime.UtcNow);
    }

    [Fact]
    public async Task Seed_LeavesThisMorningsMail_OnTheTriageTab_ToBeClassified()
    {
        await using var connection = await StartedAsync();

        var mailed = (await connection.QueryAsync<(string Status, long Held)>("""
            SELECT t.Status, (SELECT COUNT(*) FROM ContractIncidents ci WHERE ci.TicketId = t.Id) AS Held
            FROM Tickets t WHERE t.NeedsClassification = 1 AND t.Channel = 'Email' AND t.Product IS NULL
            """)).AsList();

        mailed.Should().HaveCountGreaterThanOrEqualTo(2);
        mailed.Should().OnlyContain(t => t.Held == 0, "a ticket that needs classification uses no incident");
        mailed.Should().Contain(t => t.Status == "New");
    }

    private async Task<System.Data.Common.DbConnection> StartedAsync()
    {
        // The seed runs at start-up; creating a client starts the app.
        using var client = app.CreateAnonymousClient();
        return await app.Connections.OpenAsync();
    }
}
