using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Scope.EntitlementExamples;

namespace HelpDesk.Core.Tests.Scope;

public sealed class CheckEntitlementTests
{
    private sealed class FixedFacts(EntitlementFacts facts) : IEntitlementFactsSource
    {
        public List<(int Organisation, string? Product)> Loaded { get; } = [];

        public Task<EntitlementFacts> LoadAsync(int organisationId, string? product, CancellationToken cancellationToken = default)
        {
            Loaded.Add((organisationId, product));
            return Task.FromResult(facts);
        }
    }

    [Fact]
    public async Task CheckAsync_CountsBothDueTimes_AroundTheClock_WhenEntitled()
    {
        var check = await new CheckEntitlement(new FixedFacts(Facts(Contract()))).CheckAsync(Request() with { Severity = Severity.Critical });

        check.Decision.Verdict.Should().Be(Verdict.Entitled);
        check.FirstResponseDueUtc.Should().Be(Now.AddMinutes(30));
        check.ResolveDueUtc.Should().Be(Now.AddMinutes(240));
        check.ProductName.Should().Be("Orders API");
    }

    [Fact]
    public async Task CheckAsync_CountsInThePlansHours_SkippingTheContractsHolidays()
    {
        var standard = Contract(plan: Standard) with { Holidays = [new(new DateOnly(2026, 12, 1), "St Andrew's Day")] };

        // Monday 30 Nov 12:00 London: 5 hours that day, Tuesday is a holiday, 3 more hours on Wednesday; the 40
        // resolution hours end on Tuesday 8 Dec at 12:00.
        var check = await new CheckEntitlement(new FixedFacts(Facts(standard))).CheckAsync(Request());

        check.FirstResponseDueUtc.Should().Be(new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc));
        check.ResolveDueUtc.Should().Be(new DateTime(2026, 12, 8, 12, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task CheckAsync_CountsTheAtRiskTimes_AtTheSettingsShareOfEachTarget_RoundedUpToTheMinute()
    {
        var check = await new CheckEntitlement(new FixedFacts(Facts(Contract()))).CheckAsync(Request() with { Severity = Severity.Critical });
        var halfway = await new CheckEntitlement(new FixedFacts(Facts(Contract())), new SlaSettings { AtRiskPercent = 50 }).CheckAsync(Request() with { Severity = Severity.Critical });

        check.FirstResponseAtRiskUtc.Should().Be(Now.AddMinutes(23), "75% of 30 minutes is 22.5");
        check.ResolveAtRiskUtc.Should().Be(Now.AddMinutes(180));
        halfway.FirstResponseAtRiskUtc.Should().Be(Now.AddMinutes(15));
        halfway.ResolveAtRiskUtc.Should().Be(Now.AddMinutes(120));
    }

    [Fact]
    public async Task CheckAsync_CountsTheAtRiskTimesInThePlansHours()
    {
        // Monday 30 Nov 12:00 London, 8 support hours to the first response: at risk after 6, on Tuesday 1 Dec at 10:00.
        var check = await new CheckEntitlement(new FixedFacts(Facts(Contract(plan: Standard)))).CheckAsync(Request());

        check.FirstResponseAtRiskUtc.Should().Be(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task CheckAsync_SetsOnlyTheFirstResponse_WhenOutOfScope()
    {
        var check = await new CheckEntitlement(new FixedFacts(Facts(Contract()))).CheckAsync(Request() with { Release = "7.0" });

        check.Decision.Verdict.Should().Be(Verdict.OutOfScope);
        check.FirstResponseDueUtc.Should().Be(Now.AddMinutes(240));
        check.ResolveDueUtc.Should().BeNull();
    }

    [Fact]
    public async Task CheckAsync_SetsOnlyTheFirstResponse_WhileTheProductIsUnknown()
    {
        var check = await new CheckEntitlement(new FixedFacts(Facts(Contract()) with { Product = null })).CheckAsync(Request() with { Product = null });

        check.Decision.Verdict.Should().Be(Verdict.Entitled);
        check.Decision.NeedsClassification.Should().BeTrue();
        check.FirstResponseDueUtc.Should().Be(Now.AddMinutes(240));
        check.FirstResponseAtRiskUtc.Should().Be(Now.AddMinutes(180));
        check.ResolveDueUtc.Should().BeNull("the resolution target follows classification");
        check.ResolveAtRiskUtc.Should().BeNull();
    }

    [Fact]
    public async Task CheckAsync_SetsNoDueTime_WithoutAContract()
    {
        var check = await new CheckEntitlement(new FixedFacts(Facts())).CheckAsync(Request());

        check.Decision.Verdict.Should().Be(Verdict.NoContract);
        check.FirstResponseDueUtc.Should().BeNull();
        check.ResolveDueUtc.Should().BeNull();
    }

    [Fact]
    public async Task JudgeEntitlement_StoresTheDecisionDueTimesAndTheCataloguesProductName_OnTheDraft()
    {
        var source = new FixedFacts(Facts(Contract()));
        var step = new JudgeEntitlement(new CheckEntitlement(source));
        var draft = new Ticket
        {
            Subject = "Orders fail after editing the importer",
            OrganisationId = Organisation,
            Channel = TicketChannel.Web,
            Product = "ORDERS",
            ProductRelease = "7.3",
            Environment = "linux-x64",
            Category = RequestCategories.Problem,
            ModifiedSource = true,
            Severity = Severity.High,
        };

        var judged = await step.ApplyAsync(draft, new FileTicketRequest { RequesterId = 1, OrganisationId = Organisation, Channel = TicketChannel.Web }, Now, CancellationToken.None);

        source.Loaded.Should().Equal((Organisation, "ORDERS"));
        judged.Product.Should().Be("Orders API");
        judged.Entitlement!.Verdict.Should().Be(Verdict.OutOfScope);
        judged.Entitlement.OutOfScopeCategories.Should().Equal(RequestCategories.Customization);
        judged.Verdict.Should().Be(Verdict.OutOfScope);
        judged.FirstResponseDueUtc.Should().Be(Now.AddMinutes(60));
        judged.ResolveDueUtc.Should().BeNull();
        judged.FirstResponseAtRiskUtc.Should().Be(Now.AddMinutes(45));
        judged.ResolveAtRiskUtc.Should().BeNull();
        judged.SlaCheckUtc.Should().Be(Now.AddMinutes(45), "the monitor first looks when the first response is at risk");
    }

    [Fact]
    public async Task JudgeEntitlement_KeepsTheCustomersProductName_WhenTheCatalogueDoesNotKnowIt()
    {
        var step = new JudgeEntitlement(new CheckEntitlement(new FixedFacts(Facts(Contract()) with { Product = null })));
        var draft = new Ticket { Subject = "Widgets", OrganisationId = Organisation, Product = "Widgets", Severity = Severity.Normal };

        var judged = await step.ApplyAsync(draft, new FileTicketRequest { RequesterId = 1, OrganisationId = Organisation, Channel = TicketChannel.Web }, Now, CancellationToken.None);

        judged.Product.Should().Be("Widgets");
        judged.Entitlement!.NeedsReview.Should().BeTrue();
        judged.NeedsClassification.Should().BeTrue("an engineer must name the product");
        judged.ResolveDueUtc.Should().BeNull();
    }

    [Fact]
    public async Task CheckAsync_GivesTheWorkedExampleOfTheDocs()
    {
        var facts = Facts(Contract(id: 3, plan: Standard, starts: new(2025, 1, 1), ends: new(2025, 12, 31)), Contract(id: 8, plan: Standard, used: 4));
        var request = Request() with { Channel = TicketChannel.Email, Release = "7.1" };

        var check = await new CheckEntitlement(new FixedFacts(facts)).CheckAsync(request);

        check.Decision.Verdict.Should().Be(Verdict.Entitled);
        check.Decision.Reasons.Select(r => r.Text).Should().StartWith(
            "Judged under contract C-0008, Standard plan, 1 Jan 2026 to 31 Dec 2026. It is in term and covers Orders API, includes requests by email, and 4 of its 10 incidents are used.");
        check.Decision.Reasons.Should().Contain(new EntitlementReason("Contract C-0003 ended on 31 Dec 2025.", Contract: "C-0003"));
        check.FirstResponseDueUtc.Should().Be(new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc));

        var onEndedRelease = await new CheckEntitlement(new FixedFacts(facts)).CheckAsync(request with { Release = "7.2" });

        onEndedRelease.Decision.Verdict.Should().Be(Verdict.OutOfScope);
        onEndedRelease.Decision.Reasons.Should().Contain(new EntitlementReason(
            "Release 7.2 is not supported: 7.2 ended support on 31 Oct 2026. The supported releases are 7.1 and 7.3.", ScopeClauses.SupportedReleases));
        onEndedRelease.ResolveDueUtc.Should().BeNull();
    }
}
