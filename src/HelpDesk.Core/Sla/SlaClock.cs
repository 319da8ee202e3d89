using System.Globalization;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Sla;

/// <summary>The two promises of a plan's SLA.</summary>
public enum SlaGoal
{
    FirstResponse,
    Resolution,
}

/// <summary>When each target of a new ticket is at risk; null for a target that does not apply.</summary>
public sealed record SlaAtRisk(DateTime? FirstResponseUtc, DateTime? ResolveUtc);

/// <summary>
/// A target that has become at risk or breached, as the audit trail and the notice word it: "first response at risk:
/// due in 45 min (14:00 UTC)", "resolution breached: missed by 2 min (due 14:00 UTC)".
/// </summary>
public sealed record SlaEvent(SlaGoal Goal, SlaState State, DateTime DueUtc, DateTime AtUtc)
{
    public string Text =>
        $"{SlaClock.Describe(Goal)} {(State == SlaState.Breached ? "breached" : "at risk")}: {SlaTargetState.Decide(DueUtc, null, null, AtUtc).Describe(time => SlaClock.When(time, AtUtc))}";
}

/// <summary>The state of a ticket's targets at a moment, what changed since the monitor last looked, and when to look next.</summary>
public sealed record SlaEvaluation(SlaState State, IReadOnlyList<SlaEvent> Events, DateTime? NextCheckUtc);

/// <summary>A ticket after a move of its SLA clock, with the audit entries that say why.</summary>
public sealed record SlaChange(Ticket Ticket, IReadOnlyList<AuditChange> Audit);

/// <summary>
/// The SLA clock of a ticket, in pure functions. Targets are counted in the plan's support hours. A target is at
/// risk once <see cref="SlaSettings.AtRiskPercent"/> of its support time is used and breached at its due time; it is
/// still to meet until the first staff reply (first response) or the resolution. While the ticket waits on the
/// customer the clock stops; when it starts again, every due and at-risk time still to meet moves on by the support
/// time the wait took, so the share of the target used is what it was when the clock stopped.
/// <see cref="Ticket.SlaCheckUtc"/> is the next moment at which something can change: the earliest time still to meet
/// whose state the ticket does not show yet.
/// </summary>
public static class SlaClock
{
    public const string AuditField = "sla";
    public const string FirstResponseDueField = "first response due";
    public const string ResolveDueField = "resolve due";

    /// <summary>The at-risk times of new targets counted from <paramref name="startUtc"/>.</summary>
    public static SlaAtRisk AtRiskTimes(DateTime startUtc, int? firstResponseMinutes, int? resolveMinutes, SlaCalendar calendar, int atRiskPercent)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return new(
            firstResponseMinutes is int first ? AtRiskTime(startUtc, first, calendar, atRiskPercent) : null,
            resolveMinutes is int resolve ? AtRiskTime(startUtc, resolve, calendar, atRiskPercent) : null);
    }

    /// <summary>The moment <paramref name="atRiskPercent"/> of a target of <paramref name="targetMinutes"/> support minutes is used (rounded up to the minute).</summary>
    public static DateTime AtRiskTime(DateTime startUtc, int targetMinutes, SlaCalendar calendar, int atRiskPercent)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var percent = Math.Clamp(atRiskPercent, 0, 100);
        var minutes = (int)Math.Ceiling(targetMinutes * (long)percent / 100.0);
        return SupportCalendar.AddSupportMinutes(startUtc, minutes, calendar.Hours, calendar.Holidays);
    }

    /// <summary>
    /// The state of the targets still to meet at <paramref name="nowUtc"/>; the events are the targets that crossed a
    /// line the ticket does not show yet. A paused, resolved or closed ticket has nothing to evaluate.
    /// </summary>
    public static SlaEvaluation Evaluate(Ticket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.SlaPausedUtc is not null)
        {
            return new(ticket.SlaState, [], null);
        }

        if (!TicketWorkflow.IsOpen(ticket.Status))
        {
            return new(SlaState.None, [], null);
        }

        var state = SlaState.None;
        var events = new List<SlaEvent>();
        foreach (var target in Unmet(ticket))
        {
            var level = target.LevelAt(nowUtc);
            if (level == SlaState.None)
            {
                continue;
            }

            state = Worse(state, level);
            var crossed = level == SlaState.Breached ? target.DueUtc : target.AtRiskUtc!.Value;
            if (level > ticket.SlaState || (ticket.SlaCheckUtc is DateTime check && crossed >= check))
            {
                events.Add(new(target.Goal, level, target.DueUtc, nowUtc));
            }
        }

        return new(state, events, Next(ticket, nowUtc, state));
    }

    /// <summary>
    /// The ticket with its SLA state and next check brought up to date after a change that is not the monitor's:
    /// a met target no longer counts towards the state, and a line crossed since the monitor last looked stays for it
    /// to report (the state is only ever lowered here, never raised).
    /// </summary>
    public static Ticket Schedule(Ticket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!TicketWorkflow.IsOpen(ticket.Status))
        {
            return ticket with { SlaState = SlaState.None, SlaCheckUtc = null, SlaPausedUtc = null };
        }

        if (ticket.SlaPausedUtc is not null)
        {
            return ticket with { SlaCheckUtc = null };
        }

        var now = Evaluate(ticket with { SlaCheckUtc = null }, nowUtc).State;
        var state = now < ticket.SlaState ? now : ticket.SlaState;
        return ticket with { SlaState = state, SlaCheckUtc = Next(ticket, nowUtc, state) };
    }

    /// <summary>Stops the clock while the ticket waits on the customer; nothing changes when no target is still to meet.</summary>
    public static SlaChange Pause(Ticket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.SlaPausedUtc is not null || !Unmet(ticket).Any())
        {
            return new(ticket, []);
        }

        return new(
            ticket with { SlaPausedUtc = nowUtc, SlaCheckUtc = null },
            [new AuditChange(AuditField, null, "paused: waiting on the customer")]);
    }

    /// <summary>
    /// Starts the clock again: every due and at-risk time still to meet moves on by the support minutes of the wait,
    /// counted in <paramref name="calendar"/> (every minute counts when the plan's calendar is not known).
    /// </summary>
    public static SlaChange Resume(Ticket ticket, DateTime nowUtc, SlaCalendar? calendar)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.SlaPausedUtc is not DateTime pausedUtc)
        {
            return new(ticket, []);
        }

        var hours = calendar?.Hours ?? SupportHours.TwentyFourSeven;
        var holidays = (IReadOnlyCollection<DateOnly>?)calendar?.Holidays ?? [];
        var paused = SupportCalendar.SupportMinutesBetween(pausedUtc, nowUtc, hours, holidays);
        DateTime? Move(DateTime? time) => time is DateTime t && paused > 0 ? SupportCalendar.AddSupportMinutes(t, paused, hours, holidays) : time;

        var audit = new List<AuditChange>
        {
            new(AuditField, "paused", paused > 0
                ? $"resumed: waited on the customer for {Durations.Describe(paused)} of support time"
                : hours.AroundTheClock || nowUtc - pausedUtc < TimeSpan.FromMinutes(1)
                    ? "resumed: the wait on the customer was shorter than a minute, so no due time moves"
                    : "resumed: the wait on the customer was outside support hours, so no due time moves"),
        };
        var moved = ticket with { SlaPausedUtc = null };
        if (paused > 0 && ticket.FirstResponseUtc is null && ticket.FirstResponseDueUtc is DateTime firstDue)
        {
            moved = moved with { FirstResponseDueUtc = Move(firstDue), FirstResponseAtRiskUtc = Move(ticket.FirstResponseAtRiskUtc) };
            audit.Add(new(FirstResponseDueField, Format(firstDue), Format(moved.FirstResponseDueUtc!.Value)));
        }

        if (paused > 0 && ticket.ResolvedUtc is null && ticket.ResolveDueUtc is DateTime resolveDue)
        {
            moved = moved with { ResolveDueUtc = Move(resolveDue), ResolveAtRiskUtc = Move(ticket.ResolveAtRiskUtc) };
            audit.Add(new(ResolveDueField, Format(resolveDue), Format(moved.ResolveDueUtc!.Value)));
        }

        return new(Schedule(moved, nowUtc), audit);
    }

    /// <summary>The first staff reply: records it and whether it came by its due time (null when no SLA applies).</summary>
    public static Ticket RecordFirstResponse(Ticket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Schedule(ticket with { FirstResponseUtc = nowUtc, FirstResponseMet = ticket.FirstResponseDueUtc is DateTime due ? nowUtc <= due : null }, nowUtc);
    }

    /// <summary>A resolution (the ticket already carries its <see cref="Ticket.ResolvedUtc"/>): whether it came by its due time.</summary>
    public static Ticket RecordResolution(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket with
        {
            ResolveMet = ticket.ResolveDueUtc is DateTime due && ticket.ResolvedUtc is DateTime resolved ? resolved <= due : null,
        };
    }

    public static string Describe(SlaGoal goal) => goal == SlaGoal.FirstResponse ? "first response" : "resolution";

    /// <summary>A due time as the audit trail shows it: 3 Mar 2026 14:00 UTC.</summary>
    public static string Format(DateTime utc) => utc.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A due time seen from <paramref name="nowUtc"/>: just the time on the same day, else the date too.</summary>
    public static string When(DateTime dueUtc, DateTime nowUtc) => dueUtc.Date == nowUtc.Date
        ? dueUtc.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)
        : Format(dueUtc);

    private static SlaState Worse(SlaState a, SlaState b) => a > b ? a : b;

    private static DateTime? Next(Ticket ticket, DateTime nowUtc, SlaState shown)
    {
        DateTime? next = null;
        foreach (var target in Unmet(ticket))
        {
            foreach (var (time, level) in target.Lines())
            {
                if ((time > nowUtc || level > shown) && (next is null || time < next))
                {
                    next = time;
                }
            }
        }

        return next;
    }

    private static IEnumerable<Target> Unmet(Ticket ticket)
    {
        if (ticket.FirstResponseUtc is null && ticket.FirstResponseDueUtc is DateTime first)
        {
            yield return new(SlaGoal.FirstResponse, first, ticket.FirstResponseAtRiskUtc);
        }

        if (ticket.ResolvedUtc is null && ticket.ResolveDueUtc is DateTime resolve)
        {
            yield return new(SlaGoal.Resolution, resolve, ticket.ResolveAtRiskUtc);
        }
    }

    private sealed record Target(SlaGoal Goal, DateTime DueUtc, DateTime? AtRiskUtc)
    {
        public SlaState LevelAt(DateTime nowUtc) =>
            DueUtc <= nowUtc ? SlaState.Breached : AtRiskUtc is DateTime atRisk && atRisk <= nowUtc ? SlaState.AtRisk : SlaState.None;

        public IEnumerable<(DateTime Time, SlaState Level)> Lines()
        {
            if (AtRiskUtc is DateTime atRisk)
            {
                yield return (atRisk, SlaState.AtRisk);
            }

            yield return (DueUtc, SlaState.Breached);
        }
    }
}
