using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;

namespace HelpDesk.Core.Tickets;

/// <summary>
/// Staff correct a ticket's facts (product, release, environment, category, severity, language, modified source) and
/// the ticket is judged again as intake would have judged it: against the Scope of Support in force when it was filed
/// and the contracts as they stood then, its SLA targets counted afresh from filing. The intake decision is kept
/// beside the new one, and an override stays on top of whichever is in force. When the skill queue changes the
/// ticket is routed again, unless its assignee still qualifies. The incident it uses follows the new decision (given
/// back when it is no longer entitled, taken when it now is). Every change, the new verdict and its reasons go in the
/// audit trail; when the verdict changes the requester is mailed the new reasons, in the same transaction.
/// </summary>
public sealed class ClassifyTicket(
    ITicketStore tickets,
    IScopeStore catalogue,
    CheckEntitlement entitlement,
    ISlaCalendarSource calendars,
    Rerouting rerouting,
    PullFromQueues pull,
    IPeopleDirectory people,
    TimeProvider clock)
{
    /// <summary>Each lost race for a contract's last incident means another ticket took it, so a few tries settle it.</summary>
    private const int MaxJudgements = 5;

    public async Task<Result<Ticket>> HandleAsync(ClassifyTicketRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Actor.Kind == ActorKind.Customer)
        {
            return Result<Ticket>.NotFound($"There is no ticket {TicketNumber.Format(request.TicketId)}.");
        }

        for (var judgement = 1; ; judgement++)
        {
            try
            {
                return await ClassifyAsync(request, ct);
            }
            catch (IncidentAllowanceUsedException) when (judgement < MaxJudgements)
            {
                // Judged again on the count as it is now.
            }
        }
    }

    private async Task<Result<Ticket>> ClassifyAsync(ClassifyTicketRequest request, CancellationToken ct)
    {
        var loaded = await TicketChanges.LoadAsync(tickets, request.TicketId, request.Actor, ct);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var ticket = loaded.Value!;
        if (TicketChanges.CheckVersion(ticket, request.ExpectedVersion) is { } stale)
        {
            return stale;
        }

        if (ticket.Status == TicketStatus.Closed)
        {
            return Result<Ticket>.Invalid("status", $"{ticket.Number} is closed; its facts stay as they were when it closed.");
        }

        var read = await ClassificationInput.ReadAsync(request, ticket, catalogue, ct);
        if (!read.Succeeded)
        {
            return read.As<Ticket>();
        }

        var (facts, product) = read.Value;
        var factChanges = facts.ChangesFrom(TicketFacts.Of(ticket));
        if (factChanges.Count == 0 && !ticket.NeedsClassification && request.Rejudge is null)
        {
            return Result<Ticket>.Ok(ticket);
        }

        var now = clock.UtcNow();
        var check = await entitlement.CheckAsync(
            new EntitlementRequest
            {
                OrganisationId = ticket.OrganisationId,
                Product = product.Code,
                Release = facts.Release,
                Environment = facts.Environment,
                Category = facts.Category,
                ModifiedSource = facts.ModifiedSource,
                Channel = ticket.Channel,
                Severity = facts.Severity,
                AtUtc = ticket.CreatedUtc,
                HoldsIncidentOf = ticket.IncidentContractId,
            },
            ct);
        var decision = check.Decision;
        var before = ticket.Entitlement?.ContractId is int oldContract ? await calendars.ForContractAsync(oldContract, ct) : null;
        var after = decision.ContractId is int newContract ? await calendars.ForContractAsync(newContract, ct) : null;
        var judged = Reclassification.Retime(
            ticket,
            facts.ApplyTo(ticket) with
            {
                Entitlement = decision,
                IntakeEntitlement = ticket.FiledEntitlement,
                NeedsClassification = decision.NeedsClassification,
                ClassifiedById = request.Actor.UserId,
                ClassifiedUtc = now,
                UpdatedUtc = now,
            },
            check,
            before,
            after,
            now);

        var changes = new List<AuditChange>(factChanges);
        if (request.Rejudge is { } why)
        {
            changes.Add(new("judged again", null, why));
        }

        changes.Add(new("entitlement", Describe(ticket.Entitlement), Describe(decision)));
        changes.AddRange(decision.Reasons.Select(r => new AuditChange("reason", null, r.Text)));
        changes.AddRange(Reclassification.DueChanges(ticket, judged));
        var incident = Reclassification.MoveIncident(ticket, decision);
        if (incident is not null)
        {
            changes.Add(new("incident", ContractNumber(ticket.IncidentContractId), incident.TakeFromContractId is int take
                ? $"uses an incident of {ContractNumber(take)}"
                : $"given back: {incident.GiveBackReason}"));
        }

        var (routed, decided) = await RouteAsync(ticket, judged, now, ct);
        if (routed.AssigneeId != ticket.AssigneeId)
        {
            changes.Add(new("assignee", await NameAsync(ticket.AssigneeId, ct), await NameAsync(routed.AssigneeId, ct)));
        }

        if (routed.Queue != ticket.Queue)
        {
            changes.Add(new("queue", ticket.Queue, routed.Queue));
        }

        if (decided is not null)
        {
            changes.Add(new(TicketRouting.AuditField, null, decided.Summary));
        }

        var requester = await people.FindAsync(ticket.RequesterId, ct);
        var verdictChanged = ticket.Entitlement?.Verdict != decision.Verdict;
        var saved = await TicketChanges.SaveAsync(
            tickets,
            new TicketUpdate(routed, request.Actor.UserId, changes, now)
            {
                Incident = incident,
                Mail = verdictChanged && requester is not null ? [TicketMail.Reclassified(routed, requester, ticket.Entitlement?.Verdict)] : [],
            },
            ct);
        if (saved.Succeeded && ticket.AssigneeId is int previous && previous != routed.AssigneeId)
        {
            await pull.FillAsync(previous, [ticket.Id], ct);
        }

        return saved;
    }

    /// <summary>
    /// The same place when the skill queue is the same, or when the assignee still qualifies for the ticket as it now
    /// is (being away or busy does not take a ticket from them); otherwise the router chooses again.
    /// </summary>
    private async Task<(Ticket Ticket, RoutingDecision? Decided)> RouteAsync(Ticket before, Ticket judged, DateTime now, CancellationToken ct)
    {
        if (!TicketWorkflow.IsOpen(judged.Status))
        {
            return (judged, null);
        }

        var request = await rerouting.RequestAsync(judged, [], now, ct);
        var queue = request.Queue.Name;
        var candidates = await rerouting.CandidatesAsync(before, ct);
        if (judged.AssigneeId is int assignee)
        {
            var load = candidates.FirstOrDefault(c => c.Engineer.UserId == assignee);
            var unfit = load is null ? null : Router.Check(request, load, rerouting.Settings);
            if (unfit is null || unfit.Reason is ExclusionReason.Away or ExclusionReason.AtCapacity)
            {
                // Still theirs; the queue it would go back to follows the new facts.
                return (judged.Routing is { } kept && kept.Queue != queue ? judged with { Routing = kept with { Queue = queue } } : judged, null);
            }
        }
        else if (judged.Queue == queue)
        {
            return (judged, null);
        }

        var decision = Router.Decide(request, candidates, rerouting.Settings, RoutingTrigger.Reclassified);
        return (TicketRouting.Apply(judged, decision), decision);
    }

    private static string? Describe(EntitlementDecision? decision) => decision switch
    {
        null => null,
        { NeedsClassification: true } => $"{decision.Verdict}, needs classification",
        _ => decision.Verdict.ToString(),
    };

    private static string? ContractNumber(int? contractId) => contractId is int id ? Contracts.Contract.FormatNumber(id) : null;

    private async Task<string?> NameAsync(int? userId, CancellationToken ct) =>
        userId is int id ? (await people.FindAsync(id, ct))?.Name ?? $"user {id}" : null;
}
