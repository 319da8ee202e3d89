using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Sla;

/// <summary>
/// Every state an SLA target can be in, and its words. A ticket filed on Monday 2 March 2026 at 10:00: first
/// response due at 14:00, resolution due Tuesday at 10:00.
/// </summary>
public sealed class SlaTargetStateTests
{
    private static DateTime At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    private static Ticket Filed(TicketStatus status = TicketStatus.Open) => new()
    {
        Id = 7,
        Subject = "Scheduler stalls",
        Status = status,
        CreatedUtc = At(2, 10),
        FirstResponseDueUtc = At(2, 14),
        ResolveDueUtc = At(3, 10),
    };

    /// <summary>One ticket at one moment, and what each of its targets should say.</summary>
    public sealed record Example(Ticket Ticket, DateTime Now, SlaTargetKind FirstKind, string FirstText, bool FirstLive, SlaTargetKind ResolutionKind, string ResolutionText, bool ResolutionLive);

    public static TheoryData<string, Example> Cases() => new()
    {
        { "open, both still to come", new(
            Filed(), At(2, 12),
            SlaTargetKind.Running, "due in 2 h (2 Mar 2026 14:00 UTC)", true,
            SlaTargetKind.Running, "due in 22 h (3 Mar 2026 10:00 UTC)", true) },
        { "answered, then waiting on the customer", new(
            Filed(TicketStatus.PendingCustomer) with { FirstResponseUtc = At(2, 10, 30), FirstResponseMet = true, SlaPausedUtc = At(2, 11) }, At(2, 15),
            SlaTargetKind.Met, "met at 2 Mar 2026 10:30 UTC (due 2 Mar 2026 14:00 UTC)", false,
            SlaTargetKind.Paused, "paused (waiting on the customer since 2 Mar 2026 11:00 UTC; the due time 3 Mar 2026 10:00 UTC moves on by the wait)", false) },
        { "paused after the first response was due", new(
            Filed(TicketStatus.PendingCustomer) with { SlaPausedUtc = At(2, 15) }, At(2, 18),
            SlaTargetKind.Missed, "missed by 1 h (due 2 Mar 2026 14:00 UTC; paused since 2 Mar 2026 15:00 UTC)", false,
            SlaTargetKind.Paused, "paused (waiting on the customer since 2 Mar 2026 15:00 UTC; the due time 3 Mar 2026 10:00 UTC moves on by the wait)", false) },
        { "resolved early, looked at days later", new(
            Filed(TicketStatus.Resolved) with { FirstResponseUtc = At(2, 10, 30), FirstResponseMet = true, ResolvedUtc = At(2, 12), ResolveMet = true, Resolutions = 1 }, At(9, 9),
            SlaTargetKind.Met, "met at 2 Mar 2026 10:30 UTC (due 2 Mar 2026 14:00 UTC)", false,
            SlaTargetKind.Met, "met at 2 Mar 2026 12:00 UTC (due 3 Mar 2026 10:00 UTC)", false) },
        { "answered and resolved late", new(
            Filed(TicketStatus.Resolved) with { FirstResponseUtc = At(2, 15), FirstResponseMet = false, ResolvedUtc = At(4, 12), ResolveMet = false, Resolutions = 1 }, At(9, 9),
            SlaTargetKind.Missed, "missed by 1 h (due 2 Mar 2026 14:00 UTC, done 2 Mar 2026 15:00 UTC)", false,
            SlaTargetKind.Missed, "missed by 1 d 2 h (due 3 Mar 2026 10:00 UTC, done 4 Mar 2026 12:00 UTC)", false) },
        { "open past both due times", new(
            Filed(), At(3, 12, 30),
            SlaTargetKind.Missed, "missed by 22 h 30 min (due 2 Mar 2026 14:00 UTC)", true,
            SlaTargetKind.Missed, "missed by 2 h 30 min (due 3 Mar 2026 10:00 UTC)", true) },
        { "no SLA applies", new(
            Filed() with { FirstResponseDueUtc = null, ResolveDueUtc = null }, At(2, 12),
            SlaTargetKind.NoSla, "no SLA applies", false,
            SlaTargetKind.NoSla, "no SLA applies", false) },
        { "closed without a resolution, in time", new(
            Filed(TicketStatus.Closed) with { FirstResponseUtc = At(2, 10, 30), ClosedUtc = At(2, 13) }, At(9, 9),
            SlaTargetKind.Met, "met at 2 Mar 2026 10:30 UTC (due 2 Mar 2026 14:00 UTC)", false,
            SlaTargetKind.Met, "met at 2 Mar 2026 13:00 UTC (due 3 Mar 2026 10:00 UTC)", false) },
        { "closed without a resolution, late", new(
            Filed(TicketStatus.Closed) with { FirstResponseUtc = At(2, 10, 30), ClosedUtc = At(5, 10) }, At(9, 9),
            SlaTargetKind.Met, "met at 2 Mar 2026 10:30 UTC (due 2 Mar 2026 14:00 UTC)", false,
            SlaTargetKind.Missed, "missed by 2 d (due 3 Mar 2026 10:00 UTC, done 5 Mar 2026 10:00 UTC)", false) },
        { "resolved by the customer before any first response", new(
            Filed(TicketStatus.Resolved) with { ResolvedUtc = At(2, 11), ResolveMet = true, Resolutions = 1 }, At(2, 18),
            SlaTargetKind.Met, "met at 2 Mar 2026 11:00 UTC (due 2 Mar 2026 14:00 UTC)", false,
            SlaTargetKind.Met, "met at 2 Mar 2026 11:00 UTC (due 3 Mar 2026 10:00 UTC)", false) },
        { "reopened after an early resolution", new(
            Filed() with { FirstResponseUtc = At(2, 10, 30), ResolvedUtc = null, ResolveMet = true, Resolutions = 1 }, At(3, 9),
            SlaTargetKind.Met, "met at 2 Mar 2026 10:30 UTC (due 2 Mar 2026 14:00 UTC)", false,
            SlaTargetKind.Running, "due in 1 h (3 Mar 2026 10:00 UTC)", true) },
        { "closed a week after an early resolution", new(
            Filed(TicketStatus.Closed) with { FirstResponseUtc = At(2, 10, 30), ResolvedUtc = At(2, 12), ResolveMet = true, ClosedUtc = At(9, 12), Resolutions = 1 }, At(20, 9),
            SlaTargetKind.Met, "met at 2 Mar 2026 10:30 UTC (due 2 Mar 2026 14:00 UTC)", false,
            SlaTargetKind.Met, "met at 2 Mar 2026 12:00 UTC (due 3 Mar 2026 10:00 UTC)", false) },
        { "answered at the very minute it was due, looked at in its last seconds", new(
            Filed() with { FirstResponseUtc = At(2, 14) }, At(3, 9, 59).AddSeconds(50),
            SlaTargetKind.Met, "met at 2 Mar 2026 14:00 UTC (due 2 Mar 2026 14:00 UTC)", false,
            SlaTargetKind.Running, "due in less than a minute (3 Mar 2026 10:00 UTC)", true) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachTarget_ReadsItsStateInTheSharedWords(string name, Example example)
    {
        var first = SlaTargetState.FirstResponse(example.Ticket, example.Now);
        var resolution = SlaTargetState.Resolution(example.Ticket, example.Now);

        first.Kind.Should().Be(example.FirstKind, name);
        first.ToString().Should().Be(example.FirstText);
        first.Live.Should().Be(example.FirstLive, "only a target whose clock runs counts");
        resolution.Kind.Should().Be(example.ResolutionKind, name);
        resolution.ToString().Should().Be(example.ResolutionText);
        resolution.Live.Should().Be(example.ResolutionLive, "only a target whose clock runs counts");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ADoneTarget_NeverCountsDown_AndAMetOneNeverReadsMissed(string name, Example example)
    {
        foreach (var state in new[] { SlaTargetState.FirstResponse(example.Ticket, example.Now), SlaTargetState.Resolution(example.Ticket, example.Now) })
        {
            var text = state.ToString();
            text.Should().NotContain("overdue", name);
            if (state.DoneUtc is not null)
            {
                state.Live.Should().BeFalse(name);
                text.Should().NotContain(SlaTargetState.DueInWords, name);
            }

            if (state.Kind == SlaTargetKind.Met)
            {
                text.Should().StartWith(SlaTargetState.MetAtWords).And.NotContain(SlaTargetState.MissedByWords, name);
            }
        }
    }

    [Fact]
    public void Decide_TakesThePagesWayOfWritingAMoment()
    {
        var state = SlaTargetState.Decide(At(3, 10), At(2, 12), null, At(9, 9));

        state.Describe(time => time.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be("met at 2026-03-02 12:00 (due 2026-03-03 10:00)");
        state.Headline(time => "x").Should().Be("met at x");
        SlaTargetState.Decide(null, null, null, At(2, 12)).Detail(time => "x").Should().BeNull();
    }
}
