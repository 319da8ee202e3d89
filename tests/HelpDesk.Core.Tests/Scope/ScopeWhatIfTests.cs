using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using static HelpDesk.Core.Tests.Scope.EntitlementExamples;

namespace HelpDesk.Core.Tests.Scope;

/// <summary>
/// The year to 30 Nov 2026 of organisation 42 on Orders API, replayed with a draft of version 2. C-0003 ran from
/// 1 Jun 2025 (before the period) and was renewed by C-0004 on 1 Jun 2026.
/// </summary>
public sealed class ScopeWhatIfTests
{
    private static readonly DateTime PeriodStart = new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime March = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime October = new(2026, 10, 5, 10, 0, 0, DateTimeKind.Utc);

    private static readonly ReplayService Backports = new("Backport of a fix", [RequestCategories.Backport], [], 200_000, 0.5m);

    private static ScopeOfSupport Draft(Func<ScopeOfSupport, ScopeOfSupport> change) =>
        change(ScopeV1 with { Id = 20, Number = 0, Status = ScopeStatus.Draft, PublishedUtc = null });

    private static ReplayTicket Ticket(string number, DateTime at, string release = "7.3", string environment = "linux-x64", bool modified = false, long labour = 10_000) =>
        new(number, Request() with { AtUtc = at, Release = release, Environment = environment, ModifiedSource = modified }, labour);

    private static WhatIfReport Replay(ScopeOfSupport draft, params ReplayTicket[] tickets) => ScopeWhatIf.Replay(new WhatIfInput
    {
        Product = Orders,
        Draft = draft,
        PeriodStartUtc = PeriodStart,
        Releases = Releases,
        Environments = Environments,
        PublishedScopes = [ScopeV1],
        Contracts =
        [
            Contract(id: 3, starts: new(2025, 6, 1), ends: new(2026, 5, 31)),
            Contract(id: 4, starts: new(2026, 6, 1), ends: new(2027, 5, 31)),
        ],
        Tickets = tickets,
        Customers = [new(EntitlementExamples.Organisation, "Acme Freight", CustomerSegment.Strategic, 4_800_000)],
        Services = [Backports],
    });

    [Fact]
    public void OneReleaseFewer_MovesTheOldestSupportedRelease_OutOfScope_WithItsLabourAndTheBackportsItCouldHaveSold()
    {
        var report = Replay(
            Draft(d => d with { ReleasesBack = 1 }),
            Ticket("T-1", October, release: "7.1", labour: 12_500),
            Ticket("T-2", October, release: "7.3"),
            Ticket("T-3", October, release: "7.0"));

        var now = report.ApplyNow;
        report.Replayed.Should().Be(3);
        now.ToOut.Should().Equal("T-1");
        now.ToIn.Should().BeEmpty();
        now.LabourCostOutCents.Should().Be(12_500);
        now.Clauses.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Clause = ScopeClauses.SupportedReleases, Title = "Supported releases", ToOut = new[] { "T-1" } });
        now.RevenueCents.Should().Be(100_000);
        now.Services.Single().Explanation.Should().Be("1 × 2,000.00 USD today × 50% of its offers accepted = 1,000.00 USD.");
        var customer = now.Customers.Single();
        customer.Name.Should().Be("Acme Freight");
        customer.Why.Should().Be("1 of their tickets would have been out of scope (1 under “Supported releases”), taking 125.00 USD of engineers' work out of support. A strategic customer with contracts worth 48,000.00 USD.");
    }

    [Fact]
    public void OneReleaseMore_BringsTheNextOlderRelease_IntoScope()
    {
        var report = Replay(Draft(d => d with { ReleasesBack = 3 }), Ticket("T-1", October, release: "7.0", labour: 7_000), Ticket("T-2", October, release: "6.9"));

        report.ApplyNow.ToIn.Should().Equal("T-1");
        report.ApplyNow.ToOut.Should().BeEmpty();
        report.ApplyNow.LabourCostInCents.Should().Be(7_000);
        report.ApplyNow.Clauses.Single().ToIn.Should().Equal("T-1");
        report.ApplyNow.Customers.Should().BeEmpty("no customer loses support");
    }

    [Fact]
    public void StoppingAnEnvironment_MovesItsTickets_OutUnderTheEnvironmentsClause()
    {
        var report = Replay(
            Draft(d => d with { EnvironmentCodes = ["linux-x64", "macos-arm64"] }),
            Ticket("T-1", October, environment: "win-x64"),
            Ticket("T-2", October, environment: "linux-x64"));

        report.ApplyNow.ToOut.Should().Equal("T-1");
        report.ApplyNow.Clauses.Single().Clause.Should().Be(ScopeClauses.SupportedEnvironments);
        report.ApplyNow.RevenueCents.Should().Be(0, "no service on sale answers an unsupported environment");
    }

    [Fact]
    public void CoveringModifiedSource_BringsThoseTickets_IntoScope()
    {
        var report = Replay(Draft(d => d with { ModifiedSourceCovered = true }), Ticket("T-1", October, modified: true), Ticket("T-2", October));

        report.ApplyNow.ToIn.Should().Equal("T-1");
        report.ApplyNow.Clauses.Single().Clause.Should().Be(ScopeClauses.ModifiedSource);
    }

    [Fact]
    public void AtRenewal_LeavesTheTicketsOfAContractRunningBeforeThePeriod_OnTheirVersionUntilItRenews()
    {
        var report = Replay(
            Draft(d => d with { ReleasesBack = 0 }),
            Ticket("T-1", March, release: "7.1"),
            Ticket("T-2", October, release: "7.1"));

        report.ApplyNow.ToOut.Should().Equal("T-1", "T-2");
        report.AtRenewal.ToOut.Should().Equal(["T-2"], "C-0003 started before the draft's publication and keeps version 1 until C-0004 renews it");
    }

    [Fact]
    public void AServiceWithNoDecidedOffer_EarnsNothing_AndSaysWhy()
    {
        var report = ScopeWhatIf.Replay(new WhatIfInput
        {
            Product = Orders,
            Draft = Draft(d => d with { ReleasesBack = 1 }),
            PeriodStartUtc = PeriodStart,
            Releases = Releases,
            Environments = Environments,
            PublishedScopes = [ScopeV1],
            Contracts = [Contract()],
            Tickets = [Ticket("T-1", October, release: "7.1")],
            Services = [Backports with { AcceptanceRate = null }],
        });

        report.ApplyNow.RevenueCents.Should().Be(0);
        report.ApplyNow.Services.Single().Explanation.Should().Be("No offer of Backport of a fix has been decided yet, so no acceptance rate is known and no revenue is counted for its 1 ticket(s).");
        report.ApplyNow.Customers.Single().Name.Should().Be("Organisation 42");
    }
}
