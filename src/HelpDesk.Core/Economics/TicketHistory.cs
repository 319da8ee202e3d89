using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Economics;

/// <summary>
/// Everything a ticket contributes to the support P&amp;L, as the rollup loads it: where it counts (organisation,
/// contract, product, region), its status changes, the staff's public replies, time entries with their engineers'
/// costing, the SLA outcomes, ratings and offers. Times are UTC; a fact lands on the UTC day its event happened.
/// </summary>
public sealed record TicketHistory
{
    public int TicketId { get; init; }
    public int OrganisationId { get; init; }

    /// <summary>The contract the verdict in force names; 0 when none does.</summary>
    public int ContractId { get; init; }

    /// <summary>The catalogue's product; 0 when the ticket names none the catalogue knows.</summary>
    public int ProductId { get; init; }
    public string Region { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
    public Verdict? IntakeVerdict { get; init; }
    public Verdict? OverrideVerdict { get; init; }

    /// <summary>Every status change, oldest first.</summary>
    public IReadOnlyList<StatusChange> StatusChanges { get; init; } = [];

    /// <summary>How many public replies staff wrote on the ticket.</summary>
    public int StaffReplies { get; init; }
    public IReadOnlyList<WorkEntry> TimeEntries { get; init; } = [];
    public SlaOutcome? FirstResponse { get; init; }

    /// <summary>The latest resolution's target, when the ticket has been resolved or its target has passed.</summary>
    public SlaOutcome? Resolution { get; init; }
    public IReadOnlyList<Rating> Ratings { get; init; } = [];
    public IReadOnlyList<OfferEvent> Offers { get; init; } = [];

    /// <summary>The verdict in force: the override when there is one, else the intake verdict.</summary>
    public Verdict? Verdict => OverrideVerdict ?? IntakeVerdict;

    /// <summary>An engineer overrode another verdict to Entitled: the work is given away.</summary>
    public bool IsGoodwill => IsGoodwillOf(IntakeVerdict, OverrideVerdict);

    /// <summary>Goodwill: a ticket judged anything but Entitled and overridden to Entitled.</summary>
    public static bool IsGoodwillOf(Scope.Verdict? judged, Scope.Verdict? overridden) =>
        overridden == Scope.Verdict.Entitled && judged is { } intake && intake != Scope.Verdict.Entitled;
}

public sealed record StatusChange(DateTime AtUtc, TicketStatus From, TicketStatus To);

/// <summary>A time entry with how its engineer is paid: an hourly rate by date for staff, a price per case for a supplier.</summary>
public sealed record WorkEntry(int EngineerId, long Minutes, DateOnly WorkDate, EngineerCosting Costing)
{
    /// <summary>The <c>TimeEntries</c> row, for showing each entry's cost beside it; 0 when not loaded from one.</summary>
    public int EntryId { get; init; }
}

/// <summary>How an engineer's time costs money.</summary>
public sealed record EngineerCosting(Sourcing Sourcing, IReadOnlyList<CostRate> Rates, long? PricePerCaseCents, string? Supplier)
{
    public static EngineerCosting InHouse(params CostRate[] rates) => new(Sourcing.InHouse, rates, null, null);

    public static EngineerCosting OfSupplier(string supplier, long pricePerCaseCents) => new(Sourcing.Supplier, [], pricePerCaseCents, supplier);

    /// <summary>The hourly rate in force on <paramref name="day"/>: the latest that started on or before it, or none.</summary>
    public long? HourlyCentsOn(DateOnly day) => RateOn(day)?.HourlyCents;

    /// <summary>The rate in force on <paramref name="day"/>, with the date it took effect; null when none had.</summary>
    public CostRate? RateOn(DateOnly day) =>
        Rates.Where(r => r.EffectiveFrom <= day).OrderBy(r => r.EffectiveFrom).LastOrDefault();
}

/// <summary>
/// An SLA target as it stands: due when, reached when (null while not), whether it was met, and the business minutes
/// it took under the plan's calendar when it was reached.
/// </summary>
public sealed record SlaOutcome(DateTime? DueUtc, DateTime? ReachedUtc, bool? Met, long? BusinessMinutes);

public sealed record Rating(int Score, DateTime AtUtc);

public sealed record OfferEvent(DateTime SentUtc, DateTime? AcceptedUtc);
