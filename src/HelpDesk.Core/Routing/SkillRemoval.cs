using System.Globalization;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Routing;

/// <summary>A skill a profile save would remove, with what follows from removing it, one sentence each.</summary>
public sealed record RemovedSkill(EngineerSkill Skill, string ProductName, IReadOnlyList<string> Consequences);

/// <summary>
/// What removing skills from an engineer's profile leads to, worked out before a manager confirms it: the router no
/// longer gives them that product's tickets (unless another skill of theirs still covers it), the open tickets of the
/// product they hold stay with them, and a product nobody else knows leaves its tickets waiting in the queue.
/// </summary>
public static class SkillRemoval
{
    /// <summary>The skills of <paramref name="before"/> that <paramref name="after"/> (product code, area) no longer has.</summary>
    public static IReadOnlyList<EngineerSkill> Removed(EngineerProfile before, IEnumerable<(string ProductCode, string? Area)> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var kept = after.Select(s => Key(s.ProductCode, s.Area)).ToHashSet(StringComparer.Ordinal);
        return [.. before.Skills.Where(s => !kept.Contains(Key(s.ProductCode, s.Area)))];
    }

    /// <summary>A stable text for a set of removals, which the confirmation sends back so a changed form asks again.</summary>
    public static string Token(IEnumerable<EngineerSkill> removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        return string.Join(";", removed.Select(s => Key(s.ProductCode, s.Area)).Order(StringComparer.Ordinal));
    }

    /// <param name="engineer">The profile as stored.</param>
    /// <param name="removed">The skills the save removes.</param>
    /// <param name="kept">The product codes the engineer keeps a skill for.</param>
    /// <param name="others">Every other engineer's profile.</param>
    /// <param name="productNames">Product names by code.</param>
    /// <param name="openTickets">The engineer's open tickets per product code.</param>
    public static IReadOnlyList<RemovedSkill> Describe(
        EngineerProfile engineer,
        IReadOnlyList<EngineerSkill> removed,
        IReadOnlyCollection<string> kept,
        IReadOnlyList<EngineerProfile> others,
        IReadOnlyDictionary<string, string> productNames,
        IReadOnlyDictionary<string, int> openTickets)
    {
        ArgumentNullException.ThrowIfNull(engineer);
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(productNames);
        ArgumentNullException.ThrowIfNull(openTickets);
        var result = new List<RemovedSkill>();
        foreach (var skill in removed)
        {
            var product = productNames.GetValueOrDefault(skill.ProductCode, skill.ProductCode);
            var lines = new List<string>();
            var what = skill.Area is null ? $"{product} tickets" : $"{product} tickets about {skill.AreaName ?? skill.Area}";
            lines.Add(kept.Contains(skill.ProductCode, StringComparer.OrdinalIgnoreCase)
                ? $"{engineer.Name} keeps another {product} skill, so the router still gives them the {product} tickets it covers."
                : $"The router no longer gives {engineer.Name} {what}.");

            var open = openTickets.GetValueOrDefault(skill.ProductCode);
            lines.Add(open switch
            {
                0 => $"{engineer.Name} holds no open {product} ticket.",
                1 => $"The open {product} ticket {engineer.Name} holds stays with them.",
                _ => string.Create(CultureInfo.InvariantCulture, $"The {open} open {product} tickets {engineer.Name} holds stay with them."),
            });

            var colleagues = others
                .Where(o => o.UserId != engineer.UserId && o.Skills.Any(s => string.Equals(s.ProductCode, skill.ProductCode, StringComparison.OrdinalIgnoreCase)))
                .Select(o => o.Name)
                .ToList();
            if (colleagues.Count == 0 && !kept.Contains(skill.ProductCode, StringComparer.OrdinalIgnoreCase))
            {
                lines.Add($"No other engineer has a {product} skill: new {product} tickets will wait in the queue until someone who has it is added.");
            }
            else if (colleagues.Count > 0)
            {
                lines.Add(colleagues.Count <= 3
                    ? $"{EntitlementWording.List(colleagues)} also {(colleagues.Count == 1 ? "has" : "have")} a {product} skill."
                    : string.Create(CultureInfo.InvariantCulture, $"{colleagues.Count} other engineers also have a {product} skill."));
            }

            result.Add(new RemovedSkill(skill, product, lines));
        }

        return result;
    }

    private static string Key(string productCode, string? area) =>
        $"{productCode.Trim().ToLowerInvariant()}|{(area ?? "").Trim().ToLowerInvariant()}";
}
