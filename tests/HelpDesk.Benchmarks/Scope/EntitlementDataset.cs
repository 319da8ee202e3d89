using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Benchmarks.Scope;

/// <summary>
/// Realistic entitlement facts for organisation 42 on Orders API: 3 contracts (expired, in term on a plan without
/// email, in term and entitling), 12 releases, 20 environments of which the scope lists 14, and two published versions
/// excluding the 6 out-of-scope categories. Shared by the entitlement and what-if benchmarks.
/// </summary>
internal static class EntitlementDataset
{
    public static SupportHours Hours { get; } = new() { TimeZone = "Europe/London" };

    public static EntitlementFacts Facts()
    {
        var product = new Product { Id = 1, Code = "orders", Name = "Orders API" };
        var releases = Enumerable.Range(0, 12)
            .Select(i => new ProductRelease
            {
                Id = i + 1,
                ProductId = 1,
                Name = $"{6 + (i / 4)}.{i % 4}",
                ReleasedOn = new DateOnly(2024, 1, 15).AddMonths(i * 3),
                EndOfSupportOn = i < 6 ? new DateOnly(2025, 1, 15).AddMonths(i * 3) : null,
            })
            .ToList();
        var environments = Enumerable.Range(0, 20)
            .Select(i => new TargetEnvironment { Id = i + 1, Code = $"env-{i:D2}", Name = $"Environment {i:D2}", Kind = (EnvironmentKind)(i % 3) })
            .ToList();
        var scope = new ScopeOfSupport
        {
            Id = 10,
            ProductId = 1,
            Number = 3,
            Status = ScopeStatus.Published,
            EffectiveOn = new DateOnly(2026, 1, 1),
            PublishedUtc = new DateTime(2025, 12, 15, 9, 0, 0, DateTimeKind.Utc),
            ReleasesBack = 3,
            EnvironmentCodes = environments.Take(14).Select(e => e.Code).ToList(),
            OutOfScope = RequestCategories.OutOfScope.Select(c => new OutOfScopeClause(c.Code, $"{c.Label} is a paid service.")).ToList(),
        };
        SlaTarget[] targets = [new(Severity.Critical, 60, 480), new(Severity.High, 240, 960), new(Severity.Normal, 480, 2400), new(Severity.Low, 960, 4800)];
        var basic = new Plan { Id = 1, Code = "basic", Name = "Basic", Channels = SupportChannels.Web, IncidentAllowance = 5, Hours = Hours, Targets = targets };
        var standard = new Plan { Id = 2, Code = "standard", Name = "Standard", Channels = SupportChannels.Web | SupportChannels.Email, IncidentAllowance = 20, Hours = Hours, Targets = targets };
        Contract Contract(int id, int plan, DateOnly starts) => new()
        {
            Id = id,
            OrganisationId = 42,
            PlanId = plan,
            ProductIds = [1, 2],
            StartsOn = starts,
            EndsOn = starts.AddYears(1).AddDays(-1),
            TimeZone = "Europe/London",
        };
        return new EntitlementFacts
        {
            Product = product,
            Releases = releases,
            Environments = environments,
            PublishedScopes = [scope, scope with { Id = 9, Number = 2, EffectiveOn = new DateOnly(2025, 1, 1) }],
            Contracts =
            [
                new(Contract(3, 2, new DateOnly(2025, 1, 1)), standard, 17),
                new(Contract(5, 1, new DateOnly(2026, 3, 1)), basic, 2),
                new(Contract(8, 2, new DateOnly(2026, 1, 1)), standard, 11),
            ],
            ProductNames = new Dictionary<int, string> { [1] = "Orders API", [2] = "Billing" },
        };
    }
}
