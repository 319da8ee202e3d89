using HelpDesk.Core.Offers;

namespace HelpDesk.Core.Tests.Offers;

public sealed class OfferConversionTests
{
    private static OfferTally Tally(int accepted = 0, int declined = 0, int expired = 0, int withdrawn = 0, int open = 0) =>
        new(accepted, declined, expired, withdrawn, open);

    public static TheoryData<OfferTally, decimal?, string, string> Table() => new()
    {
        { Tally(accepted: 3, declined: 1, expired: 1), 0.6m, "60%", "3 accepted ÷ 5 decided (3 accepted + 1 declined + 1 expired) = 60%." },
        { Tally(accepted: 2, declined: 1), 2m / 3, "66.7%", "2 accepted ÷ 3 decided (2 accepted + 1 declined + 0 expired) = 66.7%." },
        { Tally(accepted: 1, declined: 1, withdrawn: 2, open: 3), 0.5m, "50%", "= 50%. Not counted: 2 withdrawn, 3 still open." },
        { Tally(declined: 2, expired: 2), 0m, "0%", "0 accepted ÷ 4 decided" },
        { Tally(accepted: 4), 1m, "100%", "4 accepted ÷ 4 decided" },
        { Tally(withdrawn: 1, open: 2), null, "—", "No offer has been decided yet, so there is no rate (1 withdrawn, 2 still open)." },
        { Tally(), null, "—", "No offers were sent." },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Of_DividesAcceptedByDecided_LeavingOutWithdrawnAndOpen(OfferTally tally, decimal? rate, string percent, string explanation)
    {
        var conversion = OfferConversion.Of(tally);

        conversion.Rate.Should().Be(rate);
        conversion.Percent.Should().Be(percent);
        conversion.Explanation.Should().Contain(explanation);
    }

    [Fact]
    public void Tally_CountsEachStatus_SentIsEveryOffer_DecidedIsAcceptedDeclinedExpired()
    {
        var tally = OfferTally.Of([OfferStatus.Accepted, OfferStatus.Accepted, OfferStatus.Declined, OfferStatus.Expired, OfferStatus.Withdrawn, OfferStatus.Sent, OfferStatus.Sent]);

        tally.Should().Be(Tally(accepted: 2, declined: 1, expired: 1, withdrawn: 1, open: 2));
        tally.Sent.Should().Be(7);
        tally.Decided.Should().Be(4);
    }

    [Theory]
    [InlineData("0.66665", "66.7%")]
    [InlineData("0.00049", "0%")]
    [InlineData("0.0005", "0.1%")]
    [InlineData("0.125", "12.5%")]
    public void Percent_RoundsToOneDecimal_HalfAwayFromZero(string rate, string expected)
    {
        OfferConversion.Percent(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);
    }
}
