using Dapper;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tests.Routing;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Tickets;

/// <summary>
/// On SQLite the tickets filed at the same moment share one transaction and one commit: each caller still gets its own
/// ticket, a filing that fails is undone alone, a caller that gives up while waiting files nothing, every answered
/// ticket is in the file when it is opened again, and writes that waited together are written in two groups that take
/// turns.
/// </summary>
public sealed class TicketGroupCommitTests : ProviderTestBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [SkippableFact]
    public async Task Concurrent_filings_each_get_their_own_ticket_saved_judged_and_routed()
    {
        var (org, requester) = await SeedAsync();

        var saved = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => FileAsync(org, requester, $"Group {i}"))));

        saved.Select(t => t.Id).Should().OnlyHaveUniqueItems();
        await using var connection = await Connections.OpenAsync();
        var rows = (await connection.QueryAsync<(int Id, string Subject, string? Verdict, string? Routing)>(
            "SELECT Id, Subject, Verdict, Routing FROM Tickets WHERE Subject LIKE 'Group %'")).ToList();
        rows.Should().HaveCount(40);
        rows.Select(r => r.Id).Should().BeEquivalentTo(saved.Select(t => t.Id));
        rows.Should().AllSatisfy(r =>
        {
            r.Verdict.Should().NotBeNull();
            r.Routing.Should().NotBeNull();
        });
        foreach (var ticket in saved)
        {
            rows.Single(r => r.Id == ticket.Id).Subject.Should().Be(ticket.Subject);
        }

        (await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM TicketMessages m JOIN Tickets t ON t.Id = m.TicketId WHERE t.Subject LIKE 'Group %'")).Should().Be(40);
    }

    [SkippableFact]
    public async Task A_failing_filing_fails_only_its_caller_and_the_others_commit()
    {
        var (org, requester) = await SeedAsync();

        // Holding the writers' turn makes every filing below wait, so they are written in groups, the failing one among them.
        var (blocker, hold) = await HoldWriterTurnAsync();
        var good = Enumerable.Range(0, 6).Select(i => FileAsync(org, requester, $"Kept {i}")).ToList();
        var failing = FileAsync(org, requesterId: 999_999, "No such requester");
        good.Add(FileAsync(org, requester, "Kept after"));
        await hold.CommitAsync();
        await blocker.DisposeAsync();

        var refused = async () => await failing;
        await refused.Should().ThrowAsync<SqliteException>("the requester does not exist");
        var kept = await Task.WhenAll(good);
        kept.Select(t => t.Id).Should().OnlyHaveUniqueItems();
        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets WHERE Subject LIKE 'Kept %'")).Should().Be(7);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets WHERE Subject = 'No such requester'")).Should().Be(0);
    }

    [SkippableFact]
    public async Task A_caller_that_gives_up_while_waiting_files_nothing_and_the_others_file_once()
    {
        var (org, requester) = await SeedAsync();
        var (blocker, hold) = await HoldWriterTurnAsync();
        using var giveUp = new CancellationTokenSource();
        var first = FileAsync(org, requester, "Waited");
        var abandoned = FileAsync(org, requester, "Abandoned", giveUp.Token);
        var last = FileAsync(org, requester, "Waited too");

        await giveUp.CancelAsync();
        var cancelled = async () => await abandoned;
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
        await hold.CommitAsync();
        await blocker.DisposeAsync();
        await Task.WhenAll(first, last);

        await using var connection = await Connections.OpenAsync();
        var subjects = (await connection.QueryAsync<string>("SELECT Subject FROM Tickets WHERE Subject IN ('Waited', 'Waited too', 'Abandoned')")).ToList();
        subjects.Should().BeEquivalentTo(["Waited", "Waited too"]);
    }

    [SkippableFact]
    public async Task Every_answered_ticket_is_in_the_file_when_it_is_opened_again()
    {
        var (org, requester) = await SeedAsync();
        var answered = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => FileAsync(org, requester, $"Durable {i}"))));

        // As after a restart: no connection of this process is kept, and a new factory reads the file.
        SqliteConnection.ClearAllPools();
        var reopened = new SqliteConnectionFactory(Db.Options.ConnectionString);
        await using var connection = await reopened.OpenAsync();
        var ids = await connection.QueryAsync<int>("SELECT Id FROM Tickets WHERE Subject LIKE 'Durable %'");
        ids.Should().BeEquivalentTo(answered.Select(t => t.Id));
    }

    [SkippableFact]
    public async Task Writes_that_waited_together_are_split_into_two_groups_that_take_turns()
    {
        // Eight writes queue while the writers' turn is held, as eight callers' filings do while a group is written.
        var (blocker, hold) = await HoldWriterTurnAsync();
        var written = Enumerable.Range(0, 8)
            .Select(i => Connections.WriteAsync((_, transaction, _) => Task.FromResult((Write: i, Transaction: transaction))))
            .ToList();
        await hold.CommitAsync();
        await blocker.DisposeAsync();
        var groups = (await Task.WhenAll(written))
            .GroupBy(w => w.Transaction, (_, writes) => writes.Select(w => w.Write).ToList())
            .ToList();

        // Half of them first, in the order they came; the other half next, while the first half's callers go on.
        groups.Should().HaveCount(2);
        groups[0].Should().Equal(0, 1, 2, 3);
        groups[1].Should().Equal(4, 5, 6, 7);
    }

    [SkippableFact]
    public async Task While_callers_overlap_a_write_that_would_be_written_alone_waits_for_a_second()
    {
        // A fill wait no test machine outlasts: the second write must be what ends the wait.
        using var factory = new SqliteConnectionFactory(Db.Options.ConnectionString);
        var commit = new SqliteGroupCommit(factory.WriterAsync, fillWait: TimeSpan.FromMinutes(5));
        await using var blocker = await factory.OpenAsync();
        var hold = await blocker.BeginTransactionAsync();
        var first = commit.WriteAsync((_, transaction, _) => Task.FromResult(transaction), CancellationToken.None);
        var second = commit.WriteAsync((_, transaction, _) => Task.FromResult(transaction), CancellationToken.None);
        await hold.CommitAsync();

        // Two in flight: the first group takes one, and the second write would be written alone.
        var firstGroup = await first;
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        second.IsCompleted.Should().BeFalse("a write that came while another was unanswered waits for a second");

        var third = commit.WriteAsync((_, transaction, _) => Task.FromResult(transaction), CancellationToken.None);
        (await second).Should().BeSameAs(await third).And.NotBeSameAs(firstGroup);
    }

    [SkippableFact]
    public async Task A_caller_alone_is_never_kept_waiting_for_a_second_write()
    {
        using var factory = new SqliteConnectionFactory(Db.Options.ConnectionString);
        var commit = new SqliteGroupCommit(factory.WriterAsync, fillWait: TimeSpan.FromMinutes(5));

        var groups = new List<System.Data.Common.DbTransaction>();
        var alone = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                groups.Add(await commit.WriteAsync((_, transaction, _) => Task.FromResult(transaction), CancellationToken.None));
            }
        });

        // Each write would wait five minutes if a caller alone waited for company.
        await alone.WaitAsync(TimeSpan.FromSeconds(60));
        groups.Should().HaveCount(5).And.OnlyHaveUniqueItems();
    }

    private async Task<(int Organisation, int Requester)> SeedAsync()
    {
        var org = await TestRows.OrganisationAsync(Connections, "Grouped");
        return (org, await TestRows.UserAsync(Connections, "grouped@example.test", org));
    }

    private async Task<(System.Data.Common.DbConnection Connection, System.Data.Common.DbTransaction Transaction)> HoldWriterTurnAsync()
    {
        var connection = await Connections.OpenAsync();
        return (connection, await connection.BeginTransactionAsync());
    }

    private Task<Ticket> FileAsync(int organisationId, int requesterId, string subject, CancellationToken cancellationToken = default)
    {
        var ticket = RoutingRows.Ticket(organisationId, requesterId, subject) with
        {
            Entitlement = JudgedTickets.Decision(Verdict.NoContract, contractId: 0) with { ContractId = null, ContractNumber = null },
            Routing = new RoutingDecision { Outcome = RoutingOutcome.Queued, Queue = "general", Summary = "Queued for a test." },
            Queue = "general",
        };
        return TestStores.Tickets(Connections).CreateAsync(
            new NewTicket(ticket, new NewMessage(requesterId, MessageKind.Reply, MessageBody.FromPlainText("Please.")), _ => [], ticket.CreatedUtc),
            cancellationToken);
    }
}
