using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Scope.EntitlementExamples;

namespace HelpDesk.Core.Tests.Scope;

/// <summary>A request without a product the catalogue knows is judged only on what can be judged, and uses no incident.</summary>
public sealed class ProvisionalEntitlementTests
{
    [Fact]
    public void Decide_JudgesARequestWithoutAKnownProduct_Provisionally()
    {
        var decision = EntitlementEngine.Decide(Request() with { Product = null }, Facts(Contract(plan: Standard, used: 10)) with { Product = null });

        decision.NeedsClassification.Should().BeTrue();
        decision.UsesIncident().Should().BeFalse("no incident is used until the product is known");
        decision.Sla.Should().Be(Standard.TargetFor(Severity.Normal));
        decision.Reasons[0].Text.Should().EndWith("It is in term, includes requests by the web portal, and no incident is used until the product is known.");
        decision.Reasons.Should().Contain(r => r.Text.StartsWith("No product was named, so the request needs classification", StringComparison.Ordinal));
        decision.Reasons.Should().Contain(r => r.Text.Contains("the resolution target applies once the request is classified, counted from when it was filed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Verdict.Entitled, true)]
    [InlineData(Verdict.OutOfScope, false)]
    [InlineData(Verdict.AllowanceUsed, false)]
    public void UsesIncident_OnlyForAnEntitledDecisionOnAKnownProduct(Verdict verdict, bool uses)
    {
        new EntitlementDecision { Verdict = verdict, ContractId = 7, ProductCode = "orders" }.UsesIncident().Should().Be(uses);
        new EntitlementDecision { Verdict = verdict, ContractId = 7, NeedsClassification = true }.UsesIncident().Should().BeFalse();
        new EntitlementDecision { Verdict = verdict }.UsesIncident().Should().BeFalse("no contract, no incident");
    }
}
