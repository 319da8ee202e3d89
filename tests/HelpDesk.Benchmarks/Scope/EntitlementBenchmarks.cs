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
        _facts = EntitlementDataset.Facts();
        var releases = _facts.Releases;
        _hours = EntitlementDataset.Hours;
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
