namespace HelpDesk.Core.Contracts;

/// <summary>Stored status of a contract. Whether it is upcoming, in term or expired follows from its dates.</summary>
public enum ContractStatus
{
    Active,
    Cancelled,

    /// <summary>Bought through an accepted plan offer and waiting for a manager to activate it; it entitles nothing yet.</summary>
    Pending,
}

/// <summary>How a contract stands on a given day, as pages show it.</summary>
public enum ContractState
{
    Pending,
    Upcoming,
    Active,
    Expired,
    Renewed,
    Cancelled,
}

/// <summary>
/// A support contract: an organisation's plan for some products over a term. <see cref="StartsOn"/> and
/// <see cref="EndsOn"/> are both included and are dates in <see cref="TimeZone"/> (the customer's IANA time zone):
/// a contract ending on the 30th covers the whole of the 30th where the customer is. The plan's support hours are
/// read in <see cref="SupportTimeZone"/> and closed on the days of <see cref="HolidayCalendarId"/> when the contract
/// sets them, otherwise in the plan's own (see <see cref="ContractSupportHours"/>).
/// </summary>
public sealed record Contract
{
    public int Id { get; init; }
    public string Number => FormatNumber(Id);
    public int OrganisationId { get; init; }
    public int PlanId { get; init; }
    public IReadOnlyList<int> ProductIds { get; init; } = [];
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The IANA time zone the plan's opening hours are read in; null for the plan's own.</summary>
    public string? SupportTimeZone { get; init; }

    /// <summary>The holiday calendar support is closed on; null for the plan's own.</summary>
    public int? HolidayCalendarId { get; init; }
    public long ValueCents { get; init; }

    /// <summary>Incidents bought in packs for this term, on top of the plan's allowance.</summary>
    public int IncidentsBought { get; init; }
    public int? RenewsContractId { get; init; }
    public ContractStatus Status { get; init; }
    public DateTime CreatedUtc { get; init; }
    public int Version { get; init; }

    public static string FormatNumber(int id) => $"C-{id:D4}";
}
