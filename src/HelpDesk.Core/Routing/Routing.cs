using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

/// <summary>What a ticket needs from an engineer, and for whom: the routing side of a ticket.</summary>
public sealed record RoutingRequest
{
    /// <summary>The catalogue's product code; null when the product is unknown (the ticket goes to the general queue).</summary>
    public string? ProductCode { get; init; }

    /// <summary>The ticket's environment code, matched against skills narrowed to an area.</summary>
    public string? Area { get; init; }

    /// <summary>A <see cref="Scope.RequestCategories"/> code, or null.</summary>
    public string? Category { get; init; }
    public string Language { get; init; } = "en";
    public Severity Severity { get; init; } = Severity.Normal;
    public int Tier { get; init; } = 1;
    public CustomerSegment Segment { get; init; } = CustomerSegment.Standard;

    /// <summary>Engineers not to choose this time (the current assignee on a reassignment, for example).</summary>
    public IReadOnlyCollection<int> Exclude { get; init; } = [];

    /// <summary>The engineers who gave the ticket up: never chosen for it again (see <see cref="GivenUp"/>).</summary>
    public IReadOnlyList<GivenUp> GivenUpBy { get; init; } = [];
    public DateTime AtUtc { get; init; }

    public SkillQueue Queue => new(ProductCode, Tier);
}

/// <summary>The knobs of the router, from the <c>Routing</c> section of the settings. docs/routing.md explains them.</summary>
public sealed record RoutingSettings
{
    /// <summary>The proficiency a ticket of each severity needs, 1 (critical) to 4 (low).</summary>
    public int CriticalProficiency { get; init; } = 4;
    public int HighProficiency { get; init; } = 3;
    public int NormalProficiency { get; init; } = 2;
    public int LowProficiency { get; init; } = 1;

    /// <summary>Segments whose tickets go to the most proficient engineer first, whatever the severity.</summary>
    public IReadOnlyList<CustomerSegment> ProficiencyFirstSegments { get; init; } = [CustomerSegment.Strategic];

    /// <summary>Tickets of this severity or worse go to the most proficient engineer first, whatever the segment.</summary>
    public Severity ProficiencyFirstSeverity { get; init; } = Severity.High;

    /// <summary>The labour an in-house engineer is expected to spend on a case, to compare with a supplier's price.</summary>
    public int ExpectedMinutesPerCase { get; init; } = 120;

    /// <summary>How many ranked candidates the explanation keeps.</summary>
    public int ExplainTop { get; init; } = 3;

    /// <summary>How many excluded engineers the explanation names; the rest are counted by reason.</summary>
    public int ExplainExcluded { get; init; } = 10;

    /// <summary>The installation's currency (the <c>Money:Currency</c> setting), which expected costs are written in.</summary>
    public Currency Currency { get; init; } = Currency.Default;

    public int ProficiencyFor(Severity severity) => severity switch
    {
        Severity.Critical => CriticalProficiency,
        Severity.High => HighProficiency,
        Severity.Normal => NormalProficiency,
        _ => LowProficiency,
    };
}

/// <summary>How the qualified engineers were ranked. Stored as its name.</summary>
public enum RoutingMode
{
    /// <summary>Most proficient first: strategic customers and severe tickets.</summary>
    ProficiencyFirst,

    /// <summary>Least over-qualified, then cheapest first: the other segments at ordinary severity.</summary>
    CostFirst,
}

/// <summary>Whether the ticket went to an engineer or waits in its skill queue. Stored as its name.</summary>
public enum RoutingOutcome
{
    Assigned,
    Queued,
}

/// <summary>What set the router going. Stored as its name.</summary>
public enum RoutingTrigger
{
    Intake,
    Escalated,
    HandedBack,
    Reassigned,
    Pulled,
    SlaEscalated,

    /// <summary>Staff corrected the ticket's facts and its skill queue changed.</summary>
    Reclassified,
}

/// <summary>Why an engineer was left out. Stored as its name.</summary>
public enum ExclusionReason
{
    Away,
    Excluded,
    NoSkill,
    LowProficiency,
    TierTooLow,
    Language,
    Category,
    AtCapacity,

    /// <summary>They gave the ticket up (escalated it, handed it back, returned it): the router does not give it back.</summary>
    GaveUp,
}

/// <summary>One engineer who was not considered, and why, in words.</summary>
public sealed record ExcludedEngineer(int EngineerId, string Name, ExclusionReason Reason, string Text);

/// <summary>
/// One qualified engineer with the factors they were ranked by: proficiency in the ticket's skill, how far above
/// the need they are (proficiency and tier), the expected cost of the case (hourly rate × expected minutes, or the
/// supplier's price), load, and when they were last given a ticket.
/// </summary>
public sealed record RankedEngineer(
    int EngineerId,
    string Name,
    int Rank,
    int Proficiency,
    int OverQualification,
    long ExpectedCostCents,
    string CostBasis,
    int OpenTickets,
    int Capacity,
    DateTime? LastAssignedUtc);

/// <summary>
/// The router's answer with its explanation: the chosen engineer or the queue the ticket waits in, the ranking
/// mode and why, how many engineers were considered, the top of the ranking with its factors, and who was left
/// out and why (the first few named, all counted by reason). <see cref="Summary"/> is one sentence for the audit
/// trail and lists.
/// </summary>
public sealed record RoutingDecision
{
    public RoutingOutcome Outcome { get; init; }
    public RoutingTrigger Trigger { get; init; }
    public int? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }

    /// <summary>The ticket's skill queue: where it waits when queued, where it came from when assigned.</summary>
    public required string Queue { get; init; }
    public RoutingMode Mode { get; init; }
    public string ModeReason { get; init; } = "";
    public int Considered { get; init; }
    public int Qualified { get; init; }
    public IReadOnlyList<RankedEngineer> Ranked { get; init; } = [];
    public IReadOnlyList<ExcludedEngineer> Excluded { get; init; } = [];
    public IReadOnlyDictionary<ExclusionReason, int> ExcludedCounts { get; init; } = new Dictionary<ExclusionReason, int>();

    /// <summary>Who asked for the routing and why, for escalation, hand-back and reassignment.</summary>
    public string? Note { get; init; }
    public string Summary { get; init; } = "";
    public DateTime AtUtc { get; init; }
}
