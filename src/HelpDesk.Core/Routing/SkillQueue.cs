using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HelpDesk.Core.Routing;

/// <summary>
/// Where a ticket waits when nobody qualified is free: one queue per product and tier, named
/// <c>{product code}/tier-{n}</c> (e.g. <c>keel/tier-2</c>); tickets for a product the catalogue does not know wait in
/// <c>general/tier-{n}</c>, which any engineer of the tier can take.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "A skill queue is what support teams call it; it is not a collection.")]
public sealed record SkillQueue(string? ProductCode, int Tier)
{
    public const string General = "general";

    public string Name => $"{ProductCode ?? General}/tier-{Tier.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => Name;

    public static SkillQueue? Parse(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var slash = name.LastIndexOf("/tier-", StringComparison.Ordinal);
        if (slash <= 0 || !int.TryParse(name.AsSpan(slash + 6), NumberStyles.None, CultureInfo.InvariantCulture, out var tier))
        {
            return null;
        }

        var product = name[..slash];
        return new SkillQueue(product == General ? null : product, tier);
    }

    /// <summary>The queues an engineer may pull from: each product they know, and general, at their tier and below.</summary>
    public static IReadOnlyList<SkillQueue> For(EngineerProfile engineer)
    {
        ArgumentNullException.ThrowIfNull(engineer);
        var products = engineer.Skills.Select(s => s.ProductCode).Distinct(StringComparer.OrdinalIgnoreCase).Append(null);
        return [.. products.SelectMany(p => Enumerable.Range(1, engineer.Tier).Select(t => new SkillQueue(p, t)))];
    }
}
