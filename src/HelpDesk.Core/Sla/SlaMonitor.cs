using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Sla;

/// <summary>What one run of the monitor did.</summary>
public sealed record SlaMonitorResult(int Checked, int AtRisk, int Breached, int Escalated);

/// <summary>
/// The recurring job that watches SLA clocks. It looks only at the tickets whose next check has come, marks them at
/// risk or breached with an audit entry, and tells the assignee — or, for a ticket waiting in its queue, the
/// available engineers who could take it. A critical ticket that breaches below the top tier is escalated one tier
/// and routed again. A ticket someone changed meanwhile is left for the next run. The ticket's "updated" time is left
/// alone: it says when a person last worked on the ticket, and the monitor's marks are in the audit trail.
/// </summary>
public sealed class SlaMonitor(
    ITicketStore tickets,
    IRoutingStore routing,
    IOrganisationStore organisations,
    IPeopleDirectory people,
    RoutingSettings routingSettings,
    SlaSettings settings,
    TimeProvider clock)
{
    /// <summary>How many engineers hear about a waiting ticket at most.</summary>
    public const int MaxQueueNotices = 10;

    public async Task<SlaMonitorResult> CheckAsync(CancellationToken ct = default)
    {
        var now = clock.UtcNow();
        var run = new Run();
        foreach (var id in await tickets.ListSlaChecksDueAsync(now, settings.BatchSize, ct))
        {
            var ticket = await tickets.GetAsync(id, TicketScope.Staff, ct);
            if (ticket is null || ticket.SlaCheckUtc is not DateTime check || check > now)
            {
                continue;
            }

            await CheckAsync(ticket, now, run, ct);
        }

        return new(run.Checked, run.AtRisk, run.Breached, run.Escalated);
    }

    private async Task CheckAsync(Ticket ticket, DateTime now, Run run, CancellationToken ct)
    {
        var evaluation = SlaClock.Evaluate(ticket, now);
        var changed = ticket with { SlaState = evaluation.State, SlaCheckUtc = evaluation.NextCheckUtc };
        var audit = evaluation.Events.Select(e => new AuditChange(SlaClock.AuditField, null, e.Text)).ToList();
        string? escalation = null;
        var breach = evaluation.Events.FirstOrDefault(e => e.State == SlaState.Breached);
        if (breach is not null && settings.EscalateBreachedCritical && ticket.Severity == Severity.Critical && ticket.Tier < Routing.EngineerProfile.MaxTier)
        {
            var decision = await EscalateAsync(ticket, breach, now, run, ct);
            changed = TicketRouting.Apply(changed with { Tier = ticket.Tier + 1 }, decision);
            audit.Add(new("tier", ticket.Tier.ToString(CultureInfo.InvariantCulture), changed.Tier.ToString(CultureInfo.InvariantCulture)));
            if (ticket.AssigneeId != changed.AssigneeId)
            {
                audit.Add(new("assignee", await NameAsync(ticket.AssigneeId, ct), decision.AssigneeName));
            }

            if (ticket.Queue != changed.Queue)
            {
                audit.Add(new("queue", ticket.Queue, changed.Queue));
            }

            audit.Add(new(TicketRouting.AuditField, null, decision.Summary));
            escalation = $"The SLA monitor escalated it to tier {changed.Tier}. Routing: {decision.Summary}.";
        }

        var mail = evaluation.Events.Count == 0 ? [] : await NoticesAsync(changed, evaluation.Events, escalation, now, run, ct);
        if (await tickets.UpdateAsync(new TicketUpdate(changed, null, audit, now) { Mail = mail }, ct) is null)
        {
            return;
        }

        run.Checked++;
        if (evaluation.Events.Count > 0)
        {
            if (evaluation.State == SlaState.Breached)
            {
                run.Breached++;
            }
            else
            {
                run.AtRisk++;
            }
        }

        if (escalation is not null)
        {
            run.Escalated++;
            if (changed.AssigneeId is int assignee)
            {
                run.Assigned(assignee);
            }
        }
    }

    private async Task<RoutingDecision> EscalateAsync(Ticket ticket, SlaEvent breach, DateTime now, Run run, CancellationToken ct)
    {
        var organisation = await organisations.GetAsync(ticket.OrganisationId, ct);
        var request = RoutingRequests.For(ticket with { Tier = ticket.Tier + 1 }, organisation?.Segment ?? CustomerSegment.Standard, now)
            with { GivenUpBy = await routing.ListGivenUpAsync(ticket.Id, ct) };
        var candidates = TicketRouting.WithoutTicket(await run.CandidatesAsync(routing, ct), ticket);
        return Router.Decide(request, candidates, routingSettings, RoutingTrigger.SlaEscalated) with { Note = $"Critical ticket, {breach.Text}" };
    }

    private async Task<IReadOnlyList<OutboundMail>> NoticesAsync(Ticket ticket, IReadOnlyList<SlaEvent> events, string? escalation, DateTime now, Run run, CancellationToken ct)
    {
        if (ticket.AssigneeId is int assigneeId)
        {
            var assignee = await people.FindAsync(assigneeId, ct);
            return assignee is null ? [] : [TicketMail.SlaNotice(ticket, assignee, events, escalation)];
        }

        // Engineers at capacity hear too: they qualify, and may hand something back or finish sooner. Those who gave
        // the ticket up do not: the router would not give it to them.
        var request = RoutingRequests.For(ticket, CustomerSegment.Standard, now) with { GivenUpBy = await routing.ListGivenUpAsync(ticket.Id, ct) };
        return [.. (await run.CandidatesAsync(routing, ct))
            .Where(l => l.Engineer.Available && Router.Check(request, l, routingSettings) is null or { Reason: ExclusionReason.AtCapacity })
            .OrderBy(l => (double)l.OpenTickets / Math.Max(1, l.Engineer.Capacity))
            .ThenBy(l => l.Engineer.UserId)
            .Take(MaxQueueNotices)
            .Select(l => TicketMail.SlaNotice(ticket, new Person { Id = l.Engineer.UserId, Name = l.Engineer.Name, Email = l.Engineer.Email, IsStaff = true }, events, escalation))];
    }

    private async Task<string?> NameAsync(int? userId, CancellationToken ct) =>
        userId is int id ? (await people.FindAsync(id, ct))?.Name ?? $"user {id}" : null;

    /// <summary>The counts of one run, and the engineers read once for all its tickets, kept up to date as it assigns.</summary>
    private sealed class Run
    {
        private List<EngineerLoad>? _candidates;

        public int Checked { get; set; }
        public int AtRisk { get; set; }
        public int Breached { get; set; }
        public int Escalated { get; set; }

        public async Task<IReadOnlyList<EngineerLoad>> CandidatesAsync(IRoutingStore routing, CancellationToken ct) =>
            _candidates ??= [.. await routing.LoadCandidatesAsync(ct)];

        public void Assigned(int engineerId)
        {
            var index = _candidates?.FindIndex(c => c.Engineer.UserId == engineerId) ?? -1;
            if (index >= 0)
            {
                _candidates![index] = _candidates[index] with { OpenTickets = _candidates[index].OpenTickets + 1 };
            }
        }
    }
}
