using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Tickets;

public sealed class SearchWordsTests
{
    public static TheoryData<string?, string[]> Cases() => new()
    {
        { null, [] },
        { "   ", [] },
        { "Printer", ["printer"] },
        { "disk-full  on node7", ["disk", "full", "on", "node7"] },
        { "\"quoted\" OR NOT {Notes} : x*", ["quoted", "or", "not", "notes", "x"] },
        { "Ärger mit Übersetzung", ["ärger", "mit", "übersetzung"] },
        { "again again AGAIN", ["again"] },
        { "a b c d e f g h i j", ["a", "b", "c", "d", "e", "f", "g", "h"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_SplitsIntoLowerCaseWords_WithoutTheEnginesSyntax(string? text, string[] expected)
    {
        SearchWords.Of(text).Should().Equal(expected);
    }

    [Fact]
    public void Of_ClipsVeryLongWords()
    {
        SearchWords.Of(new string('x', 500)).Should().ContainSingle().Which.Should().HaveLength(SearchWords.MaxWordLength);
    }
}
