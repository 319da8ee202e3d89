using HelpDesk.Core.Contracts;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Sla;

/// <summary>Business hours Monday to Friday, 09:00–17:00 UTC. 2 March 2026 is a Monday.</summary>
public sealed class SlaClockTests
{
    private static readonly SlaCalendar Business = new(new SupportHours { TimeZone = "UTC" }, new HashSet<DateOnly>());

    private static DateTime At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>Filed on Monday at 10:00: first response due at 14:00 (at risk 13:00), resolution due Tuesday 10:00 (at risk Monday 16:00).</summary>
    private static Ticket Monday() => new()
    {
        Id = 42,
        Subject = "Scheduler stalls",
        Status = TicketStatus.Open,
        CreatedUtc = At(2, 10),
        FirstResponseDueUtc = At(2, 14),
        FirstResponseAtRiskUtc = At(2, 13),
        ResolveDueUtc = At(3, 10),
        ResolveAtRiskUtc = At(2, 16),
        SlaCheckUtc = At(2, 13),
    };

    [Fact]
    public void AtRiskTimes_AreTheAtRiskShareOfEachTarget_CountedInSupportHours()
    {
        var atRisk = SlaClock.AtRiskTimes(At(2, 10), 240, 480, Business, 75);

        atRisk.FirstResponseUtc.Should().Be(At(2, 13));
        atRisk.ResolveUtc.Should().Be(At(2, 16));
    }

    [Fact]
    public void AtRiskTime_RoundsUpToTheMinute_AndCrossesTheWeekend()
    {
        SlaClock.AtRiskTime(At(2, 10), 10, Business, 75).Should().Be(At(2, 10, 8), "75% of 10 minutes is 7.5, rounded up");

        // Friday 15:00 + 6 h of support time: 2 h on Friday, 4 h on Monday.
        SlaClock.AtRiskTime(At(6, 15), 480, Business, 75).Should().Be(At(9, 13));
    }

    [Fact]
    public void AtRiskTimes_LeavesOutATargetThatDoesNotApply()
    {
        var atRisk = SlaClock.AtRiskTimes(At(2, 10), 240, null, Business, 75);

        atRisk.ResolveUtc.Should().BeNull();
    }

    [Fact]
    public void Evaluate_IsOnTrack_BeforeTheAtRiskTime_AndLooksAgainThen()
    {
        var evaluation = SlaClock.Evaluate(Monday(), At(2, 12));

        evaluation.State.Should().Be(SlaState.None);
        evaluation.Events.Should().BeEmpty();
        evaluation.NextCheckUtc.Should().Be(At(2, 13));
    }

    [Fact]
    public void Evaluate_MarksAtRisk_WhenTheShareIsUsed_AndLooksAgainAtTheDueTime()
    {
        var evaluation = SlaClock.Evaluate(Monday(), At(2, 13));

        evaluation.State.Should().Be(SlaState.AtRisk);
        evaluation.Events.Select(e => e.Text).Should().Equal("first response at risk: due in 1 h (14:00 UTC)");
        evaluation.NextCheckUtc.Should().Be(At(2, 14));
    }

    [Fact]
    public void Evaluate_MarksBreached_AtTheDueTime_WithoutRepeatingTheAtRiskNotice()
    {
        var atRisk = Monday() with { SlaState = SlaState.AtRisk, SlaCheckUtc = At(2, 14) };

        var evaluation = SlaClock.Evaluate(atRisk, At(2, 14, 1));

        evaluation.State.Should().Be(SlaState.Breached);
        evaluation.Events.Should().ContainSingle().Which.Should().Be(new SlaEvent(SlaGoal.FirstResponse, SlaState.Breached, At(2, 14), At(2, 14, 1)));
        evaluation.Events[0].Text.Should().Be("first response breached: missed by 1 min (due 14:00 UTC)");
        evaluation.NextCheckUtc.Should().Be(At(2, 16), "the resolution is still to meet");
    }

    [Fact]
    public void Evaluate_ReportsOnlyTheBreach_WhenBothLinesPassedSinceTheLastLook()
    {
        var evaluation = SlaClock.Evaluate(Monday(), At(2, 15));

        evaluation.Events.Should().ContainSingle().Which.State.Should().Be(SlaState.Breached);
    }

    [Fact]
    public void Evaluate_ReportsTheSecondTargetAtRisk_AlthoughTheTicketIsAlreadyAtRisk()
    {
        var ticket = Monday() with { FirstResponseUtc = At(2, 11), SlaState = SlaState.AtRisk, SlaCheckUtc = At(2, 16) };

        var evaluation = SlaClock.Evaluate(ticket, At(2, 16));

        evaluation.Events.Select(e => e.Text).Should().Equal("resolution at risk: due in 18 h (3 Mar 2026 10:00 UTC)");
    }

    [Fact]
    public void Evaluate_IgnoresMetTargets_AndHasNothingToDo_OnceResolved()
    {
        var responded = Monday() with { FirstResponseUtc = At(2, 11) };

        SlaClock.Evaluate(responded, At(2, 15)).State.Should().Be(SlaState.None);

        var resolved = responded with { Status = TicketStatus.Resolved, ResolvedUtc = At(2, 15) };
        SlaClock.Evaluate(resolved, At(4, 9)).Should().BeEquivalentTo(new SlaEvaluation(SlaState.None, [], null));
    }

    [Fact]
    public void Pause_StopsTheClock_AndSaysWhy()
    {
        var paused = SlaClock.Pause(Monday(), At(2, 12));

        paused.Ticket.SlaPausedUtc.Should().Be(At(2, 12));
        paused.Ticket.SlaCheckUtc.Should().BeNull();
        paused.Audit.Should().Equal(new AuditChange("sla", null, "paused: waiting on the customer"));
    }

    [Fact]
    public void Pause_ChangesNothing_WhenNoTargetIsLeftToMeet()
    {
        var noSla = new Ticket { Subject = "No contract", Status = TicketStatus.Open };

        var paused = SlaClock.Pause(noSla, At(2, 12));

        paused.Ticket.Should().Be(noSla);
        paused.Audit.Should().BeEmpty();
    }

    [Fact]
    public void Resume_MovesEveryTimeStillToMeet_ByTheSupportTimeOfTheWait_OverAWeekend()
    {
        // Filed Friday 13:00 with 8 h to resolve: due Monday 13:00, at risk Monday 11:00. Waiting on the customer
        // from Friday 16:00 to Monday 10:30 is 1 h on Friday and 1 h 30 min on Monday.
        var friday = new Ticket
        {
            Subject = "Boot loop",
            Status = TicketStatus.PendingCustomer,
            FirstResponseUtc = At(6, 13, 30),
            FirstResponseDueUtc = At(6, 14),
            ResolveDueUtc = At(9, 13),
            ResolveAtRiskUtc = At(9, 11),
            SlaPausedUtc = At(6, 16),
        };

        var resumed = SlaClock.Resume(friday with { Status = TicketStatus.Open }, At(9, 10, 30), Business);

        resumed.Ticket.ResolveDueUtc.Should().Be(At(9, 15, 30));
        resumed.Ticket.ResolveAtRiskUtc.Should().Be(At(9, 13, 30));
        resumed.Ticket.FirstResponseDueUtc.Should().Be(At(6, 14), "the first response was given; its due time stays as it was");
        resumed.Ticket.SlaPausedUtc.Should().BeNull();
        resumed.Ticket.SlaCheckUtc.Should().Be(At(9, 13, 30));
        resumed.Audit.Should().Equal(
            new AuditChange("sla", "paused", "resumed: waited on the customer for 2 h 30 min of support time"),
            new AuditChange("resolve due", "9 Mar 2026 13:00 UTC", "9 Mar 2026 15:30 UTC"));
    }

    [Fact]
    public void Resume_SkipsTheHolidaysOfThePlansCalendar()
    {
        var withHoliday = Business with { Holidays = new HashSet<DateOnly> { new(2026, 3, 9) } };

        // Due Tuesday 13:00 (Friday 4 h, Monday a holiday, Tuesday 4 h); waiting from Friday 16:00 to Tuesday 10:30.
        var ticket = new Ticket
        {
            Subject = "Boot loop",
            Status = TicketStatus.Open,
            FirstResponseDueUtc = At(10, 9, 30),
            ResolveDueUtc = At(10, 13),
            SlaPausedUtc = At(6, 16),
        };

        var resumed = SlaClock.Resume(ticket, At(10, 10, 30), withHoliday);

        resumed.Ticket.ResolveDueUtc.Should().Be(At(10, 15, 30));
        resumed.Ticket.FirstResponseDueUtc.Should().Be(At(10, 12));
        resumed.Audit.Select(a => a.Field).Should().Equal("sla", "first response due", "resolve due");
        resumed.Audit[0].NewValue.Should().Be("resumed: waited on the customer for 2 h 30 min of support time");
    }

    [Fact]
    public void Resume_MovesNothing_WhenTheWaitWasOutsideSupportHours()
    {
        var ticket = Monday() with { SlaPausedUtc = At(6, 18) };

        var resumed = SlaClock.Resume(ticket, At(7, 11), Business);

        resumed.Ticket.ResolveDueUtc.Should().Be(Monday().ResolveDueUtc);
        resumed.Audit.Should().Equal(new AuditChange("sla", "paused", "resumed: the wait on the customer was outside support hours, so no due time moves"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Resume_NeverSaysOutsideSupportHours_ForAPlanAroundTheClock(bool calendarKnown)
    {
        var aroundTheClock = new SlaCalendar(SupportHours.TwentyFourSeven, new HashSet<DateOnly>());
        var ticket = Monday() with { SlaPausedUtc = At(2, 11) };

        var resumed = SlaClock.Resume(ticket, At(2, 11).AddSeconds(40), calendarKnown ? aroundTheClock : null);

        resumed.Ticket.ResolveDueUtc.Should().Be(Monday().ResolveDueUtc);
        resumed.Audit.Should().Equal(new AuditChange("sla", "paused", "resumed: the wait on the customer was shorter than a minute, so no due time moves"));
    }

    [Fact]
    public void Resume_SaysTheWaitWasShort_WhenItWasUnderAMinuteInSupportHours()
    {
        var ticket = Monday() with { SlaPausedUtc = At(2, 11) };

        SlaClock.Resume(ticket, At(2, 11).AddSeconds(40), Business).Audit[0].NewValue
            .Should().Be("resumed: the wait on the customer was shorter than a minute, so no due time moves");
    }

    [Fact]
    public void Resume_CountsEveryMinute_WhenThePlansCalendarIsUnknown()
    {
        var ticket = Monday() with { SlaPausedUtc = At(2, 11) };

        var resumed = SlaClock.Resume(ticket, At(2, 12), null);

        resumed.Ticket.FirstResponseDueUtc.Should().Be(At(2, 15));
    }

    [Fact]
    public void Resume_KeepsAnAtRiskTicketAtRisk_BecauseTheShareUsedDoesNotChange()
    {
        var atRisk = Monday() with { SlaState = SlaState.AtRisk, SlaPausedUtc = At(2, 13, 30) };

        var resumed = SlaClock.Resume(atRisk, At(3, 9, 30), Business);

        resumed.Ticket.FirstResponseAtRiskUtc.Should().BeOnOrBefore(At(3, 9, 30));
        resumed.Ticket.FirstResponseDueUtc.Should().Be(At(3, 10));
        resumed.Ticket.SlaState.Should().Be(SlaState.AtRisk);
        resumed.Ticket.SlaCheckUtc.Should().Be(At(3, 10));
    }

    [Theory]
    [InlineData(13, true)]
    [InlineData(14, true)]
    [InlineData(15, false)]
    public void RecordFirstResponse_SaysWhetherItCameByItsDueTime(int hour, bool met)
    {
        var responded = SlaClock.RecordFirstResponse(Monday(), At(2, hour));

        responded.FirstResponseUtc.Should().Be(At(2, hour));
        responded.FirstResponseMet.Should().Be(met);
    }

    [Fact]
    public void RecordFirstResponse_LeavesMetEmpty_WhenNoSlaApplies()
    {
        SlaClock.RecordFirstResponse(new Ticket { Subject = "x", Status = TicketStatus.Open }, At(2, 9)).FirstResponseMet.Should().BeNull();
    }

    [Fact]
    public void RecordResolution_SaysWhetherItCameByItsDueTime()
    {
        SlaClock.RecordResolution(Monday() with { ResolvedUtc = At(3, 9) }).ResolveMet.Should().BeTrue();
        SlaClock.RecordResolution(Monday() with { ResolvedUtc = At(3, 11) }).ResolveMet.Should().BeFalse();
        SlaClock.RecordResolution(Monday() with { ResolveDueUtc = null, ResolvedUtc = At(3, 11) }).ResolveMet.Should().BeNull();
    }

    [Fact]
    public void Schedule_LowersTheStateOnceTheTargetAtRiskIsMet()
    {
        var atRisk = Monday() with { SlaState = SlaState.AtRisk, SlaCheckUtc = At(2, 14), FirstResponseUtc = At(2, 13, 30) };

        var scheduled = SlaClock.Schedule(atRisk, At(2, 13, 30));

        scheduled.SlaState.Should().Be(SlaState.None);
        scheduled.SlaCheckUtc.Should().Be(At(2, 16));
    }

    [Fact]
    public void Schedule_LeavesALineCrossedMeanwhileForTheMonitorToReport()
    {
        // Reopened after its resolution was due: the state is not raised here, but the monitor looks at once.
        var reopened = Monday() with { FirstResponseUtc = At(2, 11), Status = TicketStatus.Open };

        var scheduled = SlaClock.Schedule(reopened, At(4, 12));

        scheduled.SlaState.Should().Be(SlaState.None);
        scheduled.SlaCheckUtc.Should().Be(At(2, 16));
    }

    [Fact]
    public void Schedule_ClearsTheClock_OfAResolvedTicket()
    {
        var resolved = Monday() with { Status = TicketStatus.Resolved, ResolvedUtc = At(2, 12), SlaState = SlaState.AtRisk };

        var scheduled = SlaClock.Schedule(resolved, At(2, 12));

        scheduled.SlaState.Should().Be(SlaState.None);
        scheduled.SlaCheckUtc.Should().BeNull();
    }
}
