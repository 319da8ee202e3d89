using HelpDesk.Core.Economics;

namespace HelpDesk.Core.Tests.Economics;

public sealed class SupportMetricsTests
{
    private static Measures Sample => new()
    {
        TicketsOpened = 40,
        TicketsResolved = 20,
        FirstContactResolutions = 5,
        LabourCostCents = 6_000_00,
        GoodwillCostCents = 300_00,
        SupportRevenueCents = 10_000_00,
        ServicesRevenueCents = 2_000_00,
        FirstResponseMet = 18,
        FirstResponseMissed = 2,
        ResolveMet = 15,
        ResolveMissed = 5,
        FirstResponseCount = 20,
        FirstResponseWallMinutes = 2_400,
        FirstResponseBusinessMinutes = 1_200,
        CsatSum = 42,
        CsatCount = 10,
        Csat4 = 4,
        Csat5 = 4,
        NpsPromoters = 6,
        NpsPassives = 2,
        NpsDetractors = 2,
        OutOfScopeTickets = 4,
        OffersSent = 4,
        OffersAccepted = 1,
    };

    private static decimal? Value(string key, Measures m) => SupportMetrics.All(m).Single(x => x.Key == key).Value;

    [Theory]
    [InlineData("support-revenue", 1_000_000)]
    [InlineData("services-revenue", 200_000)]
    [InlineData("labour-cost", 600_000)]
    [InlineData("profit", 600_000)]
    [InlineData("margin", 0.5)]
    [InlineData("cost-per-case", 30_000)]
    [InlineData("cost-share", 0.6)]
    [InlineData("goodwill-cost", 30_000)]
    [InlineData("fcr", 0.25)]
    [InlineData("first-response-business", 60)]
    [InlineData("first-response-wall", 120)]
    [InlineData("sla", 0.825)]
    [InlineData("csat", 4.2)]
    [InlineData("csat-satisfied", 0.8)]
    [InlineData("nps", 40)]
    [InlineData("out-of-scope", 0.1)]
    [InlineData("offer-conversion", 0.25)]
    public void EachMetric_FollowsItsFormula(string key, double expected)
    {
        Value(key, Sample).Should().Be((decimal)expected);
    }

    [Fact]
    public void AMetricWithNothingToDivideBy_HasNoValue_AndSaysWhy()
    {
        var metrics = SupportMetrics.All(new Measures());

        metrics.Where(m => m.Value is null).Select(m => m.Key).Should().BeEquivalentTo(
            "margin", "cost-per-case", "cost-share", "fcr", "first-response-business", "first-response-wall",
            "resolve-business", "resolve-wall", "sla", "csat", "csat-satisfied", "nps", "out-of-scope", "offer-conversion");
        metrics.Where(m => m.Value is null).Should().OnlyContain(m => !string.IsNullOrEmpty(m.WhyNone));
        metrics.Single(m => m.Key == "cost-per-case").WhyNone.Should().Be("no ticket was resolved in the period");
    }

    [Fact]
    public void EachMetric_ShowsItsFormulaAndTheNumbersPutIn()
    {
        var profit = SupportMetrics.Profit(Sample);

        profit.Formula.Should().Contain("support revenue + services revenue − labour cost");
        profit.Inputs.Should().Be("10,000.00 + 2,000.00 − 6,000.00");
        SupportMetrics.CostPerCase(Sample).Inputs.Should().Be("6,000.00 ÷ 20 resolved");
    }

    [Fact]
    public void SummedCells_GiveTheSameFiguresAsOneCell()
    {
        var half = Sample;
        var total = Measures.Sum([half, Sample]);

        total.LabourCostCents.Should().Be(2 * Sample.LabourCostCents);
        SupportMetrics.Margin(total).Value.Should().Be(SupportMetrics.Margin(Sample).Value);
    }
}
