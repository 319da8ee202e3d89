using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>A plan as the Plans page edits it. Money is typed in currency units ("1250.00").</summary>
/// <param name="Code">Required: lower-case letters, digits and hyphens, unique (premium, gold-24x7).</param>
/// <param name="IncidentAllowance">Entitled incidents per term; null for unlimited.</param>
/// <param name="Channels">At least one of Web, Email, Api, Phone.</param>
/// <param name="AroundTheClock">True for 24x7; otherwise timeZone, opens, closes and days say when the SLA clock runs.</param>
/// <param name="Targets">One per severity (1 to 4), in minutes of support time; a more severe one is never slower.</param>
/// <param name="Version">Required to change a plan: the version read (409 when someone changed it since).</param>
public sealed record SavePlanBody(
    string? Code,
    string? Name,
    string? Description,
    string? ListPrice,
    int? IncidentAllowance,
    IReadOnlyList<SupportChannels>? Channels,
    bool? AroundTheClock,
    string? TimeZone,
    TimeOnly? Opens,
    TimeOnly? Closes,
    IReadOnlyList<DayOfWeek>? Days,
    int? HolidayCalendarId,
    IReadOnlyList<SlaTargetBody>? Targets,
    int? Version)
{
    public SavePlanRequest ToRequest(int id) => new()
    {
        Id = id,
        Version = Version ?? 0,
        Code = Code,
        Name = Name,
        Description = Description,
        ListPrice = ListPrice,
        IncidentAllowance = IncidentAllowance,
        Channels = (Channels ?? []).Aggregate(SupportChannels.None, (all, c) => all | c),
        AroundTheClock = AroundTheClock ?? false,
        TimeZone = TimeZone,
        Opens = Opens,
        Closes = Closes,
        Days = Days ?? [],
        HolidayCalendarId = HolidayCalendarId,
        Targets = [.. (Targets ?? []).Where(t => t.Severity is not null).Select(t => new SlaTargetInput(t.Severity!.Value, t.FirstResponseMinutes, t.ResolveMinutes))],
    };
}

/// <param name="Severity">1 critical to 4 low, by name (Critical) or number.</param>
public sealed record SlaTargetBody(Severity? Severity, int? FirstResponseMinutes, int? ResolveMinutes);

/// <param name="Days">The days support is closed, each once; errors name the day by its place in the list ("Line 2").</param>
/// <param name="Version">Required to change a calendar: the version read.</param>
public sealed record SaveCalendarBody(string? Name, IReadOnlyList<HolidayBody>? Days, int? Version)
{
    /// <summary>The days as the lines the calendar form takes, one per entry and in the order sent.</summary>
    public SaveHolidayCalendarRequest ToRequest(int id) => new(
        id,
        Version ?? 0,
        Name,
        string.Join('\n', (Days ?? []).Select(d => $"{d.Day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "(no date)"} {(d.Name ?? "").ReplaceLineEndings(" ")}")));
}

public sealed record HolidayBody(DateOnly? Day, string? Name);

/// <summary>A contract's terms as the contract form takes them. Value is typed in currency units ("12000.00").</summary>
/// <param name="TimeZone">Required: the customer's IANA time zone; the contract's dates are dates there.</param>
/// <param name="SupportTimeZone">The IANA zone the plan's hours are read in; null for the plan's own.</param>
/// <param name="HolidayCalendarId">The holiday calendar support is closed on; null for the plan's own.</param>
/// <param name="RenewsContractId">The earlier contract of the same organisation this one continues.</param>
/// <param name="Version">Required to change a contract: the version read.</param>
public sealed record SaveContractBody(
    int? OrganisationId,
    int? PlanId,
    IReadOnlyList<int>? ProductIds,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? Value,
    string? TimeZone,
    string? SupportTimeZone,
    int? HolidayCalendarId,
    int? RenewsContractId,
    int? Version)
{
    public SaveContractRequest ToRequest(int id, int actorId) => new()
    {
        Id = id,
        Version = Version ?? 0,
        OrganisationId = OrganisationId,
        PlanId = PlanId,
        ProductIds = ProductIds ?? [],
        StartsOn = StartsOn,
        EndsOn = EndsOn,
        Value = Value,
        TimeZone = TimeZone,
        SupportTimeZone = SupportTimeZone,
        HolidayCalendarId = HolidayCalendarId,
        RenewsContractId = RenewsContractId,
        ActorId = actorId,
    };
}

/// <summary>
/// A renewal: the new term starts the day after the old one ends and runs as long, on the same plan, products, value
/// and time zones, as the Renew button fills in; any field sent here replaces what was filled in.
/// </summary>
public sealed record RenewContractBody(
    int? PlanId,
    IReadOnlyList<int>? ProductIds,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? Value,
    string? TimeZone,
    string? SupportTimeZone,
    int? HolidayCalendarId)
{
    public SaveContractRequest Over(SaveContractRequest prefilled, int actorId)
    {
        ArgumentNullException.ThrowIfNull(prefilled);
        return prefilled with
        {
            PlanId = PlanId ?? prefilled.PlanId,
            ProductIds = ProductIds ?? prefilled.ProductIds,
            StartsOn = StartsOn ?? prefilled.StartsOn,
            EndsOn = EndsOn ?? prefilled.EndsOn,
            Value = Value ?? prefilled.Value,
            TimeZone = TimeZone ?? prefilled.TimeZone,
            SupportTimeZone = SupportTimeZone ?? prefilled.SupportTimeZone,
            HolidayCalendarId = HolidayCalendarId ?? prefilled.HolidayCalendarId,
            ActorId = actorId,
        };
    }
}

/// <param name="Version">Required: the version read (409 when someone changed the contract since).</param>
/// <param name="Reason">Why it is cancelled; kept in the contract's history.</param>
public sealed record CancelContractBody(int? Version, string? Reason);

/// <param name="Version">Required: the version read.</param>
public sealed record ReinstateContractBody(int? Version);
