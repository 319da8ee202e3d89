using HelpDesk.Core.Organisations;

namespace HelpDesk.Core.Offers;

public enum EngagementStatus
{
    Open,
    Delivered,
    Cancelled,
}

/// <summary>
/// The work an accepted service offer starts, linked to its ticket, with its own assignee (the engineer who sent the
/// offer to begin with) and its own time entries, so that services labour never counts as support.
/// </summary>
public sealed record ServicesEngagement
{
    public int Id { get; init; }
    public int OfferId { get; init; }
    public int TicketId { get; init; }
    public int OrganisationId { get; init; }
    public int? AssigneeId { get; init; }
    public EngagementStatus Status { get; init; }

    /// <summary>The delivery date: the offering's delivery working days counted from the day of acceptance.</summary>
    public DateOnly DueOn { get; init; }
    public DateTime CreatedUtc { get; init; }
    public int Version { get; init; }
}

/// <summary>Minutes worked on an engagement; <see cref="WorkDate"/> is ISO <c>yyyy-MM-dd</c>.</summary>
public sealed record EngagementTimeEntry
{
    public int Id { get; init; }
    public int EngagementId { get; init; }
    public int EngineerId { get; init; }
    public int Minutes { get; init; }
    public string WorkDate { get; init; } = "";
    public string Note { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
}

/// <summary>
/// Services revenue booked once per accepted offer, on the UTC day of acceptance (<see cref="Day"/>, ISO
/// <c>yyyy-MM-dd</c>), keyed as the economics rollup groups it.
/// </summary>
public sealed record ServicesRevenueLine
{
    public int OfferId { get; init; }
    public string Day { get; init; } = "";
    public int OrganisationId { get; init; }
    public int? ContractId { get; init; }
    public int? ProductId { get; init; }
    public Region Region { get; init; }
    public long AmountCents { get; init; }
    public DateTime BookedUtc { get; init; }
}
