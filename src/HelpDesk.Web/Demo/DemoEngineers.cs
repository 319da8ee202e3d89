using HelpDesk.Core.Routing;

namespace HelpDesk.Web.Demo;

/// <summary>
/// The demo's support team: a dozen engineers across the three tiers and products, speaking seven languages, at
/// hourly rates from $36 to $98, and one outside supplier paid per case. Some have had a raise, so the rate
/// history shows that a new rate applies from its day on and the past keeps the old one. Wei Chen, the one who
/// speaks Chinese, is away. Capacities (10 open tickets at tier 1, 8 at tier 2, 6 at tier 3) leave room after the
/// demo history for the tickets a person trying the demo files, at every severity.
/// </summary>
internal static class DemoEngineers
{
    /// <summary>A skill: product code, optional area (an environment code) and proficiency 1–5.</summary>
    public sealed record DemoSkill(string Product, string? Area, int Proficiency);

    /// <param name="Rates">Dollars per hour and how many days ago each started, oldest first.</param>
    public sealed record DemoEngineer(
        string Email,
        int Tier,
        IReadOnlyList<DemoSkill> Skills,
        IReadOnlyList<string> Languages,
        IReadOnlyList<(int Dollars, int DaysAgo)> Rates,
        int Capacity,
        bool Available = true,
        IReadOnlyList<string>? Categories = null,
        string? Supplier = null,
        int? PricePerCaseDollars = null);

    public static IReadOnlyList<DemoEngineer> Team { get; } =
    [
        new("engineer@helpdesk.test", 1, [new("keel", null, 2), new("mooring", null, 2)], ["en"], [(38, 400), (42, 90)], 10),
        new("kenji.sato@helpdesk.test", 2, [new("keel", null, 4), new("sextant", null, 3)], ["en", "ja"], [(72, 400)], 12),
        new("lena.fischer@helpdesk.test", 2, [new("mooring", null, 4), new("keel", null, 2)], ["en", "de"], [(64, 400), (69, 120)], 12),
        new("priya.shah@helpdesk.test", 3, [new("keel", null, 5), new("keel", "cortex-m7", 5), new("mooring", null, 4)], ["en"], [(92, 400), (98, 60)], 12),
        new("marco.rossi@helpdesk.test", 2, [new("sextant", null, 4), new("mooring", null, 3)], ["en", "it"], [(70, 400)], 12),
        new("sofia.garcia@helpdesk.test", 1, [new("keel", null, 2), new("mooring", null, 2)], ["en", "es"], [(38, 400)], 10),
        new("tom.becker@helpdesk.test", 1, [new("sextant", null, 2), new("keel", null, 1)], ["en", "de"], [(36, 400)], 10),
        new("aiko.tanaka@helpdesk.test", 3, [new("sextant", null, 5), new("mooring", null, 4)], ["en", "ja"], [(90, 400)], 12),
        new("lucas.martin@helpdesk.test", 2, [new("keel", null, 3), new("keel", "rv32imac", 5)], ["en", "fr"], [(68, 400)], 12),
        new("hannah.okafor@helpdesk.test", 1, [new("mooring", null, 3), new("sextant", null, 2)], ["en"], [(40, 400)], 10),
        new("wei.chen@helpdesk.test", 2, [new("mooring", null, 4), new("sextant", null, 3)], ["en", "zh"], [(66, 400)], 12, Available: false),
        new(
            "tidewater@helpdesk.test",
            1,
            [new("keel", null, 2), new("mooring", null, 2), new("sextant", null, 2)],
            ["en", "es", "pt"],
            [],
            16,
            Categories: ["problem", "question"],
            Supplier: "Tidewater Services",
            PricePerCaseDollars: 55),
    ];

    public static async Task SeedAsync(IEngineerStore store, IReadOnlyDictionary<string, int> userIds, IReadOnlyDictionary<string, int> productIds, DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(nowUtc);
        foreach (var demo in Team)
        {
            var userId = userIds[demo.Email];
            var saved = await store.SaveAsync(
                new EngineerProfile
                {
                    UserId = userId,
                    Tier = demo.Tier,
                    Sourcing = demo.Supplier is null ? Sourcing.InHouse : Sourcing.Supplier,
                    Supplier = demo.Supplier,
                    PricePerCaseCents = demo.PricePerCaseDollars * 100L,
                    Skills = [.. demo.Skills.Select(s => new EngineerSkill(productIds[s.Product], s.Product, s.Area, s.Proficiency))],
                    Languages = demo.Languages,
                    Categories = demo.Categories ?? [],
                    Capacity = demo.Capacity,
                    Available = demo.Available,
                },
                nowUtc) ?? throw new InvalidOperationException($"The demo engineer {demo.Email} could not be saved.");
            foreach (var (dollars, daysAgo) in demo.Rates)
            {
                if (!await store.AddRateAsync(saved.UserId, new CostRate(today.AddDays(-daysAgo), dollars * 100L), nowUtc))
                {
                    throw new InvalidOperationException($"The demo rate of {demo.Email} from {daysAgo} days ago could not be saved.");
                }
            }
        }
    }
}
