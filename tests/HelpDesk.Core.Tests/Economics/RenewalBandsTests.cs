using HelpDesk.Core.Economics;

namespace HelpDesk.Core.Tests.Economics;

public sealed class RenewalBandsTests
{
    [Theory]
    [InlineData(7, 2, RenewalBands.Middle)] // exactly 3.5
    [InlineData(69, 20, RenewalBands.Low)] // 3.45
    [InlineData(9, 2, RenewalBands.High)] // exactly 4.5
    [InlineData(89, 20, RenewalBands.Middle)] // 4.45
    [InlineData(0, 0, RenewalBands.Unrated)]
    public void BandOf_PutsTheBoundsInTheHigherBand(long sum, long count, string band)
    {
        RenewalBands.BandOf(new EndedContract(1, 1, true, sum, count)).Should().Be(band);
    }

    [Fact]
    public void For_GivesEachBandItsRenewalRate_AndSaysWhenNoneEnded()
    {
        var bands = RenewalBands.For(
        [
            new EndedContract(1, 1, Renewed: false, CsatSum: 4, CsatCount: 2),
            new EndedContract(2, 2, Renewed: true, CsatSum: 6, CsatCount: 2),
            new EndedContract(3, 3, Renewed: true, CsatSum: 10, CsatCount: 2),
            new EndedContract(4, 4, Renewed: true, CsatSum: 5, CsatCount: 1),
        ]);

        bands.Select(b => (b.Band, b.Ended, b.Renewed, b.Rate)).Should().Equal(
            (RenewalBands.Low, 2, 1, 0.5m),
            (RenewalBands.Middle, 0, 0, (decimal?)null),
            (RenewalBands.High, 2, 2, 1m),
            (RenewalBands.Unrated, 0, 0, (decimal?)null));
        bands[0].Explanation.Should().Be("1 of 2 contracts that ended were renewed");
        bands[1].Explanation.Should().Contain("no contract");
    }
}
