using Dapper;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tests.Routing;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Tests.Tickets;

public abstract class TicketRoutingAndSlaTests : ProviderTestBase
{
    private static readonly DateTime Now = RoutingRows.Now;

    private TicketStore Store => TestStores.Tickets(Connections);

    private async Task<(int Organisation, int Requester)> SeedAsync()
    {
        var organisation = await RoutingRows.OrganisationAsync(Connections, "Contoso", CustomerSegment.Strategic);
        return (organisation, await RoutingRows.UserAsync(Connections, "Casey Customer", organisation));
    }

    private static RoutingDecision Explained(int engineerId) => new()
    {
        Outcome = RoutingOutcome.Queued,
        Trigger = RoutingTrigger.Escalated,
        Queue = "keel/tier-2",
        Mode = RoutingMode.ProficiencyFirst,
        ModeReason = "strategic customer",
        Considered = 4,
        Qualified = 1,
        Ranked = [new RankedEngineer(engineerId, "Priya Shah", 1, 5, 2, 9_000, "45.00/h × 2 h", 5, 5, Now.AddHours(-3))],
        Excluded = [new ExcludedEngineer(engineerId + 1, "Sam Lee", ExclusionReason.AtCapacity, "at capacity (5 of 5)")],
        ExcludedCounts = new Dictionary<ExclusionReason, int> { [ExclusionReason.AtCapacity] = 3, [ExclusionReason.Away] = 1 },
        Note = "Needs someone who knows the scheduler",
        Summary = "Queued in keel/tier-2: nobody qualified is free (3 at capacity, 1 away)",
        AtUtc = Now,
    };

    [SkippableFact]
    public async Task CreateAsync_StoresEveryRoutingAndSlaColumn_AndGetReadsThemBack()
    {
        var seed = await SeedAsync();
        var ticket = RoutingRows.Ticket(seed.Organisation, seed.Requester) with
        {
            Severity = Severity.High,
            Language = "de",
            Tier = 2,
            Queue = "keel/tier-2",
            Routing = Explained(seed.Requester),
            FirstResponseDueUtc = Now.AddHours(4),
            ResolveDueUtc = Now.AddDays(2),
            FirstResponseAtRiskUtc = Now.AddHours(3),
            ResolveAtRiskUtc = Now.AddDays(1.5),
            FirstResponseMet = true,
            ResolveMet = false,
            SlaState = SlaState.AtRisk,
            SlaPausedUtc = Now.AddMinutes(5),
            SlaCheckUtc = Now.AddHours(3),
        };

        var created = await Store.CreateAsync(ticket);

        var loaded = await Store.GetAsync(created.Id, TicketScope.Staff);
        loaded.Should().BeEquivalentTo(created);
        loaded!.Routing.Should().BeEquivalentTo(Explained(seed.Requester), o => o.WithStrictOrdering());
        loaded.Language.Should().Be("de");
        loaded.Tier.Should().Be(2);
        loaded.Queue.Should().Be("keel/tier-2");
        loaded.FirstResponseAtRiskUtc.Should().Be(Now.AddHours(3));
        loaded.ResolveAtRiskUtc.Should().Be(Now.AddDays(1.5));
        loaded.FirstResponseMet.Should().BeTrue();
        loaded.ResolveMet.Should().BeFalse();
        loaded.SlaState.Should().Be(SlaState.AtRisk);
        loaded.SlaPausedUtc.Should().Be(Now.AddMinutes(5));
        loaded.SlaCheckUtc.Should().Be(Now.AddHours(3));
        await using var connection = await Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(string SlaState, DateTime QueueDueUtc, string Routing)>(
            "SELECT SlaState, QueueDueUtc, Routing FROM Tickets WHERE Id = @Id", new { created.Id });
        row.SlaState.Should().Be("AtRisk");
        row.QueueDueUtc.Should().Be(Now.AddHours(4), "the queue order key is the earliest due time still to meet");
        row.Routing.Should().Contain("\"ProficiencyFirst\"").And.Contain("\"Escalated\"").And.Contain("\"AtCapacity\"");
    }

    [SkippableFact]
    public async Task UpdateAsync_WritesTheRoutingAndSlaColumns_AndMovesTheQueueOrderKeyToTheNextDueTime()
    {
        var seed = await SeedAsync();
        var created = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with
        {
            Queue = "general/tier-1",
            FirstResponseDueUtc = Now.AddHours(1),
            ResolveDueUtc = Now.AddHours(8),
            SlaCheckUtc = Now.AddMinutes(45),
        });

        var answered = await Store.UpdateAsync(new TicketUpdate(
            created with
            {
                Status = TicketStatus.Open,
                FirstResponseUtc = Now.AddMinutes(30),
                FirstResponseMet = true,
                Tier = 3,
                Language = "fr",
                Queue = null,
                Routing = Explained(seed.Requester),
                SlaState = SlaState.Breached,
                SlaCheckUtc = Now.AddHours(6),
            },
            null,
            [new AuditChange("status", "New", "Open")],
            Now.AddMinutes(30)));
        var queueKeyAfterReply = await QueueDueAsync(created.Id);
        var resolved = await Store.UpdateAsync(new TicketUpdate(
            answered! with { Status = TicketStatus.Resolved, ResolvedUtc = Now.AddHours(2), ResolveMet = true, SlaState = SlaState.None, SlaCheckUtc = null },
            null,
            [new AuditChange("status", "Open", "Resolved")],
            Now.AddHours(2)));

        (await Store.GetAsync(created.Id, TicketScope.Staff)).Should().BeEquivalentTo(resolved);
        queueKeyAfterReply.Should().Be(Now.AddHours(8), "the first response is met, so resolution is what is due next");
        (await QueueDueAsync(created.Id)).Should().Be(new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc), "nothing is due any more");
        var summary = (await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff })).Items.Should().ContainSingle().Subject;
        summary.NextDueUtc.Should().BeNull();
        summary.Tier.Should().Be(3);
        summary.Queue.Should().BeNull();
        summary.SlaState.Should().Be(SlaState.None);
    }

    [SkippableFact]
    public async Task CreateAndUpdate_RecordTheEngineersLastAssignment_OnlyWhenTheAssigneeChanges()
    {
        var seed = await SeedAsync();
        var keel = await RoutingRows.ProductAsync(Connections, "keel");
        var priya = await RoutingRows.EngineerAsync(Connections, "Priya Shah", keel);
        var sam = await RoutingRows.EngineerAsync(Connections, "Sam Lee", keel);
        var manager = await RoutingRows.UserAsync(Connections, "Morgan Manager");

        var created = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { AssigneeId = priya.UserId });
        var replied = await Store.UpdateAsync(new TicketUpdate(created with { Status = TicketStatus.Open }, priya.UserId, [], Now.AddHours(1)));
        var passedOn = await Store.UpdateAsync(new TicketUpdate(replied! with { AssigneeId = sam.UserId }, priya.UserId, [], Now.AddHours(2)));
        var toManager = await Store.UpdateAsync(new TicketUpdate(passedOn! with { AssigneeId = manager }, priya.UserId, [], Now.AddHours(3)));

        toManager.Should().NotBeNull("a user with no engineer profile can be assigned; there is just no profile to stamp");
        var engineers = new EngineerStore(Connections);
        (await engineers.GetAsync(priya.UserId))!.LastAssignedUtc.Should().Be(Now, "a reply by the same assignee is not a new assignment");
        (await engineers.GetAsync(sam.UserId))!.LastAssignedUtc.Should().Be(Now.AddHours(2));
        (await engineers.GetAsync(sam.UserId))!.Version.Should().Be(1, "an assignment is not an edit of the profile");
    }

    [SkippableFact]
    public async Task ListAsync_FiltersBySkillQueue_AndPagesInDueOrder_WithoutSkippingOrRepeating()
    {
        var seed = await SeedAsync();
        var expected = new List<Ticket>();
        for (var i = 0; i < 17; i++)
        {
            // Shared due times, severities and creation times, and some tickets with no due time at all.
            DateTime? due = i % 5 == 4 ? null : Now.AddHours(i % 3);
            var severity = (Severity)(1 + (i % 2));
            var ticket = await Store.CreateAsync(RoutingRows.Waiting(seed.Organisation, seed.Requester, "keel/tier-1", severity, Now.AddMinutes(i % 4), due));
            expected.Add(ticket);
        }

        await Store.CreateAsync(RoutingRows.Waiting(seed.Organisation, seed.Requester, "keel/tier-2", Severity.Critical, Now, Now.AddMinutes(-5)));
        await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { FirstResponseDueUtc = Now.AddMinutes(-10) });

        var seen = new List<TicketSummary>();
        TicketCursor? after = null;
        do
        {
            var page = await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Queue = "keel/tier-1", Sort = TicketSort.Due, Take = 4, After = after });
            seen.AddRange(page.Items);
            after = null;
            if (page.Next is not null)
            {
                TicketCursor.TryDecode(page.Next, TicketSort.Due, out after).Should().BeTrue();
            }
        }
        while (after is not null);

        var order = expected
            .OrderBy(t => t.FirstResponseDueUtc ?? DateTime.MaxValue)
            .ThenBy(t => t.Severity)
            .ThenBy(t => t.CreatedUtc)
            .ThenBy(t => t.Id)
            .Select(t => t.Id);
        seen.Select(t => t.Id).Should().Equal(order);
        seen.Should().OnlyContain(t => t.Queue == "keel/tier-1");
        seen.Last().NextDueUtc.Should().BeNull("tickets with no due time come last");
        seen.First().NextDueUtc.Should().Be(Now);
    }

    [SkippableFact]
    public async Task ListAsync_SortsSeveralStatusesByDueTime_InOnePagedOrder()
    {
        var seed = await SeedAsync();
        var open = new List<int>();
        for (var i = 0; i < 9; i++)
        {
            var status = (i % 3) switch { 0 => TicketStatus.New, 1 => TicketStatus.Open, _ => TicketStatus.OnHold };
            var ticket = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with
            {
                Status = status,
                FirstResponseDueUtc = i % 4 == 0 ? null : Now.AddHours(9 - i),
            });
            open.Add(ticket.Id);
        }

        var seen = new List<TicketSummary>();
        TicketCursor? after = null;
        do
        {
            var page = await Store.ListAsync(new TicketQuery
            {
                Scope = TicketScope.Staff,
                Statuses = [TicketStatus.New, TicketStatus.Open, TicketStatus.OnHold],
                Sort = TicketSort.Due,
                Take = 2,
                After = after,
            });
            seen.AddRange(page.Items);
            after = null;
            if (page.Next is not null)
            {
                TicketCursor.TryDecode(page.Next, TicketSort.Due, out after).Should().BeTrue();
            }
        }
        while (after is not null);

        seen.Select(t => t.Id).Should().BeEquivalentTo(open);
        seen.Select(t => t.Id).Should().Equal(seen.OrderBy(t => t.NextDueUtc ?? DateTime.MaxValue).ThenBy(t => t.Severity).ThenBy(t => t.CreatedUtc).ThenBy(t => t.Id).Select(t => t.Id));
    }

    [SkippableFact]
    public async Task ListSlaChecksDueAsync_ReturnsTicketsWhoseCheckTimeHasCome_EarliestFirst()
    {
        var seed = await SeedAsync();
        var later = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { SlaCheckUtc = Now.AddMinutes(-1) });
        var earlier = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { SlaCheckUtc = Now.AddMinutes(-30) });
        var exactlyNow = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { SlaCheckUtc = Now });
        await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { SlaCheckUtc = Now.AddMinutes(1) });
        await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester) with { SlaCheckUtc = null });

        (await Store.ListSlaChecksDueAsync(Now, 10)).Should().Equal(earlier.Id, later.Id, exactlyNow.Id);
        (await Store.ListSlaChecksDueAsync(Now, 2)).Should().Equal(earlier.Id, later.Id);
    }

    private async Task<DateTime> QueueDueAsync(int id)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<DateTime>("SELECT QueueDueUtc FROM Tickets WHERE Id = @Id", new { Id = id });
    }
}

public sealed class SqliteTicketRoutingAndSlaTests : TicketRoutingAndSlaTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerTicketRoutingAndSlaTests : TicketRoutingAndSlaTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
