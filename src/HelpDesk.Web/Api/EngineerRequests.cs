using HelpDesk.Core.Routing;

namespace HelpDesk.Web.Api;

/// <summary>An engineer's routing profile as the engineer page edits it. Skills the body leaves out are removed.</summary>
/// <param name="Tier">1, 2 or 3.</param>
/// <param name="Sourcing">InHouse (the default) or Supplier; a supplier needs supplier and pricePerCase ("450.00").</param>
/// <param name="Skills">Each a product code, optionally an environment code (area) narrowing it, and a proficiency 1–5.</param>
/// <param name="Languages">ISO 639-1 codes of languages we offer, at least one.</param>
/// <param name="Categories">Request categories the engineer takes; none means every category.</param>
/// <param name="Capacity">Open tickets the engineer takes at once, 0 to 100.</param>
/// <param name="Version">Required: the version read, or 0 to give a staff member their first profile.</param>
public sealed record SaveEngineerBody(
    int? Tier,
    string? Sourcing,
    string? Supplier,
    string? PricePerCase,
    IReadOnlyList<EngineerSkillBody>? Skills,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<string>? Categories,
    int? Capacity,
    bool? Available,
    int? Version)
{
    public EngineerProfileInput ToInput(int userId) => new()
    {
        UserId = userId,
        Tier = Tier ?? 1,
        Sourcing = Sourcing,
        Supplier = Supplier,
        PricePerCase = PricePerCase,
        Skills = [.. (Skills ?? []).Select(s => new EngineerSkillInput(s.Product, s.Area, s.Proficiency ?? 0))],
        Languages = Languages ?? [],
        Categories = Categories ?? [],
        Capacity = Capacity ?? -1,
        Available = Available ?? true,
        ExpectedVersion = Version ?? 0,
    };
}

/// <param name="Product">The product's code in the catalogue.</param>
/// <param name="Area">An environment code narrowing the skill; null for the whole product.</param>
/// <param name="Proficiency">1 (can follow a runbook) to 5 (expert).</param>
public sealed record EngineerSkillBody(string? Product, string? Area, int? Proficiency);

/// <param name="Available">False marks the engineer away (the router passes them by); true brings them back, and they pull waiting tickets at once.</param>
public sealed record EngineerAvailabilityBody(bool? Available);

/// <param name="EffectiveFrom">The first day the rate applies (yyyy-mm-dd, UTC), today or later.</param>
/// <param name="Hourly">The hourly cost as typed in currency units ("85.00").</param>
public sealed record AddCostRateBody(DateOnly? EffectiveFrom, string? Hourly);
