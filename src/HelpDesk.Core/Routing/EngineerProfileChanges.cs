using HelpDesk.Core.Audit;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Routing;

/// <summary>An engineer's routing profile created, changed, or marked away or back, as the engineer's audit trail words it.</summary>
public static class EngineerProfileChanges
{
    /// <summary>"Tier 2, in-house, capacity 5, available; skills keel at 4; languages en." for a profile made just now.</summary>
    public static string DescribeCreated(EngineerProfile profile, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(currency);
        var parts = new List<string> { $"Tier {profile.Tier}, {Sourcing(profile, currency)}, capacity {profile.Capacity}, {Availability(profile.Available)}" };
        if (profile.Skills.Count > 0)
        {
            parts.Add($"skills {EntitlementWording.List([.. Skills(profile)])}");
        }

        parts.Add($"languages {EntitlementWording.List([.. profile.Languages])}");
        if (profile.Categories.Count > 0)
        {
            parts.Add($"categories {EntitlementWording.List([.. profile.Categories])}");
        }

        return string.Join("; ", parts) + ".";
    }

    /// <summary>"Changed the tier from 1 to 2; added the skill keel at 4; removed the language de." field by field.</summary>
    public static string Describe(EngineerProfile before, EngineerProfile after, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(currency);
        return new ChangeWording()
            .Value("tier", $"{before.Tier}", $"{after.Tier}")
            .Value("sourcing", Sourcing(before, currency), Sourcing(after, currency))
            .Members("skill", "skills", Skills(before), Skills(after))
            .Members("language", "languages", before.Languages, after.Languages)
            .Members("category", "categories", before.Categories, after.Categories)
            .Value("capacity", $"{before.Capacity}", $"{after.Capacity}")
            .Value("availability", Availability(before.Available), Availability(after.Available))
            .Describe();
    }

    private static string Sourcing(EngineerProfile profile, Currency currency) => profile.Sourcing == Routing.Sourcing.Supplier
        ? $"supplier {profile.Supplier} at {Money.Format(profile.PricePerCaseCents ?? 0, currency)} a case"
        : "in-house";

    private static IEnumerable<string> Skills(EngineerProfile profile) =>
        profile.Skills.Select(s => $"{s.ProductCode}{(s.Area is null ? "" : $" on {s.Area}")} at {s.Proficiency}");

    private static string Availability(bool available) => available ? "available" : "away";
}
