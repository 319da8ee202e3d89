using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Scope;

/// <summary>The outcome of the entitlement check. Stored as its name.</summary>
public enum Verdict
{
    /// <summary>A contract in term covers the product on this channel, the request is in scope and incidents remain.</summary>
    Entitled,

    /// <summary>The request falls outside the published Scope of Support; it can become a paid service.</summary>
    OutOfScope,

    /// <summary>No contract of the organisation covers the product (or none has started).</summary>
    NoContract,

    /// <summary>The contracts that covered the product have ended.</summary>
    Expired,

    /// <summary>A contract is in term, but its plan does not include the channel the request came by.</summary>
    ChannelNotIncluded,

    /// <summary>In scope, but the contract's incidents for this term are used up.</summary>
    AllowanceUsed,
}

/// <summary>What is being asked, by whom, how and when: the request side of an entitlement decision.</summary>
public sealed record EntitlementRequest
{
    public int OrganisationId { get; init; }

    /// <summary>The product as the customer named it: its code or its name.</summary>
    public string? Product { get; init; }
    public string? Release { get; init; }

    /// <summary>The environment's code or name.</summary>
    public string? Environment { get; init; }

    /// <summary>A <see cref="RequestCategories"/> code.</summary>
    public string? Category { get; init; }
    public bool ModifiedSource { get; init; }
    public TicketChannel Channel { get; init; }
    public Severity Severity { get; init; } = Severity.Normal;
    public DateTime AtUtc { get; init; }

    /// <summary>
    /// The contract whose incident the request already holds (a filed ticket judged again): that incident is its own,
    /// so it does not count against the contract's allowance.
    /// </summary>
    public int? HoldsIncidentOf { get; init; }
}

/// <summary>
/// One contract as the engine sees it: the contract, its plan, the incidents already used in its term, and the
/// holidays of the calendar that applies to it, the contract's own or else the plan's (for the SLA clock).
/// </summary>
public sealed record ContractFacts(Contract Contract, Plan Plan, int IncidentsUsed)
{
    public IReadOnlyList<Holiday> Holidays { get; init; } = [];

    /// <summary>The support hours the SLA is counted in: the plan's, in the contract's time zone when it sets one.</summary>
    public SupportHours Hours => ContractSupportHours.Of(Contract, Plan);
}

/// <summary>
/// Everything the engine needs besides the request, loaded by the caller: the product named (null when the
/// catalogue has no such product), its releases, the environments of the catalogue, the product's published
/// scope versions and the organisation's contracts.
/// </summary>
public sealed record EntitlementFacts
{
    public Product? Product { get; init; }
    public IReadOnlyList<ProductRelease> Releases { get; init; } = [];
    public IReadOnlyList<TargetEnvironment> Environments { get; init; } = [];
    public IReadOnlyList<ScopeOfSupport> PublishedScopes { get; init; } = [];
    public IReadOnlyList<ContractFacts> Contracts { get; init; } = [];

    /// <summary>Product names by id, for reasons that say what a contract covers.</summary>
    public IReadOnlyDictionary<int, string> ProductNames { get; init; } = new Dictionary<int, string>();
}

/// <summary>
/// One reason for a verdict, in words, citing what it rests on: a clause of the scope version the decision was
/// made by (<see cref="Clause"/>, a <see cref="ScopeClauses"/> id) and/or a contract.
/// </summary>
public sealed record EntitlementReason(string Text, string? Clause = null, string? Contract = null);

/// <summary>
/// The verdict with its reasons, the scope version and contract it was judged by, the SLA targets that apply
/// (null when none do), and for <see cref="Verdict.OutOfScope"/> the out-of-scope categories matched.
/// <see cref="NeedsReview"/> is set when the engine could not check something (an unknown product, release or
/// environment) and an engineer should confirm the verdict. <see cref="NeedsClassification"/> is set when the product
/// is not known at all: the verdict is then provisional (see <see cref="EntitlementEngine"/>).
/// </summary>
public sealed record EntitlementDecision
{
    public Verdict Verdict { get; init; }
    public IReadOnlyList<EntitlementReason> Reasons { get; init; } = [];
    public string? ProductCode { get; init; }

    /// <summary>The catalogue's name of the product, as people read it; null when it is unknown.</summary>
    public string? ProductName { get; init; }
    public int? ScopeId { get; init; }
    public int? ScopeNumber { get; init; }
    public int? ContractId { get; init; }
    public string? ContractNumber { get; init; }
    public string? PlanName { get; init; }
    public SlaTarget? Sla { get; init; }
    public IReadOnlyList<string> OutOfScopeCategories { get; init; } = [];
    public bool NeedsReview { get; init; }

    /// <summary>
    /// No product was named, or none the catalogue knows: the request is judged only on what can be judged (a
    /// contract in term, the channel), the Scope of Support is not checked, no incident is used and only the first
    /// response is due, until an engineer classifies it.
    /// </summary>
    public bool NeedsClassification { get; init; }

    /// <summary>Whether a ticket with this decision uses one of its contract's incidents: an Entitled verdict on a known product.</summary>
    public bool UsesIncident() => Verdict == Verdict.Entitled && ContractId is not null && !NeedsClassification;
}

/// <summary>
/// An engineer's override of a verdict, with the reason they must give. Turning a verdict that was not
/// <see cref="Verdict.Entitled"/> into <see cref="Verdict.Entitled"/> is goodwill: the work is done unpaid.
/// </summary>
public sealed record EntitlementOverride(Verdict Verdict, string Reason, int ById, DateTime AtUtc)
{
    public bool IsGoodwillOver(Verdict original) => Verdict == Verdict.Entitled && original != Verdict.Entitled;
}
