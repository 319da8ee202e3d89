using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;

namespace HelpDesk.Core.Tests.Contracts;

public sealed class HolidayCalendarTests
{
    private readonly InMemoryContractStore _store = new();

    private Task<Result<HolidayCalendar>> SaveAsync(string? name, string? days, int id = 0, int version = 0) =>
        new SaveHolidayCalendar(_store, TimeProvider.System).HandleAsync(new SaveHolidayCalendarRequest(id, version, name, days, ActorId: 7));

    [Fact]
    public void Parse_ReadsOneDayPerLine_InDateOrder_SkippingBlankLines()
    {
        var errors = new List<FieldError>();

        var days = HolidayList.Parse("2026-12-26 Boxing Day\r\n\n  2026-12-25   Christmas Day  \n", "days", errors);

        errors.Should().BeEmpty();
        days.Should().Equal(new Holiday(new DateOnly(2026, 12, 25), "Christmas Day"), new Holiday(new DateOnly(2026, 12, 26), "Boxing Day"));
    }

    [Theory]
    [InlineData("2026-12-25 Christmas Day\n25/12/2026 Christmas", "Line 2: '25/12/2026' is not a date; start the line with the date as yyyy-MM-dd, such as 2026-12-25 Christmas Day.")]
    [InlineData("2026-02-30 Not a day", "Line 1: '2026-02-30' is not a date; start the line with the date as yyyy-MM-dd, such as 2026-12-25 Christmas Day.")]
    [InlineData("\n\n2026-12-25", "Line 3: write the holiday's name after the date, such as 2026-12-25 Christmas Day.")]
    [InlineData("2026-12-25 Christmas Day\n2026-12-26 Boxing Day\n2026-12-25 Christmas again", "Line 3: 2026-12-25 is already on line 1; list each day once.")]
    public void Parse_NamesTheLine_ThatCannotBeRead(string text, string message)
    {
        var errors = new List<FieldError>();

        HolidayList.Parse(text, "days", errors);

        errors.Should().ContainSingle().Which.Should().Be(new FieldError("days", message));
    }

    [Fact]
    public void Format_WritesLinesThatParseBackTheSame()
    {
        var days = new[] { new Holiday(new DateOnly(2027, 1, 1), "New Year's Day"), new Holiday(new DateOnly(2026, 12, 25), "Christmas Day") };

        var text = HolidayList.Format(days);

        text.Should().Be("2026-12-25 Christmas Day\n2027-01-01 New Year's Day\n");
        HolidayList.Parse(text, "days", []).Should().Equal(days.OrderBy(d => d.Day));
    }

    [Fact]
    public async Task Handle_SavesTheCalendarWithItsDays()
    {
        var result = await SaveAsync(" UK bank holidays ", "2026-12-25 Christmas Day");

        result.Succeeded.Should().BeTrue();
        _store.Calendars.Single().Name.Should().Be("UK bank holidays");
        _store.Calendars.Single().Days.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_RequiresAName()
    {
        var result = await SaveAsync("", "");

        result.Errors.Should().ContainSingle(e => e.Field == "name").Which.Message.Should().Be("Enter the calendar's name, such as UK bank holidays.");
    }

    [Fact]
    public async Task Handle_RefusesBadLines_AndSavesNothing()
    {
        var result = await SaveAsync("UK", "2026-12-25 Christmas Day\nnext tuesday");

        result.Errors.Should().ContainSingle(e => e.Field == "days").Which.Message.Should().StartWith("Line 2:");
        _store.Calendars.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_RefusesANameAnotherCalendarHas()
    {
        await SaveAsync("UK", "");

        var result = await SaveAsync("uk", "");

        result.Errors.Should().ContainSingle(e => e.Field == "name").Which.Message.Should().Be("Another holiday calendar already has this name.");
    }

    [Fact]
    public async Task Handle_ReportsAConflict_WhenTheVersionIsStale()
    {
        var saved = (await SaveAsync("UK", "")).Value!;
        await SaveAsync("UK", "2026-12-25 Christmas Day", saved.Id, saved.Version);

        var result = await SaveAsync("UK", "2026-12-26 Boxing Day", saved.Id, saved.Version);

        result.Failure.Should().Be(Failure.Conflict);
        _store.Calendars.Single().Days.Single().Name.Should().Be("Christmas Day");
    }
}
