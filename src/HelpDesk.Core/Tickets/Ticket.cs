using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;

namespace HelpDesk.Core.Tickets;

/// <summary>A ticket as stored. <see cref="Version"/> guards every update against concurrent edits.</summary>
public sealed record Ticket
{
    public int Id { get; init; }
    public string Number => TicketNumber.Format(Id);
    public int OrganisationId { get; init; }
    public int RequesterId { get; init; }
    public required string Subject { get; init; }
    public TicketChannel Channel { get; init; }
    public string? Product { get; init; }
    public string? ProductRelease { get; init; }
    public string? Environment { get; init; }
    public string? Category { get; init; }

    /// <summary>The customer said the product's source code has been modified.</summary>
    public bool ModifiedSource { get; init; }
    public Severity Severity { get; init; }
    public TicketStatus Status { get; init; }
    public int? AssigneeId { get; init; }

    /// <summary>
    /// The entitlement decision in force: made at intake, and made again whenever staff correct the ticket's facts
    /// (null only for tickets filed before entitlement existed).
    /// </summary>
    public EntitlementDecision? Entitlement { get; init; }

    /// <summary>The decision made when the ticket was filed, kept once a classification replaced it; null while <see cref="Entitlement"/> is still that decision.</summary>
    public EntitlementDecision? IntakeEntitlement { get; init; }

    /// <summary>The first decision the ticket was given: the intake decision, whatever came after.</summary>
    public EntitlementDecision? FiledEntitlement => IntakeEntitlement ?? Entitlement;

    /// <summary>The ticket names no product the catalogue knows: its verdict is provisional until an engineer classifies it.</summary>
    public bool NeedsClassification { get; init; }

    /// <summary>Who last corrected the ticket's facts, and when; null until someone did.</summary>
    public int? ClassifiedById { get; init; }

    public DateTime? ClassifiedUtc { get; init; }

    /// <summary>The contract whose incident the ticket uses; null when it uses none. The store keeps it (see <see cref="TicketUpdate.Incident"/>).</summary>
    public int? IncidentContractId { get; init; }

    /// <summary>Why staff said the ticket is not an incident: it gave back any incident it held and never takes one again.</summary>
    public string? NotAnIncidentReason { get; init; }

    /// <summary>The ticket this one was closed as a duplicate of.</summary>
    public int? DuplicateOfId { get; init; }

    /// <summary>An engineer's override of the intake verdict; the original decision is kept beside it.</summary>
    public EntitlementOverride? Override { get; init; }

    /// <summary>The verdict in force: the override when there is one, else the latest judgement's.</summary>
    public Verdict? Verdict => Override?.Verdict ?? Entitlement?.Verdict;

    /// <summary>When the first response is due under the plan's SLA; null when no SLA applies.</summary>
    public DateTime? FirstResponseDueUtc { get; init; }

    /// <summary>When resolution is due under the plan's SLA; null when no SLA applies.</summary>
    public DateTime? ResolveDueUtc { get; init; }

    /// <summary>When the first response target has used the at-risk share of its time.</summary>
    public DateTime? FirstResponseAtRiskUtc { get; init; }

    /// <summary>When the resolution target has used the at-risk share of its time.</summary>
    public DateTime? ResolveAtRiskUtc { get; init; }

    /// <summary>Whether the first response came by its due time; null until it comes (or when no SLA applies).</summary>
    public bool? FirstResponseMet { get; init; }

    /// <summary>Whether the latest resolution came by its due time; null until resolved (or when no SLA applies).</summary>
    public bool? ResolveMet { get; init; }

    /// <summary>The worst state of the targets still to meet, as the SLA monitor last saw it.</summary>
    public SlaState SlaState { get; init; }

    /// <summary>Since when the SLA clock has been paused (the ticket waits on the customer); null while it runs.</summary>
    public DateTime? SlaPausedUtc { get; init; }

    /// <summary>When the SLA monitor should next look at the ticket; null when there is nothing left to watch.</summary>
    public DateTime? SlaCheckUtc { get; init; }

    /// <summary>The ticket's language, an ISO 639-1 code; engineers must speak it.</summary>
    public string Language { get; init; } = "en";

    /// <summary>The support tier the ticket needs, 1 to 3; escalation raises it.</summary>
    public int Tier { get; init; } = 1;

    /// <summary>The skill queue the ticket waits in; null while it is assigned, resolved or closed.</summary>
    public string? Queue { get; init; }

    /// <summary>
    /// When the ticket entered the queue it waits in ("waiting since"), not when it was filed; null while it waits in
    /// none. The store sets it whenever a save puts the ticket into a queue it was not in.
    /// </summary>
    public DateTime? QueuedUtc { get; init; }

    /// <summary>The router's latest decision about the ticket, with its explanation.</summary>
    public RoutingDecision? Routing { get; init; }

    /// <summary>Why a person should look at who the ticket is from (for example mail from a sender no organisation owns); null when nothing needs triage.</summary>
    public string? TriageReason { get; init; }

    /// <summary>The earliest SLA due time still to meet, which a skill queue is ordered by; null when none is.</summary>
    public DateTime? NextDueUtc
    {
        get
        {
            var first = FirstResponseUtc is null ? FirstResponseDueUtc : null;
            var resolve = ResolvedUtc is null ? ResolveDueUtc : null;
            return first is null ? resolve : resolve is null || first < resolve ? first : resolve;
        }
    }

    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public DateTime? FirstResponseUtc { get; init; }
    public DateTime? ResolvedUtc { get; init; }
    public DateTime? ClosedUtc { get; init; }

    /// <summary>How many times the ticket has been resolved; a rating belongs to one resolution.</summary>
    public int Resolutions { get; init; }

    public int Version { get; init; }
}

/// <summary>A ticket row joined with the names a list shows.</summary>
public sealed record TicketSummary
{
    public int Id { get; init; }
    public string Number => TicketNumber.Format(Id);
    public string Subject { get; init; } = "";
    public TicketStatus Status { get; init; }
    public Severity Severity { get; init; }
    public int OrganisationId { get; init; }
    public string OrganisationName { get; init; } = "";
    public string RequesterName { get; init; } = "";
    public int? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }
    public string? Product { get; init; }

    /// <summary>The verdict in force: the override when there is one, else the intake verdict.</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>The ticket names no product the catalogue knows (see <see cref="Ticket.NeedsClassification"/>).</summary>
    public bool NeedsClassification { get; init; }
    public DateTime? FirstResponseDueUtc { get; init; }
    public DateTime? ResolveDueUtc { get; init; }

    /// <summary>The earliest SLA due time still to meet (what <see cref="TicketSort.Due"/> orders by); null when none is.</summary>
    public DateTime? NextDueUtc { get; init; }
    public SlaState SlaState { get; init; }
    public DateTime? SlaPausedUtc { get; init; }
    public int Tier { get; init; } = 1;
    public string? Queue { get; init; }

    /// <summary>When the ticket entered <see cref="Queue"/>; null while it waits in none.</summary>
    public DateTime? QueuedUtc { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
}

public sealed record TicketMessage
{
    public int Id { get; init; }
    public int TicketId { get; init; }
    public int? AuthorId { get; init; }
    public string AuthorName { get; init; } = "";
    public MessageKind Kind { get; init; }
    public string BodyText { get; init; } = "";

    /// <summary>Already sanitized when stored; safe to render as HTML.</summary>
    public string BodyHtml { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
}

public sealed record TicketAuditEntry
{
    public int Id { get; init; }
    public int TicketId { get; init; }
    public int? ActorId { get; init; }
    public string ActorName { get; init; } = "";
    public string Field { get; init; } = "";
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
    public DateTime CreatedUtc { get; init; }
}

public sealed record TimeEntry
{
    public int Id { get; init; }
    public int TicketId { get; init; }
    public int EngineerId { get; init; }
    public string EngineerName { get; init; } = "";
    public int Minutes { get; init; }

    /// <summary>The day worked, as ISO <c>yyyy-MM-dd</c>.</summary>
    public string WorkDate { get; init; } = "";
    public string Note { get; init; } = "";
    public bool Billable { get; init; }
    public DateTime CreatedUtc { get; init; }
}

public sealed record TicketRating
{
    public int TicketId { get; init; }
    public int Resolution { get; init; }
    public int RaterId { get; init; }
    public int Score { get; init; }
    public string? Comment { get; init; }
    public DateTime CreatedUtc { get; init; }
}
