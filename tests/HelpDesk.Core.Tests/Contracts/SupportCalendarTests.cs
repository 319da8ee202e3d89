using HelpDesk.Core.Contracts;

namespace HelpDesk.Core.Tests.Contracts;

public sealed class SupportCalendarTests
{
    private static readonly SupportHours London = new() { TimeZone = "Europe/London" };
    private static readonly SupportHours NewYork = new() { TimeZone = "America/New_York" };
    private static readonly DateOnly[] NoHolidays = [];

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void AddSupportMinutes_CountsEveryMinute_AroundTheClock()
    {
        var start = Utc(2026, 11, 28, 23, 30); // a Saturday night

        SupportCalendar.AddSupportMinutes(start, 90, SupportHours.TwentyFourSeven, [new DateOnly(2026, 11, 29)]).Should().Be(Utc(2026, 11, 29, 1, 0));
    }

    [Fact]
    public void AddSupportMinutes_ReturnsTheStart_ForZeroMinutes()
    {
        var saturday = Utc(2026, 11, 28, 10, 0);

        SupportCalendar.AddSupportMinutes(saturday, 0, London, NoHolidays).Should().Be(saturday);
    }

    [Fact]
    public void AddSupportMinutes_CarriesOverTheWeekend()
    {
        // Friday 27 Nov 2026 16:00 in London (GMT); one hour left that day, one more on Monday.
        SupportCalendar.AddSupportMinutes(Utc(2026, 11, 27, 16, 0), 120, London, NoHolidays).Should().Be(Utc(2026, 11, 30, 10, 0));
    }

    [Theory]
    [InlineData(2026, 12, 1, 7, 0, 2026, 12, 1, 10, 0)] // before opening: waits for 09:00
    [InlineData(2026, 12, 1, 18, 0, 2026, 12, 2, 10, 0)] // after closing: the next morning
    [InlineData(2026, 11, 28, 12, 0, 2026, 11, 30, 10, 0)] // on a Saturday: Monday morning
    [InlineData(2026, 12, 1, 9, 0, 2026, 12, 1, 10, 0)] // at opening
    [InlineData(2026, 12, 1, 16, 0, 2026, 12, 1, 17, 0)] // ending exactly at closing
    public void AddSupportMinutes_WaitsForOpening_WhenStartedOutsideHours(int y, int mo, int d, int h, int mi, int ey, int emo, int ed, int eh, int emi)
    {
        SupportCalendar.AddSupportMinutes(Utc(y, mo, d, h, mi), 60, London, NoHolidays).Should().Be(Utc(ey, emo, ed, eh, emi));
    }

    [Fact]
    public void AddSupportMinutes_SkipsHolidays()
    {
        DateOnly[] christmas = [new(2026, 12, 25), new(2026, 12, 28)];

        // Thursday 24 Dec 16:00: one hour that day; Friday 25 and Monday 28 are holidays; Tuesday 29 at 10:00.
        SupportCalendar.AddSupportMinutes(Utc(2026, 12, 24, 16, 0), 120, London, christmas).Should().Be(Utc(2026, 12, 29, 10, 0));
    }

    [Fact]
    public void AddSupportMinutes_SkipsWholeDays_ForLongTargets()
    {
        // Five business days of eight hours from Monday 09:00 ends the Friday at 17:00.
        SupportCalendar.AddSupportMinutes(Utc(2026, 11, 30, 9, 0), 5 * 480, London, NoHolidays).Should().Be(Utc(2026, 12, 4, 17, 0));
    }

    [Fact]
    public void AddSupportMinutes_FollowsLondonIntoSummerTime()
    {
        // Clocks go forward on Sunday 29 Mar 2026. Friday 16:00 GMT = 16:00 UTC; Monday 10:00 BST = 09:00 UTC.
        SupportCalendar.AddSupportMinutes(Utc(2026, 3, 27, 16, 0), 120, London, NoHolidays).Should().Be(Utc(2026, 3, 30, 9, 0));
    }

    [Fact]
    public void AddSupportMinutes_FollowsNewYorkBackToStandardTime()
    {
        // Clocks go back on Sunday 1 Nov 2026. Friday 16:00 EDT = 20:00 UTC; Monday 10:00 EST = 15:00 UTC.
        SupportCalendar.AddSupportMinutes(Utc(2026, 10, 30, 20, 0), 120, NewYork, NoHolidays).Should().Be(Utc(2026, 11, 2, 15, 0));
    }

    [Fact]
    public void AddSupportMinutes_CountsTheShortDay_WhenHoursSpanTheWholeDay()
    {
        var allDay = new SupportHours { TimeZone = "Europe/London", OpensMinute = 0, ClosesMinute = 24 * 60, Days = Enum.GetValues<DayOfWeek>() };

        // Saturday 28 Mar has 24 hours, Sunday 29 Mar 23: 48 support hours are 48 real hours.
        SupportCalendar.AddSupportMinutes(Utc(2026, 3, 28, 0, 0), 48 * 60, allDay, NoHolidays).Should().Be(Utc(2026, 3, 30, 0, 0));
    }

    [Fact]
    public void AddSupportMinutes_CountsEveryMinute_WhenTheHoursHaveNoOpenTime()
    {
        var never = new SupportHours { TimeZone = "Europe/London", Days = [] };

        SupportCalendar.AddSupportMinutes(Utc(2026, 11, 28, 12, 0), 30, never, NoHolidays).Should().Be(Utc(2026, 11, 28, 12, 30));
    }

    [Fact]
    public void AddSupportMinutes_UsesUtc_ForAnUnknownTimeZone()
    {
        var hours = new SupportHours { TimeZone = "Mars/Olympus_Mons" };

        SupportCalendar.AddSupportMinutes(Utc(2026, 7, 1, 16, 30), 60, hours, NoHolidays).Should().Be(Utc(2026, 7, 2, 9, 30));
    }

    [Fact]
    public void SupportMinutesBetween_CountsOnlySupportHours()
    {
        SupportCalendar.SupportMinutesBetween(Utc(2026, 11, 27, 16, 0), Utc(2026, 11, 30, 10, 0), London, NoHolidays).Should().Be(120);
        SupportCalendar.SupportMinutesBetween(Utc(2026, 11, 28, 0, 0), Utc(2026, 11, 29, 23, 0), London, NoHolidays).Should().Be(0);
        SupportCalendar.SupportMinutesBetween(Utc(2026, 11, 30, 10, 0), Utc(2026, 11, 27, 16, 0), London, NoHolidays).Should().Be(0);
        SupportCalendar.SupportMinutesBetween(Utc(2026, 11, 28, 0, 0), Utc(2026, 11, 28, 2, 30), SupportHours.TwentyFourSeven, NoHolidays).Should().Be(150);
    }

    public static TheoryData<string> Calendars => new() { "24x7", "London", "New York" };

    [Theory]
    [MemberData(nameof(Calendars))]
    public void SupportMinutesBetween_UndoesAddSupportMinutes(string calendar)
    {
        var hours = calendar switch
        {
            "London" => London,
            "New York" => NewYork with { OpensMinute = 8 * 60 + 30, ClosesMinute = 18 * 60 },
            _ => SupportHours.TwentyFourSeven,
        };
        DateOnly[] holidays = [new(2026, 1, 1), new(2026, 4, 3), new(2026, 5, 25), new(2026, 11, 26), new(2026, 12, 25)];
        var random = new Random(5);
        for (var i = 0; i < 300; i++)
        {
            var start = Utc(2026, 1, 1, 0, 0).AddMinutes(random.Next(0, 365 * 24 * 60)).AddSeconds(random.Next(0, 60));
            var minutes = random.Next(0, 6000);

            var due = SupportCalendar.AddSupportMinutes(start, minutes, hours, holidays);

            SupportCalendar.SupportMinutesBetween(start, due, hours, holidays).Should().Be(minutes, $"from {start:O} plus {minutes}");
            due.Should().BeOnOrAfter(start.AddMinutes(minutes));
        }
    }
}
