using BenchmarkDotNet.Attributes;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Benchmarks.Scope;

/// <summary>
/// One entitlement decision over realistic facts (3 contracts: expired, in term on a plan without the channel, in
/// term and entitling; 12 releases; 20 environments; the 6 out-of-scope categories), an out-of-scope decision that
/// collects every clause, and one SLA due time over business hours in London with a year of holidays. The baseline
/// is what intake already does for every ticket: validating the same request's fields with <see cref="TicketRules"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class EntitlementBenchmarks
{
    private static readonly DateTime Now = new(2026, 11, 30, 15, 30, 0, DateTimeKind.Utc);

    private EntitlementFacts _facts = null!;
    private EntitlementRequest _inScope = null!;
    private EntitlementRequest _outOfScope = null!;
    private SupportHours _hours = null!;
    private HashSet<DateOnly> _holidays = null!;

    [GlobalSetup]
    public void Setup()
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
        _hours = new SupportHours { TimeZone = "Europe/London" };
        SlaTarget[] targets = [new(Severity.Critical, 60, 480), new(Severity.High, 240, 960), new(Severity.Normal, 480, 2400), new(Severity.Low, 960, 4800)];
        var basic = new Plan { Id = 1, Code = "basic", Name = "Basic", Channels = SupportChannels.Web, IncidentAllowance = 5, Hours = _hours, Targets = targets };
        var standard = new Plan { Id = 2, Code = "standard", Name = "Standard", Channels = SupportChannels.Web | SupportChannels.Email, IncidentAllowance = 20, Hours = _hours, Targets = targets };
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
        _facts = new EntitlementFacts
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
        _inScope = new EntitlementRequest
        {
            OrganisationId = 42,
            Product = "orders",
            Release = releases[^1].Name,
            Environment = "Environment 07",
            Category = RequestCategories.Problem,
            Channel = TicketChannel.Email,
            Severity = Severity.High,
            AtUtc = Now,
        };
        _outOfScope = _inScope with { Release = releases[2].Name, Environment = "env-18", ModifiedSource = true, Category = RequestCategories.ConsultingTraining };
        _holidays = Enumerable.Range(0, 3).SelectMany(y => new[] { new DateOnly(2025 + y, 1, 1), new DateOnly(2025 + y, 5, 4), new DateOnly(2025 + y, 8, 31), new DateOnly(2025 + y, 12, 25), new DateOnly(2025 + y, 12, 28) }).ToHashSet();

        if (EntitlementEngine.Decide(_inScope, _facts).Verdict != Verdict.Entitled || EntitlementEngine.Decide(_outOfScope, _facts).Verdict != Verdict.OutOfScope)
        {
            throw new InvalidOperationException("The benchmark requests are not judged as intended.");
        }
    }

    [Benchmark(Baseline = true, Description = "TicketRules: validate the request's ticket fields")]
    public int ValidateTicketFields()
    {
        var errors = new List<FieldError>();
        TicketRules.Subject(errors, "Orders API returns 500 on bulk import");
        TicketRules.Body(errors, "Since this morning every bulk import fails with HTTP 500.\n\nSingle orders still go through.");
        TicketRules.Severity(errors, (int)_inScope.Severity);
        TicketRules.Optional(errors, "product", _inScope.Product, TicketRules.ProductMaxLength, "product");
        TicketRules.Optional(errors, "productRelease", _inScope.Release, TicketRules.ReleaseMaxLength, "release");
        TicketRules.Optional(errors, "environment", _inScope.Environment, TicketRules.EnvironmentMaxLength, "environment");
        TicketRules.Optional(errors, "category", _inScope.Category, TicketRules.CategoryMaxLength, "category");
        return errors.Count;
    }

    [Benchmark(Description = "EntitlementEngine.Decide: Entitled (3 contracts)")]
    public EntitlementDecision DecideEntitled() => EntitlementEngine.Decide(_inScope, _facts);

    [Benchmark(Description = "EntitlementEngine.Decide: OutOfScope, 4 categories")]
    public EntitlementDecision DecideOutOfScope() => EntitlementEngine.Decide(_outOfScope, _facts);

    [Benchmark(Description = "SupportCalendar.AddSupportMinutes: 40 business hours, holidays")]
    public DateTime AddSupportMinutes() => SupportCalendar.AddSupportMinutes(Now, 2400, _hours, _holidays);
}
