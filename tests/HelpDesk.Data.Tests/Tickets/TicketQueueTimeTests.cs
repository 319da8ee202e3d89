using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tests.Routing;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Tests.Tickets;

/// <summary>
/// A waiting ticket's "waiting since" is when it entered the queue it waits in, kept by the store on every save; and
/// the engineers who gave a ticket up are recorded with the change and read back by the router and the pullers.
/// </summary>
public abstract class TicketQueueTimeTests : ProviderTestBase
{
    private static readonly DateTime Now = RoutingRows.Now;

    private TicketStore Tickets => TestStores.Tickets(Connections);

    private RoutingStore Routing => new(Connections);

    private async Task<(int Organisation, int Requester, EngineerProfile Engineer)> SeedAsync()
    {
        var organisation = await RoutingRows.OrganisationAsync(Connections, "Contoso", CustomerSegment.Standard);
        var requester = await RoutingRows.UserAsync(Connections, "Casey Customer", organisation);
        var engineer = await RoutingRows.EngineerAsync(Connections, "Priya Shah", await RoutingRows.ProductAsync(Connections, "keel"));
        return (organisation, requester, engineer);
    }

    private async Task<Ticket> SaveAsync(Ticket ticket, DateTime at, IReadOnlyList<GivenUp>? givenUp = null)
    {
        var saved = await Tickets.UpdateAsync(new TicketUpdate(ticket with { UpdatedUtc = at }, null, [], at) { GivenUp = givenUp ?? [] });
        saved.Should().NotBeNull();
        return (await Tickets.GetAsync(ticket.Id, TicketScope.Staff))!;
    }

    [SkippableFact]
    public async Task QueuedTime_IsWhenTheTicketEnteredItsQueue_NotWhenItWasFiled()
    {
        var seed = await SeedAsync();
        var filed = await Tickets.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { AssigneeId = seed.Engineer.UserId });
        filed.QueuedUtc.Should().BeNull("an assigned ticket waits in no queue");

        var returned = await SaveAsync(filed with { AssigneeId = null, Queue = "keel/tier-1" }, Now.AddHours(3));
        var noted = await SaveAsync(returned with { Subject = "Kernel panic on boot (cold start only)" }, Now.AddHours(4));
        var escalated = await SaveAsync(noted with { Tier = 2, Queue = "keel/tier-2" }, Now.AddHours(5));
        var taken = await SaveAsync(escalated with { AssigneeId = seed.Engineer.UserId, Queue = null }, Now.AddHours(6));

        returned.QueuedUtc.Should().Be(Now.AddHours(3));
        noted.QueuedUtc.Should().Be(Now.AddHours(3), "a change that leaves it in its queue keeps its place in time");
        escalated.QueuedUtc.Should().Be(Now.AddHours(5), "a new queue is waited in from when it got there");
        taken.QueuedUtc.Should().BeNull();
    }

    [SkippableFact]
    public async Task QueuedTime_IsSetAtFiling_ShownInLists_AndClearedByAClaim()
    {
        var seed = await SeedAsync();
        var waiting = await Tickets.CreateAsync(RoutingRows.Waiting(seed.Organisation, seed.Requester, "keel/tier-1", Severity.Normal, Now, null));

        var listed = await Tickets.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Queue = "keel/tier-1" });
        var claimed = await Routing.ClaimAsync(new TicketClaim(waiting.Id, seed.Engineer.UserId, RoutingRows.Assigned(seed.Engineer, "keel/tier-1"), Now.AddHours(1)));

        waiting.QueuedUtc.Should().Be(Now);
        listed.Items.Should().ContainSingle().Which.QueuedUtc.Should().Be(Now);
        claimed.Should().Be(ClaimOutcome.Claimed);
        (await Tickets.GetAsync(waiting.Id, TicketScope.Staff))!.QueuedUtc.Should().BeNull();
    }

    [SkippableFact]
    public async Task QueueDepth_CountsTheWaitFromWhenEachTicketEnteredTheQueue()
    {
        var seed = await SeedAsync();
        var filedLongAgo = await Tickets.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { AssigneeId = seed.Engineer.UserId, CreatedUtc = Now.AddDays(-3) });
        var waitingLonger = await Tickets.CreateAsync(RoutingRows.Waiting(seed.Organisation, seed.Requester, "keel/tier-1", Severity.Normal, Now.AddHours(-2), null));
        await SaveAsync(filedLongAgo with { AssigneeId = null, Queue = "keel/tier-1" }, Now);

        var depth = (await Routing.ListQueueDepthsAsync()).Should().ContainSingle().Subject;

        depth.Waiting.Should().Be(2);
        depth.OldestQueuedUtc.Should().Be(Now.AddHours(-2));
        depth.OldestTicketId.Should().Be(waitingLonger.Id, "the ticket filed three days ago has waited only since it was handed back");
    }

    [SkippableFact]
    public async Task GivenUp_IsRecordedWithTheChange_OncePerEngineer_AndReadByThePullers()
    {
        var seed = await SeedAsync();
        var other = await RoutingRows.EngineerAsync(Connections, "Sam Lee");
        var ticket = await Tickets.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { AssigneeId = seed.Engineer.UserId });

        var handedBack = await SaveAsync(ticket with { AssigneeId = null, Queue = "keel/tier-1" }, Now.AddHours(1), [new(seed.Engineer.UserId, GiveUp.HandedBack)]);
        await SaveAsync(handedBack with { Tier = 2, Queue = "keel/tier-2" }, Now.AddHours(2), [new(other.UserId, GiveUp.Escalated), new(seed.Engineer.UserId, GiveUp.Escalated)]);

        (await Routing.ListGivenUpAsync(ticket.Id)).Should().Equal(new GivenUp(seed.Engineer.UserId, GiveUp.HandedBack), new GivenUp(other.UserId, GiveUp.Escalated));
        (await Routing.ListWaitingAsync(["keel/tier-2"], 5)).Should().ContainSingle()
            .Which.GivenUpBy.Should().Equal(new GivenUp(seed.Engineer.UserId, GiveUp.HandedBack), new GivenUp(other.UserId, GiveUp.Escalated));
    }

    [SkippableFact]
    public async Task GivenUp_IsNotRecorded_WhenTheChangeIsRefusedAsStale()
    {
        var seed = await SeedAsync();
        var ticket = await Tickets.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { AssigneeId = seed.Engineer.UserId });

        var stale = await Tickets.UpdateAsync(new TicketUpdate(ticket with { Version = ticket.Version - 1, AssigneeId = null, Queue = "keel/tier-1" }, null, [], Now)
        {
            GivenUp = [new(seed.Engineer.UserId, GiveUp.Returned)],
        });

        stale.Should().BeNull();
        (await Routing.ListGivenUpAsync(ticket.Id)).Should().BeEmpty();
    }
}

public sealed class SqliteTicketQueueTimeTests : TicketQueueTimeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerTicketQueueTimeTests : TicketQueueTimeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
