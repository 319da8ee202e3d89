using HelpDesk.Core.Audit;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Areas.Manage.Pages.Contracts;

namespace HelpDesk.Web.Api;

/// <param name="ListPrice">The yearly list price as the form takes it ("1250.00"); <c>listPriceCents</c> is the same in cents.</param>
/// <param name="IncidentAllowance">Entitled incidents per term; null for unlimited.</param>
public sealed record PlanDto(
    int Id,
    string Code,
    string Name,
    string Description,
    string ListPrice,
    long ListPriceCents,
    int? IncidentAllowance,
    IReadOnlyList<SupportChannels> Channels,
    bool AroundTheClock,
    string TimeZone,
    TimeOnly Opens,
    TimeOnly Closes,
    IReadOnlyList<DayOfWeek> Days,
    int? HolidayCalendarId,
    IReadOnlyList<PlanTargetDto> Targets,
    int Version)
{
    public static PlanDto From(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var hours = plan.Hours;
        return new(
            plan.Id,
            plan.Code,
            plan.Name,
            plan.Description,
            Money.ForInput(plan.ListPriceCents),
            plan.ListPriceCents,
            plan.IncidentAllowance,
            [.. Enum.GetValues<SupportChannels>().Where(c => c != SupportChannels.None && plan.Includes(c))],
            hours.AroundTheClock,
            hours.TimeZone,
            TimeOf(hours.OpensMinute),
            TimeOf(hours.ClosesMinute),
            hours.AroundTheClock ? [] : hours.Days,
            plan.HolidayCalendarId,
            [.. plan.Targets.Select(t => new PlanTargetDto(t.Severity, t.FirstResponseMinutes, t.ResolveMinutes))],
            plan.Version);
    }

    /// <summary>A minute of the day as a time; the end of the day reads 23:59, as the form shows it.</summary>
    private static TimeOnly TimeOf(int minute) => minute >= 24 * 60 ? new TimeOnly(23, 59) : new TimeOnly(minute / 60, minute % 60);
}

public sealed record PlanTargetDto(Severity Severity, int FirstResponseMinutes, int ResolveMinutes);

public sealed record CalendarDto(int Id, string Name, IReadOnlyList<HolidayDto> Days, int Version)
{
    public static CalendarDto From(HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return new(calendar.Id, calendar.Name, [.. calendar.Days.Select(d => new HolidayDto(d.Day, d.Name))], calendar.Version);
    }
}

public sealed record HolidayDto(DateOnly Day, string Name);

/// <param name="Number">The contract's number as pages show it (C-0007).</param>
/// <param name="Status">What is stored: Active, Cancelled or Pending.</param>
/// <param name="State">How it stands today in its own time zone: Pending, Upcoming, Active, Expired, Renewed or Cancelled.</param>
/// <param name="Value">The contract's value as the form takes it ("12000.00"); <c>valueCents</c> is the same in cents.</param>
/// <param name="RenewedById">The active contract that renews this one, if any.</param>
public sealed record ContractDto(
    int Id,
    string Number,
    int OrganisationId,
    int PlanId,
    IReadOnlyList<int> ProductIds,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string TimeZone,
    string? SupportTimeZone,
    int? HolidayCalendarId,
    string Value,
    long ValueCents,
    int IncidentsBought,
    int? RenewsContractId,
    int? RenewedById,
    ContractStatus Status,
    ContractState State,
    DateTime CreatedUtc,
    int Version)
{
    /// <param name="all">The organisation's contracts (or more), to tell whether one renews it.</param>
    public static ContractDto From(Contract contract, DateTime nowUtc, IReadOnlyList<Contract> all)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(all);
        return new(
            contract.Id,
            contract.Number,
            contract.OrganisationId,
            contract.PlanId,
            contract.ProductIds,
            contract.StartsOn,
            contract.EndsOn,
            contract.TimeZone,
            contract.SupportTimeZone,
            contract.HolidayCalendarId,
            Money.ForInput(contract.ValueCents),
            contract.ValueCents,
            contract.IncidentsBought,
            contract.RenewsContractId,
            ContractStates.RenewalOf(contract, all)?.Id,
            contract.Status,
            ContractStates.On(contract, nowUtc, all),
            contract.CreatedUtc,
            contract.Version);
    }
}

/// <param name="Next">Pass as <c>after</c> for the next page; null on the last page.</param>
public sealed record ContractListDto(IReadOnlyList<ContractDto> Items, string? Next);

/// <summary>A contract with who created, changed, cancelled and reinstated it, newest first.</summary>
public sealed record ContractDetailDto(ContractDto Contract, IReadOnlyList<AuditLineDto> History);

public sealed record AuditLineDto(string Action, string Detail, int? ActorId, string ActorName, DateTime AtUtc)
{
    public static AuditLineDto From(ManageAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Action, entry.Detail, entry.ActorId, entry.ActorName, entry.AtUtc);
    }
}

/// <param name="Allowed">What the term allows: the plan's allowance plus incidents bought; null when unlimited.</param>
/// <param name="Left">Allowed minus used, never below 0; null when unlimited.</param>
/// <param name="Incidents">Every ticket that took an incident, those given back included, oldest first.</param>
public sealed record ContractUsageDto(int ContractId, string Number, int Used, int? Allowed, int? Left, int IncidentsBought, IReadOnlyList<ContractIncidentDto> Incidents)
{
    public static ContractUsageDto From(ContractUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return new(
            usage.Contract.Id,
            usage.Contract.Number,
            usage.Used,
            usage.Allowed,
            usage.Left,
            usage.Contract.IncidentsBought,
            [.. usage.Incidents.Select(i => new ContractIncidentDto(i.TicketNumber, i.Subject, i.UsedUtc, i.GivenBack, i.ReturnedUtc, i.ReturnedByName, i.ReturnReason))]);
    }
}

public sealed record ContractIncidentDto(string Ticket, string Subject, DateTime UsedUtc, bool GivenBack, DateTime? ReturnedUtc, string? ReturnedByName, string? ReturnReason);
