using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tests.Contracts;

public sealed class WordingTests
{
    [Theory]
    [InlineData(0, "less than a minute")]
    [InlineData(1, "1 min")]
    [InlineData(59, "59 min")]
    [InlineData(60, "1 h")]
    [InlineData(200, "3 h 20 min")]
    [InlineData(1439, "23 h 59 min")]
    [InlineData(1440, "1 d")]
    [InlineData(3120, "2 d 4 h")]
    [InlineData(3150, "2 d 4 h")]
    [InlineData(-90, "1 h 30 min")]
    public void Span_SaysDaysHoursAndMinutes_AsACountdownReads(int minutes, string words) =>
        Wording.Span(minutes).Should().Be(words);

    [Fact]
    public void Names_AreWhatPeopleSay_NeverTheStoredCodes()
    {
        Enum.GetValues<Region>().Select(Wording.Name).Should().Equal("Europe, Middle East and Africa", "Americas", "Asia-Pacific");
        Enum.GetValues<CustomerSegment>().Select(Wording.Name).Should().Equal("Strategic", "Key", "Standard", "Self-service");
        Enum.GetValues<EnvironmentKind>().Select(Wording.Name).Should().Equal("Operating system", "Platform", "Toolchain");
        Wording.Plural(EnvironmentKind.OperatingSystem).Should().Be("Operating systems");
    }
}
