using HelpDesk.Core.Common;

namespace HelpDesk.Core.Tests.Tickets;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("Printer on fire", "Printer on fire")]
    [InlineData("  padded  ", "padded")]
    [InlineData("nul\0inside", "nulinside")]
    [InlineData("invoice_\u202Egpj.exe", "invoice_gpj.exe")]
    [InlineData("\u2066isolated\u2069 name", "isolated name")]
    [InlineData("\u202Aembedded\u202C", "embedded")]
    [InlineData("two\r\nlines\tand a tab", "two  lines and a tab")]
    [InlineData("bell\u0007 and escape\u001B[31m", "bell and escape[31m")]
    [InlineData("C1\u0085control", "C1control")]
    [InlineData("\0\u202E", "")]
    [InlineData(null, "")]
    [InlineData("Zoë Ångström 日本", "Zoë Ångström 日本")]
    [InlineData("שלום עולם", "שלום עולם")]
    public void Clean_RemovesControlAndBidiOverrideCharacters_AndKeepsEveryLetter(string? text, string expected) =>
        PlainText.Clean(text).Should().Be(expected);
}
