using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Offers;

namespace HelpDesk.Core.Tests.Economics;

public sealed class ValueReportsTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static Contract Term(DateOnly starts, DateOnly ends, ContractStatus status = ContractStatus.Active) =>
        new() { Id = starts.DayNumber, StartsOn = starts, EndsOn = ends, Status = status };

    [Fact]
    public void DefaultPeriod_IsTheTermInForceUpToToday()
    {
        var period = ValueReports.DefaultPeriod([Term(new(2025, 1, 1), new(2025, 12, 31)), Term(new(2026, 1, 1), new(2026, 12, 31))], Today);

        period.Should().Be((new DateOnly(2026, 1, 1), Today));
    }

    [Fact]
    public void DefaultPeriod_IsTheLastTermThatEnded_WhenNoneIsInForce()
    {
        var period = ValueReports.DefaultPeriod([Term(new(2024, 1, 1), new(2024, 12, 31)), Term(new(2025, 1, 1), new(2025, 6, 30))], Today);

        period.Should().Be((new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30)));
    }

    [Fact]
    public void DefaultPeriod_IsTheLastTwelveMonths_WithoutAnActiveContract()
    {
        var period = ValueReports.DefaultPeriod([Term(new(2026, 1, 1), new(2026, 12, 31), ContractStatus.Cancelled), Term(new(2027, 1, 1), new(2027, 12, 31))], Today);

        period.Should().Be((new DateOnly(2025, 12, 4), Today));
    }

    [Theory]
    [InlineData(new long[] { }, null)]
    [InlineData(new long[] { 30 }, 30L)]
    [InlineData(new long[] { 90, 10, 30 }, 30L)]
    [InlineData(new long[] { 40, 10, 25, 90 }, 32L)] // (25 + 40) ÷ 2, rounded down
    public void Median_IsTheMiddleValue(long[] values, long? expected)
    {
        ValueReports.Median(values).Should().Be(expected);
    }

    [Fact]
    public void FirstResponseMinutes_TakesTicketsWithAFirstResponseInThePeriod_InSupportHours()
    {
        TicketContribution Ticket(int id, long count, long businessMinutes) =>
            new(id, $"HD-{id}", "", 1, "Org", new Measures { FirstResponseCount = count, FirstResponseBusinessMinutes = businessMinutes, FirstResponseWallMinutes = businessMinutes * 3 });

        ValueReports.FirstResponseMinutes([Ticket(1, 1, 45), Ticket(2, 0, 0), Ticket(3, 1, 120)]).Should().Equal(45, 120);
    }

    private static CatalogueEntry Service(string name, IReadOnlyList<string> categories, long? price = null, long? small = null, long? medium = null, IReadOnlyList<int>? products = null) =>
        new(new Offering { Id = name.Length, Code = name.ToLowerInvariant(), Kind = OfferingKind.Service, Status = OfferingStatus.Active },
        [
            new OfferingVersion
            {
                Id = name.Length, Name = name, Status = OfferingVersionStatus.Published, Categories = categories,
                PricingKind = price is null ? PricingKind.BySize : PricingKind.Fixed, PriceCents = price, SmallCents = small, MediumCents = medium,
                ProductIds = products ?? [],
            },
        ]);

    private static GoodwillTicket Goodwill(IReadOnlyList<string> categories, int? product = 7) => new(1, "HD-1", "Migrate the data", 123_45, categories, product);

    [Fact]
    public void Value_IsTheFixedPriceOfTheServiceThatAnswersTheCategory()
    {
        var value = ValueReports.Value(Goodwill(["migration"]), [Service("Data migration", ["migration"], price: 800_00), Service("Custom code", ["custom-code"], price: 2_000_00)], Currency.Default);

        value.ValueCents.Should().Be(800_00);
        value.Why.Should().Contain("Data migration");
    }

    [Fact]
    public void Value_IsTheSmallestSize_OfAServicePricedBySize()
    {
        var value = ValueReports.Value(Goodwill(["migration"]), [Service("Data migration", ["migration"], small: 300_00, medium: 900_00)], Currency.Default);

        value.ValueCents.Should().Be(300_00);
        value.Why.Should().Contain("small size of Data migration");
    }

    [Fact]
    public void Value_IsTheLabourGiven_WhenNoServiceAnswersTheRequestForItsProduct()
    {
        var value = ValueReports.Value(Goodwill(["migration"], product: 7), [Service("Data migration", ["migration"], price: 800_00, products: [8])], Currency.Default);

        value.ValueCents.Should().Be(123_45);
        value.Why.Should().Contain("no published service answers this request");
    }

    [Fact]
    public void Figures_CountTheKnownIssuesFixed_SayingHow_AndEachLineNamesItsReleaseAndTickets()
    {
        var report = new ValueReport(1, new(2026, 1, 1), Today, new Measures(), null, [])
        {
            KnownIssuesFixed = [new(4, "MQTT bridge loses messages", "Mooring Gateway", "3.6", 3), new(9, "Timer drifts", "Keel RTOS", "5.3", 1)],
        };

        var figure = ValueReportFigures.Of(report, Currency.Default).Single(f => f.Key == "known-issues-fixed");

        (figure.Value, figure.Raw).Should().Be(("2", 2L));
        figure.How.Should().Contain("your organisation's own tickets").And.Contain("other customers' tickets are not counted");
        ValueReportFigures.Line(report.KnownIssuesFixed[0]).Should().Be("MQTT bridge loses messages (Mooring Gateway): Fixed in 3.6, reported on 3 of your tickets");
    }

    [Fact]
    public void Figures_SayNoKnownIssueWasFixed_WhenNoneWas()
    {
        var report = new ValueReport(1, new(2026, 1, 1), Today, new Measures(), null, []);

        ValueReportFigures.Of(report, Currency.Default).Single(f => f.Key == "known-issues-fixed").Raw.Should().Be(0);
    }
}
