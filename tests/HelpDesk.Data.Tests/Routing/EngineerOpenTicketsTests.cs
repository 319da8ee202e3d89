using Dapper;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Tests.Routing;

/// <summary>
/// The open count kept on each engineer's profile row must equal a count of their open tickets after any mix of
/// filings, assignments, unassignments, status changes and claims from a queue.
/// </summary>
public abstract class EngineerOpenTicketsTests : ProviderTestBase
{
    private static readonly DateTime Now = RoutingRows.Now;

    private TicketStore Tickets => TestStores.Tickets(Connections);

    private RoutingStore Store => new(Connections);

    [SkippableFact]
    public async Task OpenCounts_EqualARecount_AfterRandomAssignmentsAndStatusChanges()
    {
        var organisation = await RoutingRows.OrganisationAsync(Connections, "Contoso", CustomerSegment.Standard);
        var requester = await RoutingRows.UserAsync(Connections, "Casey Customer", organisation);
        var keel = await RoutingRows.ProductAsync(Connections, "keel");
        var engineers = new List<EngineerProfile>();
        foreach (var name in new[] { "Priya Shah", "Sam Lee", "Ana Ruiz", "Tom Berg" })
        {
            engineers.Add(await RoutingRows.EngineerAsync(Connections, name, keel));
        }

        var assignees = engineers.Select(e => (int?)e.UserId).Append(null).ToArray();
        var statuses = Enum.GetValues<TicketStatus>();
        var random = new Random(20261203);
        var tickets = new List<Ticket>();
        for (var step = 0; step < 300; step++)
        {
            var move = tickets.Count < 10 ? 0 : random.Next(10);
            if (move < 3)
            {
                var filed = RoutingRows.Ticket(organisation, requester) with
                {
                    AssigneeId = assignees[random.Next(assignees.Length)],
                    Status = statuses[random.Next(statuses.Length)],
                };
                tickets.Add(await Tickets.CreateAsync(filed.AssigneeId is null ? filed with { Queue = "keel" } : filed));
            }
            else if (move < 9)
            {
                var index = random.Next(tickets.Count);
                var changed = tickets[index] with
                {
                    AssigneeId = random.Next(3) == 0 ? assignees[random.Next(assignees.Length)] : tickets[index].AssigneeId,
                    Status = random.Next(2) == 0 ? statuses[random.Next(statuses.Length)] : tickets[index].Status,
                };
                tickets[index] = await Tickets.UpdateAsync(new TicketUpdate(changed, null, [new AuditChange("status", null, changed.Status.ToString())], Now))
                    ?? throw new InvalidOperationException("The test holds every ticket's current version.");
            }
            else
            {
                var waiting = tickets.FindIndex(t => t.AssigneeId is null && t.Queue is not null);
                if (waiting >= 0)
                {
                    var engineer = engineers[random.Next(engineers.Count)];
                    var outcome = await Store.ClaimAsync(new TicketClaim(tickets[waiting].Id, engineer.UserId, RoutingRows.Assigned(engineer, "keel"), Now));
                    outcome.Should().Be(ClaimOutcome.Claimed);
                    tickets[waiting] = (await Tickets.GetAsync(tickets[waiting].Id, TicketScope.Staff))!;
                }
            }
        }

        var kept = (await Store.LoadCandidatesAsync()).ToDictionary(c => c.Engineer.UserId, c => c.OpenTickets);
        var recounted = await RecountAsync();

        kept.Should().Equal(recounted);
        kept.Values.Should().Contain(n => n > 0, "the random walk leaves engineers holding tickets");
    }

    [SkippableFact]
    public async Task OpenCount_StartsFromTheTicketsHeld_WhenAProfileIsMadeForSomeoneAlreadyAssigned()
    {
        var organisation = await RoutingRows.OrganisationAsync(Connections, "Contoso", CustomerSegment.Standard);
        var requester = await RoutingRows.UserAsync(Connections, "Casey Customer", organisation);
        var keel = await RoutingRows.ProductAsync(Connections, "keel");
        var lead = await RoutingRows.UserAsync(Connections, "Lee Lead");
        await Tickets.CreateAsync(RoutingRows.Ticket(organisation, requester) with { AssigneeId = lead, Status = TicketStatus.Open });
        await Tickets.CreateAsync(RoutingRows.Ticket(organisation, requester) with { AssigneeId = lead, Status = TicketStatus.Closed });

        await new EngineerStore(Connections).SaveAsync(new EngineerProfile { UserId = lead, Skills = [new EngineerSkill(keel.Id, keel.Code, null, 3)] }, Now);

        (await Store.LoadCandidatesAsync()).Should().ContainSingle().Which.OpenTickets.Should().Be(1);
    }

    private async Task<Dictionary<int, int>> RecountAsync()
    {
        await using var connection = await Connections.OpenAsync();
        var rows = await connection.QueryAsync<(int UserId, int Held)>($"""
            SELECT p.UserId, (SELECT COUNT(*) FROM Tickets t WHERE t.AssigneeId = p.UserId AND t.Status IN ({EngineerRows.OpenStatuses})) AS Held
            FROM EngineerProfiles p
            """);
        return rows.ToDictionary(r => r.UserId, r => r.Held);
    }
}

public sealed class SqliteEngineerOpenTicketsTests : EngineerOpenTicketsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerEngineerOpenTicketsTests : EngineerOpenTicketsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
