using HelpDesk.Core.Contracts;

namespace HelpDesk.Core.Tests.Contracts;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1250", 125000L)]
    [InlineData("1250.5", 125050L)]
    [InlineData("1,250.50", 125050L)]
    [InlineData(" 12000.00 ", 1200000L)]
    [InlineData("0.01", 1L)]
    [InlineData("1,000,000", 100000000L)]
    public void ParseCents_ReadsAmounts_InvariantOfCulture(string text, long cents)
    {
        Money.ParseCents(text, out var error).Should().Be(cents);
        error.Should().BeNull();
    }

    [Theory]
    [InlineData("", "Enter an amount")]
    [InlineData("   ", "Enter an amount")]
    [InlineData(null, "Enter an amount")]
    [InlineData("abc", "'abc' is not an amount")]
    [InlineData("1.2.3", "'1.2.3' is not an amount")]
    [InlineData("12,34.00", "'12,34.00' is not an amount")]
    [InlineData("1,2", "'1,2' is not an amount")]
    [InlineData("$12", "'$12' is not an amount")]
    [InlineData("1e3", "'1e3' is not an amount")]
    [InlineData("-1", "cannot be negative")]
    [InlineData("1.005", "fraction of a cent")]
    [InlineData("0.001", "fraction of a cent")]
    [InlineData("99999999999999999999", "too large")]
    public void ParseCents_Refuses_WithAMessageSayingWhy(string? text, string message)
    {
        Money.ParseCents(text, out var error).Should().BeNull();
        error.Should().Contain(message);
    }

    [Fact]
    public void ParseCents_ReadsAPoint_EvenWhenTheCurrentCultureWritesDecimalCommas()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Money.ParseCents("1250.50", out _).Should().Be(125050);
            Money.Format(125050, Currency.Default).Should().Be("1,250.50 USD");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void ForInput_ParsesBackToTheSameCents()
    {
        Money.ForInput(123456789).Should().Be("1234567.89");
        Money.ParseCents(Money.ForInput(123456789), out _).Should().Be(123456789);
    }

    [Theory]
    [InlineData("USD", "USD")]
    [InlineData(" eur ", "EUR")]
    [InlineData("JPY", "JPY")]
    public void Currency_Parse_ReadsAnIso4217Code(string text, string code) =>
        Currency.Parse(text)!.Code.Should().Be(code);

    [Theory]
    [InlineData("")]
    [InlineData("$")]
    [InlineData("DOLLARS")]
    [InlineData("XYZ")]
    [InlineData("US1")]
    public void Currency_Parse_RefusesWhatIsNotACurrencyCode(string text) =>
        Currency.Parse(text).Should().BeNull();

    [Fact]
    public void Format_WritesTheInstallationsCurrencyAfterTheAmount()
    {
        Money.Format(14_500_000, Currency.Default).Should().Be("145,000.00 USD");
        Money.Format(5, Currency.Parse("EUR")!).Should().Be("0.05 EUR");
    }
}
