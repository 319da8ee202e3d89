using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;

namespace HelpDesk.Core.Tickets;

/// <summary>The facts of a ticket that staff correct, and that its verdict, SLA and routing follow from.</summary>
public sealed record TicketFacts(
    string? Product,
    string? Release,
    string? Environment,
    string? Category,
    Severity Severity,
    string Language,
    bool ModifiedSource)
{
    public static TicketFacts Of(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new(ticket.Product, ticket.ProductRelease, ticket.Environment, ticket.Category, ticket.Severity, ticket.Language, ticket.ModifiedSource);
    }

    public Ticket ApplyTo(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket with
        {
            Product = Product,
            ProductRelease = Release,
            Environment = Environment,
            Category = Category,
            Severity = Severity,
            Language = Language,
            ModifiedSource = ModifiedSource,
        };
    }

    /// <summary>Each fact that differs from <paramref name="before"/>, old → new, as the audit trail shows it.</summary>
    public IReadOnlyList<AuditChange> ChangesFrom(TicketFacts before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var changes = new List<AuditChange>();
        void Compare(string field, string? old, string? now)
        {
            if (!string.Equals(old, now, StringComparison.Ordinal))
            {
                changes.Add(new(field, old, now));
            }
        }

        Compare("product", before.Product, Product);
        Compare("release", before.Release, Release);
        Compare("environment", before.Environment, Environment);
        Compare("category", before.Category, Category);
        Compare("severity", Describe(before.Severity), Describe(Severity));
        Compare("language", before.Language, Language);
        Compare("modified source", before.ModifiedSource ? "yes" : "no", ModifiedSource ? "yes" : "no");
        return changes;
    }

    private static string Describe(Severity severity) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)severity} {EntitlementWording.Severity(severity)}");
}

/// <summary>
/// What judging a filed ticket again does to it, in pure functions: its SLA targets counted afresh from filing, and
/// the incident it uses. The use case is <see cref="ClassifyTicket"/>.
/// </summary>
public static class Reclassification
{
    /// <summary>
    /// The judged ticket with the due and at-risk times of <paramref name="check"/> (counted from filing in the new
    /// plan's hours), moved on by the support time the ticket has already waited on the customer, and its met flags
    /// made to agree with them. The wait is read off the ticket as it was: how far its due time lay beyond filing plus
    /// its target, in its calendar (<paramref name="before"/>). Then the SLA monitor's state and next check are brought
    /// up to date.
    /// </summary>
    public static Ticket Retime(Ticket was, Ticket judged, EntitlementCheck check, SlaCalendar? before, SlaCalendar? after, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(was);
        ArgumentNullException.ThrowIfNull(judged);
        ArgumentNullException.ThrowIfNull(check);
        var oldTarget = was.Entitlement?.Sla;
        var firstWait = Waited(was.CreatedUtc, was.FirstResponseDueUtc, oldTarget?.FirstResponseMinutes, before);

        // A resolution target that did not run before has waited as long as the first response's.
        var resolveWait = was.ResolveDueUtc is null ? firstWait : Waited(was.CreatedUtc, was.ResolveDueUtc, oldTarget?.ResolveMinutes, before);
        var firstDue = Later(check.FirstResponseDueUtc, firstWait, after);
        var resolveDue = Later(check.ResolveDueUtc, resolveWait, after);
        var ticket = judged;
        var retimed = ticket with
        {
            FirstResponseDueUtc = firstDue,
            FirstResponseAtRiskUtc = Later(check.FirstResponseAtRiskUtc, firstWait, after),
            ResolveDueUtc = resolveDue,
            ResolveAtRiskUtc = Later(check.ResolveAtRiskUtc, resolveWait, after),
            FirstResponseMet = ticket.FirstResponseUtc is DateTime answered && firstDue is DateTime due ? answered <= due : null,
            ResolveMet = resolveDue is not DateTime resolveBy ? null : ticket.ResolvedUtc is DateTime resolved ? resolved <= resolveBy : ticket.ResolveMet,
        };
        return SlaClock.Schedule(retimed, nowUtc);
    }

    /// <summary>The audit lines of due times that moved.</summary>
    public static IReadOnlyList<AuditChange> DueChanges(Ticket before, Ticket after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<AuditChange>();
        if (before.FirstResponseDueUtc != after.FirstResponseDueUtc)
        {
            changes.Add(new(SlaClock.FirstResponseDueField, Format(before.FirstResponseDueUtc), Format(after.FirstResponseDueUtc)));
        }

        if (before.ResolveDueUtc != after.ResolveDueUtc)
        {
            changes.Add(new(SlaClock.ResolveDueField, Format(before.ResolveDueUtc), Format(after.ResolveDueUtc)));
        }

        return changes;
    }

    /// <summary>
    /// What the new decision does to the incident the ticket uses: none when it holds the one it should, else give
    /// back what it holds (saying why) and take one of the new contract's when the decision uses one. A ticket staff
    /// said is not an incident never takes one.
    /// </summary>
    public static IncidentMove? MoveIncident(Ticket ticket, EntitlementDecision decision)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(decision);
        var held = ticket.IncidentContractId;
        var wanted = ticket.NotAnIncidentReason is null && decision.UsesIncident() ? decision.ContractId : null;
        if (held == wanted)
        {
            return null;
        }

        var why = held is null ? null : decision switch
        {
            { Verdict: Verdict.Entitled, NeedsClassification: false, ContractNumber: { } contract } => $"reclassified under contract {contract}",
            { NeedsClassification: true } => "reclassified without a product the catalogue knows",
            _ => $"reclassified {EntitlementWording.Verdict(decision.Verdict)}",
        };
        return new IncidentMove(why, wanted);
    }

    private static int Waited(DateTime createdUtc, DateTime? dueUtc, int? targetMinutes, SlaCalendar? calendar)
    {
        if (dueUtc is not DateTime due || targetMinutes is not int target)
        {
            return 0;
        }

        var counted = SupportCalendar.SupportMinutesBetween(createdUtc, due, HoursOf(calendar), HolidaysOf(calendar));
        return Math.Max(0, counted - target);
    }

    private static DateTime? Later(DateTime? time, int minutes, SlaCalendar? calendar) =>
        time is DateTime t && minutes > 0 ? SupportCalendar.AddSupportMinutes(t, minutes, HoursOf(calendar), HolidaysOf(calendar)) : time;

    private static SupportHours HoursOf(SlaCalendar? calendar) => calendar?.Hours ?? SupportHours.TwentyFourSeven;

    private static IReadOnlyCollection<DateOnly> HolidaysOf(SlaCalendar? calendar) => (IReadOnlyCollection<DateOnly>?)calendar?.Holidays ?? [];

    private static string? Format(DateTime? utc) => utc is DateTime value ? SlaClock.Format(value) : null;
}
