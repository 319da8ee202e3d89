using HelpDesk.Core.Economics;

namespace HelpDesk.Core.Tests.Economics;

public sealed class LabourCostingTests
{
    [Theory]
    [InlineData(60, 100_00, 100_00)]
    [InlineData(7, 100_00, 11_67)]
    [InlineData(1, 90, 2)] // 1.5 cents rounds away from zero
    [InlineData(1, 89, 1)]
    [InlineData(0, 100_00, 0)]
    public void EntryCents_PricesMinutesAtTheHourlyRate_RoundingHalfAwayFromZero(long minutes, long hourly, long expected)
    {
        LabourCosting.EntryCents(minutes, hourly).Should().Be(expected);
    }
}
