using Dapper;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Routing;

public abstract class RoutingStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = RoutingRows.Now;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Now));
    private readonly EngineerProfileCache _cache;

    protected RoutingStoreTests() => _cache = new EngineerProfileCache(_clock);

    private TicketStore Tickets => TestStores.Tickets(Connections);

    private RoutingStore Store => new(Connections, _cache);

    private sealed record Seeded(int Strategic, int SelfService, int Requester, Core.Scope.Product Keel);

    private async Task<Seeded> SeedAsync()
    {
        var strategic = await RoutingRows.OrganisationAsync(Connections, "Contoso", CustomerSegment.Strategic);
        var selfService = await RoutingRows.OrganisationAsync(Connections, "Fabrikam", CustomerSegment.SelfService);
        var requester = await RoutingRows.UserAsync(Connections, "Casey Customer", strategic);
        return new Seeded(strategic, selfService, requester, await RoutingRows.ProductAsync(Connections, "keel"));
    }

    [SkippableFact]
    public async Task LoadCandidatesAsync_CountsOnlyOpenAssignedTickets_AndReadsLastAssignmentFresh()
    {
        var seed = await SeedAsync();
        var priya = await RoutingRows.EngineerAsync(Connections, "Priya Shah", seed.Keel);
        var sam = await RoutingRows.EngineerAsync(Connections, "Sam Lee", seed.Keel);
        (await Store.LoadCandidatesAsync()).Should().OnlyContain(c => c.OpenTickets == 0, "the profiles are now cached");
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            await Tickets.CreateAsync(RoutingRows.Ticket(seed.Strategic, seed.Requester) with { Status = status, AssigneeId = priya.UserId, CreatedUtc = Now.AddMinutes(5) });
        }

        await Tickets.CreateAsync(RoutingRows.Ticket(seed.Strategic, seed.Requester));

        var candidates = await Store.LoadCandidatesAsync();

        candidates.Select(c => (c.Engineer.Name, c.OpenTickets)).Should().Equal(("Priya Shah", 4), ("Sam Lee", 0));
        candidates[0].Engineer.LastAssignedUtc.Should().Be(Now.AddMinutes(5));
        candidates[0].Engineer.Skills.Should().ContainSingle().Which.ProductCode.Should().Be("keel");
        candidates[1].Engineer.LastAssignedUtc.Should().BeNull();
        candidates[1].Engineer.UserId.Should().Be(sam.UserId);
    }

    [SkippableFact]
    public async Task LoadCandidatesAsync_SeesAProfileChange_AsSoonAsTheEngineerStoreSavesIt()
    {
        var seed = await SeedAsync();
        var priya = await RoutingRows.EngineerAsync(Connections, "Priya Shah", seed.Keel);
        var engineers = new EngineerStore(Connections, _cache);
        (await Store.LoadCandidatesAsync()).Should().ContainSingle().Which.Engineer.Available.Should().BeTrue();

        await engineers.SaveAsync(priya with { Available = false }, Now);
        var afterSave = await Store.LoadCandidatesAsync();
        await engineers.AddRateAsync(priya.UserId, new CostRate(new DateOnly(2026, 1, 1), 7_000), Now);
        var afterRate = await Store.LoadCandidatesAsync();

        // Written without this node's cache, as another node would: a new engineer still shows up at once.
        await new EngineerStore(Connections).SaveAsync(new EngineerProfile { UserId = await RoutingRows.UserAsync(Connections, "Sam Lee") }, Now);
        var afterOtherNode = await Store.LoadCandidatesAsync();

        afterSave.Should().ContainSingle().Which.Engineer.Available.Should().BeFalse();
        afterRate.Should().ContainSingle().Which.Engineer.Rates.Should().ContainSingle().Which.HourlyCents.Should().Be(7_000);
        afterOtherNode.Select(c => c.Engineer.Name).Should().Equal("Priya Shah", "Sam Lee");
    }

    [SkippableFact]
    public async Task LoadCandidatesAsync_SeesAnotherNodesEdit_OnceTheCachedProfilesHaveLivedTheirTime()
    {
        var seed = await SeedAsync();
        var priya = await RoutingRows.EngineerAsync(Connections, "Priya Shah", seed.Keel);
        (await Store.LoadCandidatesAsync()).Should().ContainSingle().Which.Engineer.Capacity.Should().Be(5);

        await new EngineerStore(Connections).SaveAsync(priya with { Capacity = 8 }, Now);
        var soon = await Store.LoadCandidatesAsync();
        _clock.Advance(EngineerProfileCache.Lifetime);
        var later = await Store.LoadCandidatesAsync();

        soon.Should().ContainSingle().Which.Engineer.Capacity.Should().Be(5, "this node's copy is still young");
        later.Should().ContainSingle().Which.Engineer.Capacity.Should().Be(8);
    }

    [SkippableFact]
    public async Task ListWaitingAsync_ReturnsTheFirstTicketsOfEachQueue_ByDueTimeThenSeverityThenAge()
    {
        var seed = await SeedAsync();
        async Task<int> Wait(string queue, Severity severity, int createdMinutes, int? dueMinutes, int? organisation = null) =>
            (await Tickets.CreateAsync(RoutingRows.Waiting(organisation ?? seed.Strategic, seed.Requester, queue, severity, Now.AddMinutes(createdMinutes), dueMinutes is int due ? Now.AddMinutes(due) : null))).Id;
        var noDue = await Wait("keel/tier-1", Severity.Critical, 0, null);
        var dueLaterLow = await Wait("keel/tier-1", Severity.Low, 1, 120);
        var dueLaterHighNewer = await Wait("keel/tier-1", Severity.High, 3, 120);
        var dueLaterHighOlder = await Wait("keel/tier-1", Severity.High, 2, 120);
        var dueFirst = await Wait("keel/tier-1", Severity.Normal, 4, 60, seed.SelfService);
        var otherQueue = await Wait("keel/tier-2", Severity.Normal, 5, 30);
        await Wait("ledger/tier-1", Severity.Critical, 0, 1);
        await Tickets.CreateAsync(RoutingRows.Ticket(seed.Strategic, seed.Requester) with { FirstResponseDueUtc = Now });

        var firstThree = await Store.ListWaitingAsync(["keel/tier-1", "keel/tier-2", "keel/tier-1"], 3);
        var all = await Store.ListWaitingAsync(["keel/tier-1"], 10);

        firstThree.Select(w => w.Id).Should().Equal(otherQueue, dueFirst, dueLaterHighOlder, dueLaterHighNewer);
        all.Select(w => w.Id).Should().Equal(dueFirst, dueLaterHighOlder, dueLaterHighNewer, dueLaterLow, noDue);
        var first = all[0];
        first.Queue.Should().Be("keel/tier-1");
        first.Segment.Should().Be(CustomerSegment.SelfService);
        first.Severity.Should().Be(Severity.Normal);
        first.QueueDueUtc.Should().Be(Now.AddMinutes(60));
        first.CreatedUtc.Should().Be(Now.AddMinutes(4));
        all[^1].QueueDueUtc.Year.Should().Be(9999, "a ticket with no SLA waits behind every one that has one");
        (await Store.ListWaitingAsync([], 5)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task ClaimAsync_AssignsAWaitingTicketOnce_WithTheRoutingItsAuditLineAndTheLastAssignment()
    {
        var seed = await SeedAsync();
        var priya = await RoutingRows.EngineerAsync(Connections, "Priya Shah", seed.Keel);
        var sam = await RoutingRows.EngineerAsync(Connections, "Sam Lee", seed.Keel);
        var waiting = await Tickets.CreateAsync(RoutingRows.Waiting(seed.Strategic, seed.Requester, "keel/tier-1", Severity.High, Now, Now.AddHours(1)) with { Routing = RoutingRows.Queued("keel/tier-1") });
        var assigned = await Tickets.CreateAsync(RoutingRows.Ticket(seed.Strategic, seed.Requester) with { AssigneeId = sam.UserId });
        var claimedAt = Now.AddMinutes(20);

        var first = await Store.ClaimAsync(new TicketClaim(waiting.Id, priya.UserId, RoutingRows.Assigned(priya, "keel/tier-1"), claimedAt));
        var second = await Store.ClaimAsync(new TicketClaim(waiting.Id, sam.UserId, RoutingRows.Assigned(sam, "keel/tier-1"), claimedAt));
        var notWaiting = await Store.ClaimAsync(new TicketClaim(assigned.Id, priya.UserId, RoutingRows.Assigned(priya, "keel/tier-1"), claimedAt));

        first.Should().Be(ClaimOutcome.Claimed);
        second.Should().Be(ClaimOutcome.Gone);
        notWaiting.Should().Be(ClaimOutcome.Gone);
        var ticket = await Tickets.GetAsync(waiting.Id, TicketScope.Staff);
        ticket!.AssigneeId.Should().Be(priya.UserId);
        ticket.Queue.Should().BeNull();
        ticket.Routing.Should().BeEquivalentTo(RoutingRows.Assigned(priya, "keel/tier-1"));
        ticket.UpdatedUtc.Should().Be(claimedAt);
        ticket.Version.Should().Be(waiting.Version + 1);
        (await Tickets.ListAuditAsync(waiting.Id)).Where(a => a.Field == "routing").Select(a => a.NewValue).Should().Equal(
            "Queued in keel/tier-1: nobody qualified is free",
            "Assigned to Priya Shah (pulled from keel/tier-1)");
        var engineers = new EngineerStore(Connections);
        (await engineers.GetAsync(priya.UserId))!.LastAssignedUtc.Should().Be(claimedAt);
        (await engineers.GetAsync(sam.UserId))!.LastAssignedUtc.Should().Be(Now, "filing the other ticket assigned Sam");
        (await Store.ListWaitingAsync(["keel/tier-1"], 5)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task ClaimAsync_RefusesAnEngineerWhoAlreadyHoldsTheClaimsCapacity_AndLeavesTheTicketWaiting()
    {
        var seed = await SeedAsync();
        var priya = await RoutingRows.EngineerAsync(Connections, "Priya Shah", seed.Keel);
        await Tickets.CreateAsync(RoutingRows.Ticket(seed.Strategic, seed.Requester) with { AssigneeId = priya.UserId });
        await Tickets.CreateAsync(RoutingRows.Ticket(seed.Strategic, seed.Requester) with { AssigneeId = priya.UserId, Status = TicketStatus.Resolved });
        var waiting = await Tickets.CreateAsync(RoutingRows.Waiting(seed.Strategic, seed.Requester, "keel/tier-1", Severity.High, Now, Now.AddHours(1)));
        var claim = new TicketClaim(waiting.Id, priya.UserId, RoutingRows.Assigned(priya, "keel/tier-1"), Now.AddMinutes(20));

        var full = await Store.ClaimAsync(claim with { Capacity = 1 });
        var room = await Store.ClaimAsync(claim with { Capacity = 2 });

        full.Should().Be(ClaimOutcome.EngineerFull, "Priya holds one open ticket (the resolved one does not count)");
        room.Should().Be(ClaimOutcome.Claimed);
        (await Tickets.GetAsync(waiting.Id, TicketScope.Staff))!.AssigneeId.Should().Be(priya.UserId);
        (await Tickets.ListAuditAsync(waiting.Id)).Count(a => a.Field == "routing").Should().Be(1, "the refused claim wrote nothing");
    }

    [SkippableFact]
    public async Task ListQueueDepthsAsync_CountsEachQueue_WithItsOldestTicketAndEarliestDueTime()
    {
        var seed = await SeedAsync();
        var oldest = await Tickets.CreateAsync(RoutingRows.Waiting(seed.Strategic, seed.Requester, "keel/tier-1", Severity.Low, Now.AddHours(-5), Now.AddHours(6)));
        await Tickets.CreateAsync(RoutingRows.Waiting(seed.Strategic, seed.Requester, "keel/tier-1", Severity.High, Now.AddHours(-1), Now.AddHours(2)));
        await Tickets.CreateAsync(RoutingRows.Waiting(seed.Strategic, seed.Requester, "keel/tier-1", Severity.High, Now, null));
        var general = await Tickets.CreateAsync(RoutingRows.Waiting(seed.Strategic, seed.Requester, "general/tier-1", Severity.Normal, Now.AddHours(-2), null));
        await Tickets.CreateAsync(RoutingRows.Ticket(seed.Strategic, seed.Requester));

        var depths = await Store.ListQueueDepthsAsync();

        depths.Should().Equal(
            new QueueDepth("general/tier-1", 1, Now.AddHours(-2), null, general.Id),
            new QueueDepth("keel/tier-1", 3, Now.AddHours(-5), Now.AddHours(2), oldest.Id));
    }

    [SkippableFact]
    public async Task ListWorkloadAsync_CountsEachEngineersOpenAtRiskAndBreachedTickets()
    {
        var seed = await SeedAsync();
        var priya = await RoutingRows.EngineerAsync(Connections, "Priya Shah", seed.Keel);
        await RoutingRows.EngineerAsync(Connections, "Sam Lee", seed.Keel);
        async Task Assign(TicketStatus status, SlaState state) =>
            await Tickets.CreateAsync(RoutingRows.Ticket(seed.Strategic, seed.Requester) with { AssigneeId = priya.UserId, Status = status, SlaState = state });
        await Assign(TicketStatus.New, SlaState.AtRisk);
        await Assign(TicketStatus.Open, SlaState.Breached);
        await Assign(TicketStatus.OnHold, SlaState.Breached);
        await Assign(TicketStatus.PendingCustomer, SlaState.None);
        await Assign(TicketStatus.Resolved, SlaState.Breached);

        var workload = await Store.ListWorkloadAsync();

        workload.Select(w => (w.Engineer.Name, w.OpenTickets, w.AtRisk, w.Breached)).Should().Equal(("Priya Shah", 4, 1, 2), ("Sam Lee", 0, 0, 0));
        workload[0].Engineer.Capacity.Should().Be(5);
        workload[0].Engineer.LastAssignedUtc.Should().Be(Now);
    }
}

public sealed class SqliteRoutingStoreTests : RoutingStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerRoutingStoreTests : RoutingStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
