using HelpDesk.Core.Economics;

namespace HelpDesk.Core.Tests.Economics;

public sealed class ReportingPeriodTests
{
    private static readonly DateOnly Today = new(2026, 5, 14);

    [Fact]
    public void Default_IsTheCurrentQuarterToDate_ComparedWithAsManyDaysBefore()
    {
        var period = ReportingPeriods.Default(Today);

        period.From.Should().Be(new DateOnly(2026, 4, 1));
        period.To.Should().Be(Today);
        period.Days.Should().Be(44);
        period.PreviousFrom.Should().Be(new DateOnly(2026, 2, 16));
        period.PreviousTo.Should().Be(new DateOnly(2026, 3, 31));
    }

    [Theory]
    [InlineData(PeriodKind.Month, "2026-02-10", "2026-02-01", "2026-02-28", "2026-01-01", "2026-01-31")]
    [InlineData(PeriodKind.Quarter, "2026-02-10", "2026-01-01", "2026-03-31", "2025-10-01", "2025-12-31")]
    [InlineData(PeriodKind.Year, "2025-07-04", "2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31")]
    [InlineData(PeriodKind.Month, "2026-03-31", "2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28")]
    public void Choose_AWholePastUnit_ComparesWithTheUnitBefore(PeriodKind kind, string on, string from, string to, string previousFrom, string previousTo)
    {
        var period = ReportingPeriods.Choose(kind, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), Today).Value!;

        (period.From, period.To, period.PreviousFrom, period.PreviousTo).Should().Be((Day(from), Day(to), Day(previousFrom), Day(previousTo)));
    }

    [Fact]
    public void Between_ACustomRange_ComparesWithTheSameNumberOfDaysBefore()
    {
        var period = ReportingPeriods.Between("2026-03-10", "2026-03-19").Value!;

        period.Kind.Should().Be(PeriodKind.Custom);
        (period.PreviousFrom, period.PreviousTo).Should().Be((Day("2026-02-28"), Day("2026-03-09")));
        period.Label.Should().Be("10 Mar 2026 – 19 Mar 2026");
    }

    [Theory]
    [InlineData(null, "2026-01-31", "from", "Give the first day")]
    [InlineData("2026-01-01", "", "to", "Give the last day")]
    [InlineData("31/01/2026", "2026-02-01", "from", "is not a date")]
    [InlineData("2026-02-01", "2026-01-31", "from", "swap the dates")]
    [InlineData("2020-01-01", "2025-01-01", "to", "longer than 5 years")]
    public void Between_RefusesWhatCannotBeRead_SayingWhichDateAndWhy(string? from, string? to, string field, string message)
    {
        var result = ReportingPeriods.Between(from, to);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Between_AcceptsExactlyFiveYears()
    {
        ReportingPeriods.Between("2020-01-01", "2024-12-31").Succeeded.Should().BeTrue();
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
