using System.Collections.Concurrent;
using Dapper;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tickets;
using Xunit.Abstractions;

namespace HelpDesk.Data.Tests.Routing;

/// <summary>
/// Engineers pulling from the same skill queues at the same instant, each through its own connections, on a real
/// database file: every waiting ticket must end up with exactly one engineer and one routing line in its audit, and
/// no engineer past their capacity. Only what the rule guarantees is checked: which engineer wins which race depends
/// on how the machine schedules the threads, and on a busy machine one engineer may lose every race or win them all.
/// </summary>
public abstract class QueuePullConcurrencyTests(ITestOutputHelper output) : ProviderTestBase
{
    private const int WaitingTickets = 400;
    private const int Engineers = 8;
    private const int TakePerQueue = 5;
    private static readonly string[] Queues = ["keel/tier-1", "keel/tier-2", "general/tier-1"];

    [SkippableFact]
    public async Task EngineersPullingInParallel_AssignEveryWaitingTicketExactlyOnce()
    {
        var organisation = await RoutingRows.OrganisationAsync(Connections, "Contoso", CustomerSegment.Standard);
        var requester = await RoutingRows.UserAsync(Connections, "Casey Customer", organisation);
        var keel = await RoutingRows.ProductAsync(Connections, "keel");
        var engineers = new List<EngineerProfile>();
        for (var i = 0; i < Engineers; i++)
        {
            engineers.Add(await RoutingRows.EngineerAsync(Connections, $"Engineer {i}", keel));
        }

        var tickets = TestStores.Tickets(Connections);
        var waiting = new List<int>();
        for (var i = 0; i < WaitingTickets; i++)
        {
            var due = i % 7 == 0 ? (DateTime?)null : RoutingRows.Now.AddMinutes(i % 13 * 10);
            var ticket = RoutingRows.Waiting(organisation, requester, Queues[i % Queues.Length], (Severity)(1 + (i % 4)), RoutingRows.Now.AddSeconds(i), due);
            waiting.Add((await tickets.CreateAsync(ticket)).Id);
        }

        var routing = new RoutingStore(Connections, new EngineerProfileCache());
        var claims = new ConcurrentBag<(int EngineerId, int TicketId)>();
        var lostRaces = 0;
        using var start = new Barrier(Engineers);

        // Each engineer does what a pull does: read the first tickets of its queues, claim them in order, and on a
        // lost race go on to the next; until nothing waits.
        async Task PullAsync(EngineerProfile engineer)
        {
            start.SignalAndWait();
            while (await routing.ListWaitingAsync(Queues, TakePerQueue) is { Count: > 0 } firstWaiting)
            {
                foreach (var ticket in firstWaiting)
                {
                    var claim = new TicketClaim(ticket.Id, engineer.UserId, RoutingRows.Assigned(engineer, ticket.Queue), RoutingRows.Now.AddHours(1));
                    if (await routing.ClaimAsync(claim) == ClaimOutcome.Claimed)
                    {
                        claims.Add((engineer.UserId, ticket.Id));
                        break;
                    }

                    Interlocked.Increment(ref lostRaces);
                }
            }
        }

        // Each on a thread of its own, all let go at once: SQLite's driver runs "async" calls synchronously, so on
        // the shared pool the first puller could empty the queues before the pool had started the others.
        var pullers = engineers
            .Select(engineer => Task.Factory.StartNew(() => PullAsync(engineer), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap())
            .ToList();
        await Task.WhenAll(pullers);

        claims.Select(c => c.TicketId).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(waiting);
        await using var connection = await Connections.OpenAsync();
        var stored = (await connection.QueryAsync<(int Id, int? AssigneeId, string? Queue, int Version)>(
            "SELECT Id, AssigneeId, Queue, Version FROM Tickets")).ToDictionary(t => t.Id);
        stored.Should().HaveCount(WaitingTickets);
        foreach (var (engineerId, ticketId) in claims)
        {
            stored[ticketId].Should().Be((ticketId, (int?)engineerId, (string?)null, 2), "the one claim that succeeded is the one stored");
        }

        var routingLines = (await connection.QueryAsync<(int TicketId, int Lines)>(
            "SELECT TicketId, COUNT(*) AS Lines FROM TicketAudit WHERE Field = 'routing' GROUP BY TicketId")).AsList();
        routingLines.Should().HaveCount(WaitingTickets).And.OnlyContain(r => r.Lines == 1);
        (await routing.LoadCandidatesAsync()).Sum(c => c.OpenTickets).Should().Be(WaitingTickets);
        output.WriteLine($"{claims.Select(c => c.EngineerId).Distinct().Count()} of {Engineers} engineers won a claim; {lostRaces} races were lost.");
    }

    [SkippableFact]
    public async Task PullFromQueuesInParallel_GivesEveryTicketToOneEngineer_AndNobodyMoreThanTheirCapacity()
    {
        // Half as many engineers, each pulling twice at once: as many pulls side by side as in the test above, and
        // room enough for every waiting ticket.
        const int capacity = 110;
        const int pullsPerEngineer = 2;
        var organisation = await RoutingRows.OrganisationAsync(Connections, "Fabrikam", CustomerSegment.Standard);
        var requester = await RoutingRows.UserAsync(Connections, "Fumiko Customer", organisation);
        var keel = await RoutingRows.ProductAsync(Connections, "keel");
        var engineerStore = new EngineerStore(Connections);
        var engineers = new List<EngineerProfile>();
        for (var i = 0; i < Engineers / pullsPerEngineer; i++)
        {
            var engineer = await RoutingRows.EngineerAsync(Connections, $"Puller {i}", keel);
            engineers.Add((await engineerStore.SaveAsync(engineer with { Capacity = capacity }, RoutingRows.Now))!);
        }

        var tickets = TestStores.Tickets(Connections);
        var waiting = new List<int>();
        for (var i = 0; i < WaitingTickets; i++)
        {
            var ticket = RoutingRows.Waiting(organisation, requester, Queues[i % Queues.Length], (Severity)(1 + (i % 4)), RoutingRows.Now.AddSeconds(i), RoutingRows.Now.AddMinutes(i % 11 * 10));
            waiting.Add((await tickets.CreateAsync(ticket)).Id);
        }

        // The use case itself, as the status change and the recurring job call it, all at once: two pulls for each
        // engineer (a resolution and the recurring sweep, say), so an engineer's own pulls race each other too.
        var clock = new FixedClock(RoutingRows.Now.AddHours(1));
        var routing = new RoutingStore(Connections, new EngineerProfileCache());
        var pull = new PullFromQueues(routing, engineerStore, new RoutingSettings { LowProficiency = 1, NormalProficiency = 1, HighProficiency = 1, CriticalProficiency = 1 }, clock);
        var pullers = engineers.SelectMany(engineer => Enumerable.Repeat(engineer, pullsPerEngineer)).ToList();
        using var start = new Barrier(pullers.Count);
        var pulled = await Task.WhenAll(pullers.Select(engineer => Task.Factory.StartNew(
            async () =>
            {
                start.SignalAndWait();
                return (engineer.UserId, Tickets: await pull.FillAsync(engineer.UserId));
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()));

        // A pull that lost every race of its passes leaves the rest to the recurring sweep, which takes them now.
        await pull.FillAllAsync();

        await using var connection = await Connections.OpenAsync();
        var stored = (await connection.QueryAsync<(int Id, int? AssigneeId, string? Queue)>("SELECT Id, AssigneeId, Queue FROM Tickets")).AsList();
        stored.Should().OnlyContain(t => t.AssigneeId != null && t.Queue == null, "every ticket left its queue for an engineer");
        stored.Select(t => t.Id).Should().BeEquivalentTo(waiting);
        pulled.SelectMany(p => p.Tickets).Should().OnlyHaveUniqueItems("no ticket was pulled twice");
        foreach (var (engineerId, ids) in pulled)
        {
            var theirs = stored.Where(t => t.AssigneeId == engineerId).Select(t => t.Id).ToHashSet();
            ids.Where(id => !theirs.Contains(id)).Should().BeEmpty("what a pull returns is what was stored");
        }

        stored.GroupBy(t => t.AssigneeId).Should().OnlyContain(g => g.Count() <= capacity, "a pull never fills an engineer past their capacity");
        var routingLines = (await connection.QueryAsync<(int TicketId, int Lines)>(
            "SELECT TicketId, COUNT(*) AS Lines FROM TicketAudit WHERE Field = 'routing' GROUP BY TicketId")).AsList();
        routingLines.Should().HaveCount(WaitingTickets).And.OnlyContain(r => r.Lines == 1, "every ticket was taken once");
        output.WriteLine($"{pulled.Count(p => p.Tickets.Count > 0)} of {pullers.Count} pulls took tickets; the sweep took {WaitingTickets - pulled.Sum(p => p.Tickets.Count)}.");
    }

    private sealed class FixedClock(DateTime nowUtc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(nowUtc);
    }
}

public sealed class SqliteQueuePullConcurrencyTests(ITestOutputHelper output) : QueuePullConcurrencyTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerQueuePullConcurrencyTests(ITestOutputHelper output) : QueuePullConcurrencyTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
