using System.Text.Json.Serialization;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Routing;

namespace HelpDesk.Web.Api;

/// <summary>
/// Who has the ticket and why. Customers see the assignee's name only: <c>queue</c> and <c>explanation</c> (other
/// engineers, their costs and load) are for staff and left out of the JSON for customers altogether.
/// </summary>
/// <param name="Assignee">The engineer the ticket is assigned to now; null while nobody has it.</param>
/// <param name="Queue">Staff: the skill queue the ticket waits in now (e.g. keel/tier-2); absent while it is assigned or closed.</param>
/// <param name="Explanation">Staff: the router's latest decision with its reasons; absent for a ticket never routed.</param>
public sealed record RoutingDto(
    AssigneeDto? Assignee,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Queue = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RoutingExplanationDto? Explanation = null)
{
    /// <param name="assigneeName">The assignee's name now; when not given, the name the router recorded if it still has the ticket.</param>
    public static RoutingDto From(Ticket ticket, string? assigneeName, bool staff)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var decision = ticket.Routing;
        var name = assigneeName ?? (decision?.AssigneeId is int routed && routed == ticket.AssigneeId ? decision.AssigneeName : null);
        var assignee = ticket.AssigneeId is int id ? new AssigneeDto(id, name ?? "") : null;
        return staff
            ? new RoutingDto(assignee, ticket.Queue, decision is null ? null : RoutingExplanationDto.From(decision))
            : new RoutingDto(assignee);
    }
}

public sealed record AssigneeDto(int Id, string Name);

/// <summary>
/// The router's decision. <c>Outcome</c> Assigned or Queued; <c>Trigger</c> what set it going (Intake, Escalated,
/// HandedBack, Reassigned, Pulled, SlaEscalated); <c>Queue</c> the ticket's skill queue; <c>Mode</c> how qualified
/// engineers were ranked (ProficiencyFirst or CostFirst) and <c>ModeReason</c> why; <c>Ranked</c> the top
/// candidates with their factors; <c>Excluded</c> the first engineers left out, named, and <c>ExcludedCounts</c> all
/// of them counted by reason; <c>Note</c> the reason given for an escalation, hand-back or reassignment.
/// </summary>
public sealed record RoutingExplanationDto(
    RoutingOutcome Outcome,
    RoutingTrigger Trigger,
    string Queue,
    int? AssigneeId,
    string? AssigneeName,
    RoutingMode Mode,
    string ModeReason,
    string Summary,
    string? Note,
    int Considered,
    int Qualified,
    IReadOnlyList<RankedEngineerDto> Ranked,
    IReadOnlyList<ExcludedEngineerDto> Excluded,
    IReadOnlyDictionary<string, int> ExcludedCounts,
    DateTime At)
{
    public static RoutingExplanationDto From(RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(
            decision.Outcome,
            decision.Trigger,
            decision.Queue,
            decision.AssigneeId,
            decision.AssigneeName,
            decision.Mode,
            decision.ModeReason,
            decision.Summary,
            decision.Note,
            decision.Considered,
            decision.Qualified,
            [.. decision.Ranked.Select(RankedEngineerDto.From)],
            [.. decision.Excluded.Select(e => new ExcludedEngineerDto(e.EngineerId, e.Name, e.Reason, e.Text))],
            decision.ExcludedCounts.OrderBy(c => c.Key).ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.Ordinal),
            decision.AtUtc);
    }
}

/// <param name="OverQualification">How far above the need the engineer is: proficiency above the severity's need plus tiers above the ticket's.</param>
/// <param name="ExpectedCostCents">The expected cost of the case in cents; null when the engineer has no rate (ranked as the most expensive).</param>
/// <param name="CostBasis">How the cost was worked out: hourly rate × expected time, or the supplier's price per case.</param>
public sealed record RankedEngineerDto(
    int EngineerId,
    string Name,
    int Rank,
    int Proficiency,
    int OverQualification,
    long? ExpectedCostCents,
    string CostBasis,
    int OpenTickets,
    int Capacity,
    DateTime? LastAssignedUtc)
{
    public static RankedEngineerDto From(RankedEngineer engineer)
    {
        ArgumentNullException.ThrowIfNull(engineer);
        return new(
            engineer.EngineerId, engineer.Name, engineer.Rank, engineer.Proficiency, engineer.OverQualification,
            RoutingText.HasCost(engineer) ? engineer.ExpectedCostCents : null, engineer.CostBasis,
            engineer.OpenTickets, engineer.Capacity, engineer.LastAssignedUtc);
    }
}

/// <param name="Reason">Away, Excluded, NoSkill, LowProficiency, TierTooLow, Language, Category, AtCapacity or GaveUp (escalated, handed back or returned the ticket).</param>
public sealed record ExcludedEngineerDto(int EngineerId, string Name, ExclusionReason Reason, string Text);
