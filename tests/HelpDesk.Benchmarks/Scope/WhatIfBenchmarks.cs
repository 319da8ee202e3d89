using BenchmarkDotNet.Attributes;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Benchmarks.Scope;

/// <summary>
/// The what-if of a draft supporting one release fewer and three environments fewer, over a year of 100,000 tickets
/// from 500 organisations, each with the 3 contracts of <see cref="EntitlementDataset"/> (one started before the
/// period, so the at-renewal choice is replayed too). The tickets spread over the year, the 12 releases and the 20
/// environments; a tenth say the source was modified. The baseline, in the same run, is one entitlement decision per
/// ticket with the published versions — what judging the year once costs; the what-if makes two or three per ticket.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class WhatIfBenchmarks
{
    private const int Tickets = 100_000;
    private const int Organisations = 500;
    private static readonly DateTime PeriodStart = new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private WhatIfInput _input = null!;
    private List<EntitlementFacts> _facts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var facts = EntitlementDataset.Facts();
        var contracts = Enumerable.Range(1, Organisations)
            .SelectMany(o => facts.Contracts.Select(c => c with { Contract = c.Contract with { Id = (o * 10) + c.Contract.Id, OrganisationId = o } }))
            .ToList();
        var channels = new[] { TicketChannel.Web, TicketChannel.Email, TicketChannel.Api };
        var tickets = Enumerable.Range(0, Tickets)
            .Select(i => new ReplayTicket(
                TicketNumber.Format(i + 1),
                new EntitlementRequest
                {
                    OrganisationId = (i % Organisations) + 1,
                    Product = "orders",
                    Release = facts.Releases[(i / 7) % facts.Releases.Count].Name,
                    Environment = facts.Environments[(i / 3) % facts.Environments.Count].Code,
                    Category = i % 11 == 0 ? RequestCategories.ThirdPartyIntegration : RequestCategories.Problem,
                    ModifiedSource = i % 10 == 0,
                    Channel = channels[i % channels.Length],
                    Severity = (Severity)((i % 4) + 1),
                    AtUtc = PeriodStart.AddMinutes(i * 5.25),
                },
                1_000 + (i % 50 * 100)))
            .ToList();
        var latest = facts.PublishedScopes.MaxBy(s => s.Number)!;
        _input = new WhatIfInput
        {
            Product = facts.Product!,
            Draft = latest with { Id = 0, Number = 0, Status = ScopeStatus.Draft, PublishedUtc = null, ReleasesBack = 2, EnvironmentCodes = latest.EnvironmentCodes.Take(11).ToList() },
            PeriodStartUtc = PeriodStart,
            Releases = facts.Releases,
            Environments = facts.Environments,
            PublishedScopes = facts.PublishedScopes,
            Contracts = contracts,
            Tickets = tickets,
            Customers = Enumerable.Range(1, Organisations).Select(o => new ReplayCustomer(o, $"Customer {o:D3}", (CustomerSegment)(o % 4), o * 100_000L)).ToList(),
            Services = [new ReplayService("Backport", [RequestCategories.Backport], [], 150_000, 0.4m), new ReplayService("Environment assistance", [RequestCategories.UnsupportedEnvironment], [], 90_000, 0.25m)],
        };
        _facts = Enumerable.Range(1, Organisations)
            .Select(o => facts with { Contracts = contracts.Where(c => c.Contract.OrganisationId == o).ToList() })
            .ToList();

        var report = ScopeWhatIf.Replay(_input);
        if (report.ApplyNow.ToOut.Count == 0 || report.AtRenewal.ToOut.Count >= report.ApplyNow.ToOut.Count)
        {
            throw new InvalidOperationException("The benchmark draft does not move verdicts as intended.");
        }
    }

    [Benchmark(Baseline = true, Description = "EntitlementEngine.Decide once per ticket: 100,000 tickets")]
    public int DecideOnce()
    {
        var entitled = 0;
        foreach (var ticket in _input.Tickets)
        {
            entitled += EntitlementEngine.Decide(ticket.Request, _facts[ticket.Request.OrganisationId - 1]).Verdict == Verdict.Entitled ? 1 : 0;
        }

        return entitled;
    }

    [Benchmark(Description = "ScopeWhatIf.Replay: 100,000 tickets, both publish choices")]
    public WhatIfReport Replay() => ScopeWhatIf.Replay(_input);
}
