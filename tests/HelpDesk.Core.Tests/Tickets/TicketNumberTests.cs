using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Tickets;

public sealed class TicketNumberTests
{
    [Theory]
    [InlineData("HD-42", 42)]
    [InlineData("hd-42", 42)]
    [InlineData("42", 42)]
    [InlineData(" HD-7 ", 7)]
    public void TryParse_ReadsTheNumber_WithOrWithoutPrefix(string text, int expected)
    {
        TicketNumber.TryParse(text, out var id).Should().BeTrue();
        id.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("HD-")]
    [InlineData("HD-0")]
    [InlineData("-3")]
    [InlineData("4 2")]
    [InlineData("HD-99999999999")]
    [InlineData("１２")]
    [InlineData("42; DROP TABLE Tickets")]
    public void TryParse_Refuses_AnythingThatIsNotATicketNumber(string? text)
    {
        TicketNumber.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Format_PrefixesTheId() => TicketNumber.Format(1234).Should().Be("HD-1234");
}
