namespace HelpDesk.Core.Routing;

/// <summary>Who employs the engineer. Stored as its name.</summary>
public enum Sourcing
{
    /// <summary>An employee, costed at their hourly rate.</summary>
    InHouse,

    /// <summary>An outside supplier, paid a fixed price per case.</summary>
    Supplier,
}

/// <summary>
/// What an engineer knows: a product of the catalogue, optionally narrowed to one area of it (an environment code of
/// the catalogue, e.g. Keel RTOS on ARM Cortex-M), at a proficiency from 1 (can follow a runbook) to 5 (expert).
/// A skill with no area covers the whole product.
/// </summary>
public sealed record EngineerSkill(int ProductId, string ProductCode, string? Area, int Proficiency)
{
    public const int MinProficiency = 1;
    public const int MaxProficiency = 5;

    /// <summary>The catalogue's name for the area's environment, when the store knows it: tickets may name either.</summary>
    public string? AreaName { get; init; }

    /// <summary>Whether the skill applies to a ticket about <paramref name="environment"/> (a code or a name).</summary>
    public bool CoversArea(string? environment) =>
        Area is null
        || string.Equals(Area, environment?.Trim(), StringComparison.OrdinalIgnoreCase)
        || (AreaName is not null && string.Equals(AreaName, environment?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>An hourly cost from a day on. Rates are only added, never edited, so the past keeps the rate it had.</summary>
public sealed record CostRate(DateOnly EffectiveFrom, long HourlyCents);

/// <summary>
/// An engineer as the router sees them: skills, languages (ISO 639-1 codes), the request categories they take
/// (empty means every category), tier, sourcing and cost, capacity (open tickets at once) and availability.
/// </summary>
public sealed record EngineerProfile
{
    public const int MinTier = 1;
    public const int MaxTier = 3;

    public int UserId { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public int Tier { get; init; } = 1;
    public Sourcing Sourcing { get; init; }

    /// <summary>The supplier's name, for <see cref="Routing.Sourcing.Supplier"/> only.</summary>
    public string? Supplier { get; init; }

    /// <summary>The supplier's fixed price per case in cents, for <see cref="Routing.Sourcing.Supplier"/> only.</summary>
    public long? PricePerCaseCents { get; init; }
    public IReadOnlyList<EngineerSkill> Skills { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = ["en"];
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Every rate the engineer has had, oldest first.</summary>
    public IReadOnlyList<CostRate> Rates { get; init; } = [];
    public int Capacity { get; init; } = 5;
    public bool Available { get; init; } = true;
    public DateTime? LastAssignedUtc { get; init; }
    public int Version { get; init; }

    /// <summary>The hourly rate in force on <paramref name="day"/>: the latest that started on or before it.</summary>
    public long? HourlyCentsOn(DateOnly day)
    {
        CostRate? current = null;
        foreach (var rate in Rates)
        {
            if (rate.EffectiveFrom <= day && (current is null || rate.EffectiveFrom >= current.EffectiveFrom))
            {
                current = rate;
            }
        }

        return current?.HourlyCents;
    }
}

/// <summary>An engineer with the number of open tickets assigned to them now.</summary>
public sealed record EngineerLoad(EngineerProfile Engineer, int OpenTickets)
{
    public bool HasSpareCapacity => OpenTickets < Engineer.Capacity;
}
