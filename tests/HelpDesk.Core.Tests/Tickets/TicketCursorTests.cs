using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Tickets;

public sealed class TicketCursorTests
{
    [Theory]
    [InlineData(TicketSort.Updated)]
    [InlineData(TicketSort.Created)]
    [InlineData(TicketSort.Severity)]
    public void Encode_RoundTrips_ThroughTryDecode(TicketSort sort)
    {
        var last = new TicketSummary
        {
            Id = 981,
            Severity = Severity.High,
            CreatedUtc = new DateTime(2026, 5, 1, 8, 30, 0, 123, DateTimeKind.Utc),
            UpdatedUtc = new DateTime(2026, 11, 2, 17, 0, 0, 456, DateTimeKind.Utc),
        };
        var cursor = TicketCursor.After(last, sort);

        TicketCursor.TryDecode(cursor.Encode(), sort, out var decoded).Should().BeTrue();

        decoded.Should().Be(cursor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("MC54LjI")]
    [InlineData("%%%")]
    public void TryDecode_Refuses_TokensItDidNotWrite(string token)
    {
        TicketCursor.TryDecode(token, TicketSort.Updated, out _).Should().BeFalse();
    }

    [Fact]
    public void TryDecode_Refuses_ATokenOfAnotherSortOrder()
    {
        var token = new TicketCursor(TicketSort.Created, 5, 9).Encode();

        TicketCursor.TryDecode(token, TicketSort.Updated, out _).Should().BeFalse();
    }
}
