using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Sla;

/// <summary>Where one SLA target of a ticket stands.</summary>
public enum SlaTargetKind
{
    /// <summary>The target has no due time: no SLA applies to the ticket.</summary>
    NoSla,

    /// <summary>Still to meet, its clock running, and not yet due.</summary>
    Running,

    /// <summary>Still to meet, not yet due, its clock stopped while the ticket waits on the customer.</summary>
    Paused,

    /// <summary>Done by its due time.</summary>
    Met,

    /// <summary>Done after its due time, or still to meet past it.</summary>
    Missed,
}

/// <summary>
/// One SLA target of a ticket as people are told about it, and the moments that decide it: when it is due, when it
/// was done, since when its clock is paused, and the moment it was looked at. The first response is done by the first
/// public staff reply; the resolution by resolving the ticket. A ticket resolved or closed ends every target it has
/// not reached: a ticket closed without a resolution (and a first response never given before the ticket was
/// resolved or closed) is judged by when it ended. A done target never counts down and is never "missed" unless it
/// was done late. The words are here too, so portal, desk, API and mail say the same.
/// </summary>
public sealed record SlaTargetState(SlaTargetKind Kind, DateTime? DueUtc, DateTime? DoneUtc, DateTime? PausedUtc, DateTime AtUtc)
{
    public const string DueInWords = "due in";
    public const string MissedByWords = "missed by";
    public const string PausedWords = "paused";
    public const string MetAtWords = "met at";
    public const string NoSlaWords = "no SLA applies";

    /// <summary>True while the target's clock runs, so a page keeps its "due in" or "missed by" current.</summary>
    public bool Live => Kind is SlaTargetKind.Running || (Kind is SlaTargetKind.Missed && DoneUtc is null && PausedUtc is null);

    /// <summary>The first-response target of <paramref name="ticket"/> at <paramref name="nowUtc"/>.</summary>
    public static SlaTargetState FirstResponse(Ticket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Decide(ticket.FirstResponseDueUtc, ticket.FirstResponseUtc ?? Ended(ticket), ticket.SlaPausedUtc, nowUtc);
    }

    /// <summary>The resolution target of <paramref name="ticket"/> at <paramref name="nowUtc"/>.</summary>
    public static SlaTargetState Resolution(Ticket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Decide(ticket.ResolveDueUtc, Ended(ticket), ticket.SlaPausedUtc, nowUtc);
    }

    /// <summary>
    /// The state of a target due at <paramref name="dueUtc"/> (null: no SLA applies), done at <paramref name="doneUtc"/>
    /// (null: still to meet), with its clock paused since <paramref name="pausedUtc"/>. A target paused after its due
    /// time had passed was already missed, by as much as it was late when the clock stopped.
    /// </summary>
    public static SlaTargetState Decide(DateTime? dueUtc, DateTime? doneUtc, DateTime? pausedUtc, DateTime nowUtc)
    {
        if (dueUtc is not DateTime due)
        {
            return new(SlaTargetKind.NoSla, null, null, null, nowUtc);
        }

        if (doneUtc is DateTime done)
        {
            return new(done <= due ? SlaTargetKind.Met : SlaTargetKind.Missed, due, done, null, nowUtc);
        }

        if (pausedUtc is DateTime paused)
        {
            return new(paused >= due ? SlaTargetKind.Missed : SlaTargetKind.Paused, due, null, paused, nowUtc);
        }

        return new(nowUtc >= due ? SlaTargetKind.Missed : SlaTargetKind.Running, due, null, null, nowUtc);
    }

    /// <summary>"due in 3 h 20 min", "paused", "met at …", "missed by 2 d 4 h" or "no SLA applies".</summary>
    /// <param name="time">How the reader's page or mail writes a moment.</param>
    public string Headline(Func<DateTime, string> time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Kind switch
        {
            SlaTargetKind.Running => $"{DueInWords} {Wording.Span(AtUtc, DueUtc!.Value)}",
            SlaTargetKind.Paused => PausedWords,
            SlaTargetKind.Met => $"{MetAtWords} {time(DoneUtc!.Value)}",
            SlaTargetKind.Missed => $"{MissedByWords} {Wording.Span(DueUtc!.Value, DoneUtc ?? PausedUtc ?? AtUtc)}",
            _ => NoSlaWords,
        };
    }

    /// <summary>What the headline rests on, shown after it in brackets; null when there is nothing to add.</summary>
    public string? Detail(Func<DateTime, string> time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return (Kind, DueUtc, DoneUtc, PausedUtc) switch
        {
            (SlaTargetKind.Running, DateTime due, _, _) => time(due),
            (SlaTargetKind.Paused, DateTime due, _, DateTime paused) => $"waiting on the customer since {time(paused)}; the due time {time(due)} moves on by the wait",
            (SlaTargetKind.Met, DateTime due, _, _) => $"due {time(due)}",
            (SlaTargetKind.Missed, DateTime due, DateTime done, _) => $"due {time(due)}, done {time(done)}",
            (SlaTargetKind.Missed, DateTime due, _, DateTime paused) => $"due {time(due)}; paused since {time(paused)}",
            (SlaTargetKind.Missed, DateTime due, _, _) => $"due {time(due)}",
            _ => null,
        };
    }

    /// <summary>The headline with its detail: "met at 3 Mar 2026 10:00 UTC (due 3 Mar 2026 14:00 UTC)".</summary>
    public string Describe(Func<DateTime, string> time) =>
        Detail(time) is { } detail ? $"{Headline(time)} ({detail})" : Headline(time);

    /// <summary>The headline and detail with moments written as the audit trail writes them.</summary>
    public override string ToString() => Describe(SlaClock.Format);

    /// <summary>When a resolved or closed ticket ended: its resolution, or its closing when it was never resolved.</summary>
    private static DateTime? Ended(Ticket ticket) =>
        TicketWorkflow.IsOpen(ticket.Status) ? null : ticket.ResolvedUtc ?? ticket.ClosedUtc;
}
