using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using static HelpDesk.Core.Tests.Offers.OfferSamples;

namespace HelpDesk.Core.Tests.Offers;

public sealed class OfferPricingTests
{
    [Fact]
    public void Quote_AFixedPrice()
    {
        var quote = OfferPricing.Quote(Backport.Published!, OfferSize.Large, Currency.Default);

        quote.Value.Should().Be(new PriceQuote(1_500_00, "Fixed price 1,500.00 USD."));
    }

    [Theory]
    [InlineData(OfferSize.Small, 2_000_00, "Small (up to 3 days): 2,000.00 USD.")]
    [InlineData(OfferSize.Medium, 5_000_00, "Medium (up to 10 days): 5,000.00 USD.")]
    [InlineData(OfferSize.Large, 12_000_00, "Large (up to 25 days): 12,000.00 USD.")]
    public void Quote_BySize_ThePriceOfTheSizeChosen(OfferSize size, long cents, string why)
    {
        OfferPricing.Quote(Porting.Published!, size, Currency.Default).Value.Should().Be(new PriceQuote(cents, why));
    }

    [Fact]
    public void Quote_BySize_WithoutASize_AsksForOne()
    {
        var quote = OfferPricing.Quote(Porting.Published!, null, Currency.Default);

        quote.Errors.Should().ContainSingle().Which.Should().Be(new Common.FieldError("size", "Choose the size of the work: small (up to 3 days) 2,000.00 USD; medium (up to 10 days) 5,000.00 USD; large (up to 25 days) 12,000.00 USD."));
    }

    [Theory]
    [InlineData(24_000_00, 365, 24_000_00)]
    [InlineData(24_000_00, 181, 11_901_37)]
    [InlineData(12_000_00, 1, 32_88)]
    [InlineData(73, 5, 1)]
    [InlineData(73, 2, 0)]
    [InlineData(146, 5, 2)]
    [InlineData(219, 5, 3)]
    public void ProRataCents_IsYearlyTimesDaysOver365_RoundedHalfAwayFromZero(long yearly, int days, long expected)
    {
        OfferPricing.ProRataCents(yearly, days).Should().Be(expected);
    }

    [Fact]
    public void ProRataCents_RoundsToTheNearestCent()
    {
        OfferPricing.ProRataCents(1277, 1).Should().Be(3, "1277 / 365 = 3.4986");
        OfferPricing.ProRataCents(1278, 1).Should().Be(4, "1278 / 365 = 3.5014");
        OfferPricing.ProRataCents(1, 182).Should().Be(0, "182 / 365 = 0.4986");
        OfferPricing.ProRataCents(1, 183).Should().Be(1, "183 / 365 = 0.5014");
        OfferPricing.ProRataCents(-1278, 1).Should().Be(-4, "away from zero on the negative side too");
    }

    [Fact]
    public void ProRata_ExplainsTheArithmetic()
    {
        var quote = OfferPricing.ProRata(Gold, new(2026, 12, 1), new(2027, 5, 30), Currency.Default);

        quote.Should().Be(new PriceQuote(11_901_37, "Gold list price 24,000.00 USD a year × 181 days (1 Dec 2026 to 30 May 2027) ÷ 365 = 11,901.37 USD."));
    }

    [Fact]
    public void Upgrade_IsTheDifferenceForTheDaysLeftOfTheTerm()
    {
        var quote = OfferPricing.Upgrade(Gold, Silver, Current, Today, Currency.Default);

        // 30 Nov to 31 Dec 2026: 32 days of (24,000.00 USD − 12,000.00 USD) a year = 1,052.05 USD.
        quote.Value.Should().Be(new PriceQuote(1_052_05, "(Gold 24,000.00 USD − Silver 12,000.00 USD a year) × 32 days left of C-0007 (30 Nov 2026 to 31 Dec 2026) ÷ 365 = 1,052.05 USD."));
    }

    [Fact]
    public void Upgrade_ToAPlanThatCostsNoMore_IsRefused()
    {
        var quote = OfferPricing.Upgrade(Bronze, Silver, Current, Today, Currency.Default);

        quote.Errors.Should().ContainSingle().Which.Message.Should().Be("The Bronze plan (6,000.00 USD a year) costs no more than Silver (12,000.00 USD), so moving C-0007 to it is not an upgrade to sell.");
    }

    [Fact]
    public void Upgrade_OfAnEndedContract_IsRefused()
    {
        OfferPricing.Upgrade(Gold, Silver, Ended, Today, Currency.Default).Errors.Should().ContainSingle().Which.Field.Should().Be("contractId");
    }
}
