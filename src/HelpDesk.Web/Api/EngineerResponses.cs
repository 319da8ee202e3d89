using HelpDesk.Core.Accounts;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Routing;

namespace HelpDesk.Web.Api;

/// <summary>A staff member as the engineers list shows them; the routing fields are null when they have no profile (the router never assigns them a ticket).</summary>
public sealed record EngineerSummaryDto(int UserId, string Name, string Email, bool Routed, int? Tier, int? Capacity, int? OpenTickets, bool? Available)
{
    public static EngineerSummaryDto From(Person person, EngineerLoad? load)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(person.Id, person.Name, person.Email, load is not null, load?.Engineer.Tier, load?.Engineer.Capacity, load?.OpenTickets, load?.Engineer.Available);
    }
}

/// <summary>A staff member with their routing profile; <see cref="Profile"/> is null until they are given one.</summary>
public sealed record EngineerDto(int UserId, string Name, string Email, bool Routed, EngineerProfileDto? Profile);

/// <param name="PricePerCase">A supplier's price per case as the form takes it ("450.00"); null in-house.</param>
/// <param name="HourlyNow">The hourly cost rate in force today ("85.00"); null without one.</param>
public sealed record EngineerProfileDto(
    int Tier,
    Sourcing Sourcing,
    string? Supplier,
    string? PricePerCase,
    IReadOnlyList<EngineerSkillDto> Skills,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Categories,
    int Capacity,
    bool Available,
    string? HourlyNow,
    DateTime? LastAssignedUtc,
    int Version)
{
    public static EngineerProfileDto From(EngineerProfile profile, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(
            profile.Tier,
            profile.Sourcing,
            profile.Supplier,
            profile.PricePerCaseCents is long price ? Money.ForInput(price) : null,
            [.. profile.Skills.Select(s => new EngineerSkillDto(s.ProductCode, s.Area, s.Proficiency))],
            profile.Languages,
            profile.Categories,
            profile.Capacity,
            profile.Available,
            profile.HourlyCentsOn(today) is long hourly ? Money.ForInput(hourly) : null,
            profile.LastAssignedUtc,
            profile.Version);
    }
}

public sealed record EngineerSkillDto(string Product, string? Area, int Proficiency);

/// <param name="HourlyNow">The rate in force today; null without one.</param>
/// <param name="Rates">Every rate, oldest first: the past keeps the rate it had, and a rate not yet started may be replaced by adding one on its day.</param>
public sealed record CostRatesDto(int UserId, string Name, string? HourlyNow, IReadOnlyList<CostRateDto> Rates)
{
    public static CostRatesDto From(EngineerProfile profile, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var current = profile.Rates.Where(r => r.EffectiveFrom <= today).MaxBy(r => r.EffectiveFrom);
        return new(
            profile.UserId,
            profile.Name,
            current is null ? null : Money.ForInput(current.HourlyCents),
            [.. profile.Rates.Select(r => new CostRateDto(r.EffectiveFrom, Money.ForInput(r.HourlyCents), r.HourlyCents, r == current, r.EffectiveFrom > today))]);
    }
}

/// <param name="InForce">The rate that applies today.</param>
/// <param name="Upcoming">Starts after today; adding another rate on the same day replaces it.</param>
public sealed record CostRateDto(DateOnly EffectiveFrom, string Hourly, long HourlyCents, bool InForce, bool Upcoming);
