using HelpDesk.Data.Economics;

namespace HelpDesk.Data.Tests.Economics;

public sealed class FactPeriodTests
{
    public static TheoryData<string, string, string> Ranges => new()
    {
        { "2026-07-01", "2026-09-30", "months 2026-07-01..2026-09-30" },
        { "2026-02-01", "2026-02-28", "months 2026-02-01..2026-02-28" },
        { "2024-02-01", "2024-02-29", "months 2024-02-01..2024-02-29" },
        { "2026-01-10", "2026-03-05", "days 2026-01-10..2026-01-31, months 2026-02-01..2026-02-28, days 2026-03-01..2026-03-05" },
        { "2026-07-01", "2026-08-15", "months 2026-07-01..2026-07-31, days 2026-08-01..2026-08-15" },
        { "2026-02-12", "2026-03-31", "days 2026-02-12..2026-02-28, months 2026-03-01..2026-03-31" },
        { "2026-02-03", "2026-02-20", "days 2026-02-03..2026-02-20" },
        { "2026-01-15", "2026-02-14", "days 2026-01-15..2026-02-14" },
        { "2026-12-31", "2026-12-31", "days 2026-12-31..2026-12-31" },
        { "2025-12-02", "2027-01-30", "days 2025-12-02..2025-12-31, months 2026-01-01..2026-12-31, days 2027-01-01..2027-01-30" },
        { "2026-03-01", "2026-02-28", "days 2026-03-01..2026-02-28" },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Split_ReadsWholeMonthsMonthly_AndOnlyTheEdgesDaily(string from, string to, string expected)
    {
        var parts = FactPeriod.Split(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));

        string.Join(", ", parts.Select(p => $"{(p.Monthly ? "months" : "days")} {p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}")).Should().Be(expected);
    }

    [Fact]
    public void Split_CoversEveryDayOfTheRange_ExactlyOnce()
    {
        var start = new DateOnly(2025, 11, 20);
        for (var from = start; from < start.AddDays(80); from = from.AddDays(3))
        {
            for (var to = from; to < from.AddDays(120); to = to.AddDays(7))
            {
                var covered = FactPeriod.Split(from, to).SelectMany(p => Days(p.From, p.To)).ToList();

                covered.Should().Equal(Days(from, to), $"{from}..{to}");
            }
        }
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
