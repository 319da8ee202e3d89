using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Routing.RoutingWorld;

namespace HelpDesk.Core.Tests.Routing;

public sealed class RouteAndPullTests
{
    private readonly RoutingWorld _world = new();

    private static FileTicketRequest Filing(int organisation) => new() { RequesterId = Customer, OrganisationId = organisation, Channel = TicketChannel.Web };

    private static Ticket Draft(int organisation) => new()
    {
        Subject = "Scheduler stalls",
        OrganisationId = organisation,
        Severity = Severity.Normal,
        Status = TicketStatus.New,
        Entitlement = new Core.Scope.EntitlementDecision { ProductCode = "keel" },
    };

    [Fact]
    public async Task RouteTicket_SendsAStrategicAndASelfServiceCustomersTicketsToDifferentEngineers_AndSaysWhy()
    {
        _world.Engineer(1, "Priya Shah", proficiency: 5, edit: e => e with { Rates = [new(new DateOnly(2026, 1, 1), 9_000)] });
        _world.Engineer(2, "Sam Lee", proficiency: 2);

        var strategic = await _world.Route.ApplyAsync(Draft(Acme), Filing(Acme), Monday, CancellationToken.None);
        var selfService = await _world.Route.ApplyAsync(Draft(Bolt), Filing(Bolt), Monday, CancellationToken.None);

        strategic.AssigneeId.Should().Be(1);
        strategic.Queue.Should().BeNull();
        strategic.Routing!.Summary.Should().Be("Assigned to Priya Shah (best of 2 qualified, proficiency first: strategic customer)");
        selfService.AssigneeId.Should().Be(2);
        selfService.Routing!.Summary.Should().Be("Assigned to Sam Lee (best of 2 qualified, cost first: self-service customer, normal severity)");
    }

    [Fact]
    public async Task RouteTicket_PutsTheTicketInItsSkillQueue_WhenNobodyQualifiedIsFree()
    {
        _world.Engineer(1, "Priya Shah", capacity: 1);
        _world.Ticket(assignee: 1);

        var routed = await _world.Route.ApplyAsync(Draft(Acme), Filing(Acme), Monday, CancellationToken.None);

        routed.AssigneeId.Should().BeNull();
        routed.Queue.Should().Be("keel/tier-1");
        routed.Routing!.Outcome.Should().Be(RoutingOutcome.Queued);
        routed.Routing.Summary.Should().Be("Queued in keel/tier-1: nobody qualified is free (1 at capacity)");
    }

    [Fact]
    public async Task RouteTicket_SendsAnUnknownProductToTheGeneralQueue()
    {
        var routed = await _world.Route.ApplyAsync(Draft(Acme) with { Entitlement = null }, Filing(Acme), Monday, CancellationToken.None);

        routed.Queue.Should().Be("general/tier-1");
    }

    [Fact]
    public async Task FillAsync_PullsByDueTime_ThenSeverity_ThenAge()
    {
        _world.Engineer(1, "Priya Shah", capacity: 3);
        var later = _world.Waiting(due: Monday.AddHours(6));
        var oldLow = _world.Waiting(severity: Severity.Low, created: Monday.AddHours(-2), due: Monday.AddHours(2));
        var newHigh = _world.Waiting(severity: Severity.High, created: Monday.AddHours(-1), due: Monday.AddHours(2));
        var oldHigh = _world.Waiting(severity: Severity.High, created: Monday.AddHours(-3), due: Monday.AddHours(2));
        var soonest = _world.Waiting(due: Monday.AddHours(1));

        var pulled = await _world.Pull.FillAsync(1);

        pulled.Should().Equal(soonest.Id, oldHigh.Id, newHigh.Id);
        _world.Tickets[oldLow.Id].Queue.Should().Be("keel/tier-1");
        _world.Tickets[later.Id].AssigneeId.Should().BeNull();
        var claimed = _world.Tickets[soonest.Id];
        claimed.AssigneeId.Should().Be(1);
        claimed.Queue.Should().BeNull();
        claimed.Routing!.Trigger.Should().Be(RoutingTrigger.Pulled);
        claimed.Routing.Summary.Should().Be("Pulled by Priya Shah from keel/tier-1: the first waiting ticket they qualify for, by SLA due time, severity and age");
        _world.Engineers[1].LastAssignedUtc.Should().Be(Monday);
    }

    [Fact]
    public async Task FillAsync_SkipsTicketsTheEngineerMayNotTake_AndReadsFurtherWhenTheFirstWindowHasNone()
    {
        _world.Engineer(1, "Priya Shah", capacity: 2);
        for (var i = 0; i < 12; i++)
        {
            _world.Waiting(language: "de", created: Monday.AddMinutes(-100 + i));
        }

        var english = _world.Waiting(created: Monday);

        var pulled = await _world.Pull.FillAsync(1);

        pulled.Should().Equal(english.Id);
    }

    [Fact]
    public async Task FillAsync_MovesOnToTheNextTicket_WhenAnotherEngineerClaimsItFirst()
    {
        _world.Engineer(1, "Priya Shah", capacity: 1);
        _world.Engineer(2, "Sam Lee");
        var first = _world.Waiting(created: Monday.AddHours(-2));
        var second = _world.Waiting(created: Monday.AddHours(-1));
        _world.Routing.BeforeClaim = claim =>
        {
            if (claim.TicketId == first.Id && claim.EngineerId == 1)
            {
                _world.Tickets.Put(_world.Tickets[first.Id] with { AssigneeId = 2, Queue = null }, null, [], Monday);
            }
        };

        var pulled = await _world.Pull.FillAsync(1);

        pulled.Should().Equal(second.Id);
        _world.Tickets[first.Id].AssigneeId.Should().Be(2);
        _world.Tickets[second.Id].AssigneeId.Should().Be(1);
    }

    [Fact]
    public async Task FillAsync_StopsWhenAnotherPullForTheSameEngineerFilledThemMeanwhile()
    {
        _world.Engineer(1, "Priya Shah", capacity: 2);
        var waiting = Enumerable.Range(0, 4).Select(i => _world.Waiting(created: Monday.AddMinutes(i))).ToList();
        var once = true;
        _world.Routing.BeforeClaim = claim =>
        {
            // The recurring pull, on another node, gives Priya the two tickets at the back of the queue first.
            if (once)
            {
                once = false;
                foreach (var taken in waiting.TakeLast(2))
                {
                    _world.Tickets.Put(_world.Tickets[taken.Id] with { AssigneeId = 1, Queue = null }, null, [], Monday);
                }
            }
        };

        var pulled = await _world.Pull.FillAsync(1);

        pulled.Should().BeEmpty();
        _world.Routing.OpenOf(1).Should().Be(2, "a pull never fills an engineer past their capacity, even when two run at once");
        waiting.Take(2).Should().OnlyContain(t => _world.Tickets[t.Id].Queue == "keel/tier-1");
    }

    [Fact]
    public async Task FillAsync_PullsNothing_ForAnEngineerWhoIsAwayOrFull()
    {
        _world.Engineer(1, "Priya Shah", edit: e => e with { Available = false });
        _world.Engineer(2, "Sam Lee", capacity: 1);
        _world.Ticket(assignee: 2);
        _world.Waiting();

        (await _world.Pull.FillAsync(1)).Should().BeEmpty();
        (await _world.Pull.FillAsync(2)).Should().BeEmpty();
        (await _world.Pull.FillAsync(99)).Should().BeEmpty();
    }

    [Fact]
    public async Task FillAsync_TakesFromTheQueuesOfEachTierUpToTheEngineers_AndTheGeneralQueue()
    {
        _world.Engineer(1, "Priya Shah", tier: 2);
        var tierTwo = _world.Waiting(tier: 2);
        var general = _world.Ticket(queue: "general/tier-1", product: null);
        var tierThree = _world.Waiting(tier: 3);

        var pulled = await _world.Pull.FillAsync(1);

        pulled.Should().BeEquivalentTo([tierTwo.Id, general.Id]);
        _world.Tickets[tierThree.Id].AssigneeId.Should().BeNull();
    }

    [Fact]
    public async Task FillAllAsync_FillsEveryAvailableEngineerWithRoom()
    {
        _world.Engineer(1, "Priya Shah", capacity: 2);
        _world.Engineer(2, "Sam Lee", capacity: 1);
        _world.Engineer(3, "Ola Berg", edit: e => e with { Available = false });
        for (var i = 0; i < 5; i++)
        {
            _world.Waiting(created: Monday.AddMinutes(i));
        }

        var pulled = await _world.Pull.FillAllAsync();

        pulled.Should().Be(3);
        _world.Routing.OpenOf(1).Should().Be(2);
        _world.Routing.OpenOf(2).Should().Be(1);
        _world.Routing.OpenOf(3).Should().Be(0);
        _world.Tickets.All.Count(t => t.Queue is not null).Should().Be(2);
    }
}
