using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tests.Routing;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Routing.RoutingWorld;

namespace HelpDesk.Core.Tests.Sla;

public sealed class SlaMonitorTests
{
    private readonly RoutingWorld _world = new();

    private static DateTime At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Check_MarksAtRisk_WritesTheAuditEntry_AndMailsTheAssignee()
    {
        _world.Engineer(1, "Priya Shah");
        var ticket = _world.Ticket(assignee: 1);
        _world.Clock.SetUtcNow(At(2, 13));

        var result = await _world.Monitor.CheckAsync();

        result.Should().Be(new SlaMonitorResult(1, 1, 0, 0));
        var saved = _world.Tickets[ticket.Id];
        saved.SlaState.Should().Be(SlaState.AtRisk);
        saved.SlaCheckUtc.Should().Be(At(2, 14));
        saved.UpdatedUtc.Should().Be(ticket.UpdatedUtc, "the monitor's mark is not someone working on the ticket");
        (await _world.Tickets.ListAuditAsync(ticket.Id)).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Field = "sla", NewValue = "first response at risk: due in 1 h (14:00 UTC)", ActorId = (int?)null });
        var mail = _world.Tickets.Mail.Should().ContainSingle().Subject;
        mail.Kind.Should().Be(TicketMail.SlaAtRiskNotice);
        mail.ToAddress.Should().Be("priya@example.com");
        mail.Subject.Should().Be($"[{ticket.Number}] First response at risk: due in 1 h (14:00 UTC)");
        mail.TextBody.Should().Contain("It is assigned to you.");
    }

    [Fact]
    public async Task Check_LooksOnlyAtTicketsWhoseCheckHasCome()
    {
        _world.Engineer(1, "Priya Shah");
        _world.Ticket(assignee: 1);
        _world.Clock.SetUtcNow(At(2, 12));

        var result = await _world.Monitor.CheckAsync();

        result.Should().Be(new SlaMonitorResult(0, 0, 0, 0));
        _world.Tickets.Mail.Should().BeEmpty();
    }

    [Fact]
    public async Task Check_TellsTheAvailableEngineersWhoCouldTakeAWaitingTicket_AtMostTen()
    {
        for (var id = 1; id <= 12; id++)
        {
            _world.Engineer(id, $"Engineer {id:00}");
        }

        _world.Engineer(20, "Away Engineer", edit: e => e with { Available = false });
        _world.Engineer(21, "French Engineer", edit: e => e with { Languages = ["fr"] });
        _world.Engineer(22, "Busy Engineer", capacity: 1);
        _world.Ticket(assignee: 22, created: At(2, 9));
        var waiting = _world.Waiting();
        _world.Tickets.Add(_world.Tickets[waiting.Id] with { SlaCheckUtc = At(2, 13) });
        _world.Clock.SetUtcNow(At(2, 13));

        await _world.Monitor.CheckAsync();

        var notices = _world.Tickets.Mail.Where(m => m.TicketId == waiting.Id).ToList();
        notices.Should().HaveCount(SlaMonitor.MaxQueueNotices);
        notices.Select(m => m.ToAddress).Should().NotContain(["away@example.com", "french@example.com"]);
        notices[0].TextBody.Should().Contain("It waits unassigned in keel/tier-1, and you qualify for it");
    }

    [Fact]
    public async Task Check_MarksBreached_AndEscalatesACriticalTicketOneTier()
    {
        _world.Engineer(1, "Priya Shah", proficiency: 4);
        _world.Engineer(2, "Sam Lee", proficiency: 5, tier: 2);
        var ticket = _world.Ticket(assignee: 1, severity: Severity.Critical);
        _world.Tickets.Add(_world.Tickets[ticket.Id] with { SlaState = SlaState.AtRisk, SlaCheckUtc = At(2, 14) });
        _world.Clock.SetUtcNow(At(2, 14));

        var result = await _world.Monitor.CheckAsync();

        result.Should().Be(new SlaMonitorResult(1, 0, 1, 1));
        var saved = _world.Tickets[ticket.Id];
        saved.SlaState.Should().Be(SlaState.Breached);
        saved.Tier.Should().Be(2);
        saved.AssigneeId.Should().Be(2);
        saved.Routing!.Trigger.Should().Be(RoutingTrigger.SlaEscalated);
        saved.UpdatedUtc.Should().Be(ticket.UpdatedUtc);
        saved.Routing.Note.Should().Be("Critical ticket, first response breached: missed by less than a minute (due 14:00 UTC)");
        (await _world.Tickets.ListAuditAsync(ticket.Id)).Select(a => (a.Field, a.NewValue)).Should().Equal(
            ("sla", "first response breached: missed by less than a minute (due 14:00 UTC)"),
            ("tier", "2"),
            ("assignee", "Sam Lee"),
            ("routing", "Assigned to Sam Lee (the only one qualified, proficiency first: strategic customer, critical severity)"));
        var mail = _world.Tickets.Mail.Should().ContainSingle().Subject;
        mail.Kind.Should().Be(TicketMail.SlaBreachedNotice);
        mail.ToAddress.Should().Be("sam@example.com");
        mail.TextBody.Should().Contain("The SLA monitor escalated it to tier 2. Routing: Assigned to Sam Lee");
    }

    [Fact]
    public async Task Check_EscalatingABreachedTicket_LetsItsAssigneeKeepIt_WhenTheyQualifyForTheNextTier()
    {
        // Priya is full only because of this ticket, and of tier 2: nobody gave it up, so she may keep it.
        _world.Engineer(1, "Priya Shah", proficiency: 4, tier: 2, capacity: 1);
        _world.Engineer(2, "Sam Lee", proficiency: 5, tier: 2, edit: e => e with { Available = false });
        var ticket = _world.Ticket(assignee: 1, severity: Severity.Critical);
        _world.Tickets.Add(_world.Tickets[ticket.Id] with { SlaState = SlaState.AtRisk, SlaCheckUtc = At(2, 14) });
        _world.Clock.SetUtcNow(At(2, 14));

        await _world.Monitor.CheckAsync();

        var saved = _world.Tickets[ticket.Id];
        saved.Tier.Should().Be(2);
        saved.AssigneeId.Should().Be(1);
    }

    [Fact]
    public async Task Check_DoesNotEscalate_ATicketThatIsNotCritical_OrAlreadyAtTierThree()
    {
        _world.Engineer(1, "Priya Shah", proficiency: 5, tier: 3);
        var high = _world.Ticket(assignee: 1, severity: Severity.High);
        var top = _world.Ticket(assignee: 1, severity: Severity.Critical, tier: 3);
        _world.Clock.SetUtcNow(At(2, 14));

        var result = await _world.Monitor.CheckAsync();

        result.Should().Be(new SlaMonitorResult(2, 0, 2, 0));
        _world.Tickets[high.Id].Tier.Should().Be(1);
        _world.Tickets[top.Id].Tier.Should().Be(3);
    }

    [Fact]
    public async Task Check_LeavesATicketSomeoneChangedMeanwhile_ForTheNextRun()
    {
        _world.Engineer(1, "Priya Shah");
        var ticket = _world.Ticket(assignee: 1);
        _world.Clock.SetUtcNow(At(2, 13));
        _world.Tickets.AfterGet = id => _world.Tickets.Touch(id);

        var result = await _world.Monitor.CheckAsync();

        result.Checked.Should().Be(0);
        _world.Tickets[ticket.Id].SlaState.Should().Be(SlaState.None);
        _world.Tickets.Mail.Should().BeEmpty();
    }
}
