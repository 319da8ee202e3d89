using HelpDesk.Core.Economics;

namespace HelpDesk.Core.Tests.Economics;

public sealed class RevenueRecognitionTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Theory]
    [InlineData(36_500_00, 365)]
    [InlineData(100_000_00, 365)]
    [InlineData(1, 31)]
    [InlineData(0, 10)]
    [InlineData(999_999, 7)]
    public void Daily_AddsUpToTheValue_ToTheCent(long value, int days)
    {
        var spread = RevenueRecognition.Daily(value, Start, Start.AddDays(days - 1)).ToList();

        spread.Should().HaveCount(days);
        spread.Sum(d => d.Cents).Should().Be(value);
        spread.Max(d => d.Cents).Should().BeLessThanOrEqualTo(spread.Min(d => d.Cents) + 1, "the value is spread evenly");
    }

    [Fact]
    public void Daily_GivesTheOddCentsToTheLastDays()
    {
        var spread = RevenueRecognition.Daily(10, Start, Start.AddDays(3)).Select(d => d.Cents);

        spread.Should().Equal(2, 2, 3, 3);
    }

    [Fact]
    public void Daily_StopsOnTheCancellationDay_AndNeverRecognisesTheRest()
    {
        var spread = RevenueRecognition.Daily(3_650_00, Start, Start.AddDays(364), stopsAfter: Start.AddDays(9)).ToList();

        spread.Should().HaveCount(10);
        spread.Sum(d => d.Cents).Should().Be(100_00);
    }

    [Fact]
    public void Between_TakesOnlyTheDaysAsked()
    {
        RevenueRecognition.Between(3_650_00, Start, Start.AddDays(364), Start.AddDays(31), Start.AddDays(58)).Should().Be(280_00);
    }

    [Fact]
    public void AcrossProducts_SharesEvenly_OddCentsToTheFirst_AndKeepsItUnderNoProductWhenThereIsNone()
    {
        RevenueRecognition.AcrossProducts(10, [4, 7, 9]).Should().Equal((4, 4L), (7, 3L), (9, 3L));
        RevenueRecognition.AcrossProducts(10, []).Should().Equal((0, 10L));
    }
}
