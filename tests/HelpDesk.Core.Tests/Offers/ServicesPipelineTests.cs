using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;

namespace HelpDesk.Core.Tests.Offers;

public sealed class ServicesPipelineTests
{
    private static int _id;

    private static PipelineOffer Offer(
        OfferStatus status,
        string offering = "backport-fix",
        string? product = "Keel RTOS",
        CustomerSegment segment = CustomerSegment.Key,
        string engineer = "Erin Engineer",
        string sent = "2026-03-10",
        string? booked = null,
        long? revenue = null,
        string? declineReason = null) => new()
        {
            OfferId = ++_id,
            Status = status,
            Kind = OfferingKind.Service,
            OfferingCode = offering,
            OfferingName = offering == "backport-fix" ? "Backport a fix" : "Customization",
            ProductName = product,
            Segment = segment,
            EngineerName = engineer,
            PriceCents = revenue ?? 100_00,
            SentUtc = DateTime.SpecifyKind(DateTime.Parse(sent + "T09:00:00", System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
            DeclineReason = declineReason,
            RevenueDay = booked,
            RevenueCents = booked is null ? null : revenue,
        };

    private static readonly PipelineOffer[] Offers =
    [
        Offer(OfferStatus.Accepted, booked: "2026-03-12", revenue: 2_400_00),
        Offer(OfferStatus.Accepted, offering: "customization", product: null, segment: CustomerSegment.Strategic, engineer: "Kenji Sato", sent: "2026-04-02", booked: "2026-04-03", revenue: 9_000_00),
        Offer(OfferStatus.Declined, declineReason: "Too expensive."),
        Offer(OfferStatus.Declined, offering: "customization", declineReason: "too expensive. "),
        Offer(OfferStatus.Declined, engineer: "Kenji Sato"),
        Offer(OfferStatus.Expired, sent: "2026-01-05"),
        Offer(OfferStatus.Withdrawn),
        Offer(OfferStatus.Sent, sent: "2026-04-20"),
    ];

    [Fact]
    public void Build_CountsEveryStatus_AndConvertsAcceptedOverDecided()
    {
        var report = ServicesPipeline.Build(Offers, since: null);

        report.Total.Tally.Should().Be(new OfferTally(2, 3, 1, 1, 1));
        report.Total.Percent.Should().Be("33.3%");
        report.Total.Explanation.Should().Be("2 accepted ÷ 6 decided (2 accepted + 3 declined + 1 expired) = 33.3%. Not counted: 1 withdrawn, 1 still open.");
        report.RevenueCents.Should().Be(11_400_00);
    }

    [Fact]
    public void Build_GroupsByOfferingProductSegmentAndEngineer_MostOffersFirst_WithTheirRevenue()
    {
        var report = ServicesPipeline.Build(Offers, since: null);

        report.By(PipelineDimension.Offering).Select(g => (g.Name, g.Conversion.Tally.Sent, g.Conversion.Percent, g.RevenueCents)).Should().Equal(
            ("Backport a fix (backport-fix)", 6, "25%", 2_400_00),
            ("Customization (customization)", 2, "50%", 9_000_00));
        report.By(PipelineDimension.Product).Select(g => g.Name).Should().Equal("Keel RTOS", ServicesPipeline.NoProduct);
        report.By(PipelineDimension.Segment).Select(g => (g.Name, g.Conversion.Tally.Sent)).Should().Equal(("Key", 7), ("Strategic", 1));
        report.By(PipelineDimension.Engineer).Single(g => g.Name == "Kenji Sato").Conversion.Explanation
            .Should().StartWith("1 accepted ÷ 2 decided");
    }

    [Fact]
    public void Build_BooksRevenueInTheMonthOfAcceptance_OldestFirst()
    {
        var report = ServicesPipeline.Build(Offers, since: null);

        report.RevenueByMonth.Should().Equal(new RevenueMonth("2026-03", 1, 2_400_00), new RevenueMonth("2026-04", 1, 9_000_00));
        ServicesPipeline.MonthName("2026-04").Should().Be("Apr 2026");
    }

    [Fact]
    public void Build_CountsDeclineReasonsTogetherWhateverTheirCase_AndTheDeclinesWithoutOne()
    {
        var report = ServicesPipeline.Build(Offers, since: null);

        report.DeclineReasons.Should().Equal(new DeclineReasonCount("Too expensive.", 2), new DeclineReasonCount(ServicesPipeline.NoReason, 1));
    }

    [Fact]
    public void Build_Since_CountsOffersSentInTheWindow_AndRevenueBookedInIt()
    {
        // The customization offer was sent before the window but accepted in it: its revenue counts, its conversion not.
        var offers = new[]
        {
            Offer(OfferStatus.Accepted, sent: "2026-03-28", booked: "2026-04-02", revenue: 500_00),
            Offer(OfferStatus.Declined, sent: "2026-04-05"),
            Offer(OfferStatus.Expired, sent: "2026-02-01"),
        };

        var report = ServicesPipeline.Build(offers, since: new DateOnly(2026, 4, 1));

        report.Total.Tally.Should().Be(new OfferTally(0, 1, 0, 0, 0));
        report.RevenueByMonth.Should().Equal(new RevenueMonth("2026-04", 1, 500_00));
    }

    [Fact]
    public void Build_WithNoOffers_SaysSo()
    {
        var report = ServicesPipeline.Build([], since: null);

        report.Total.Rate.Should().BeNull();
        report.Total.Explanation.Should().Be("No offers were sent.");
        report.Groups.Should().BeEmpty();
        report.RevenueByMonth.Should().BeEmpty();
    }
}
