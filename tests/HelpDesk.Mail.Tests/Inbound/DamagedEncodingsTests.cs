using System.Text;
using HelpDesk.Mail.Inbound;

namespace HelpDesk.Mail.Tests.Inbound;

public sealed class DamagedEncodingsTests
{
    [Theory]
    [InlineData("QUJDREVGR0g=", "ABCDEFGH")]
    [InlineData("QUJDREVGR0g", "ABCDEFGH")]
    [InlineData("QUJDREVGRw", "ABCDEFG")]
    [InlineData("QUJDREVGR", "ABCDEF")]
    [InlineData("QUJD\r\nREVG\r\n!!R0g", "ABCDEFGH")]
    [InlineData("QUI=QUI=", "ABAB")]
    public void Base64_KeepsEveryWholeByte(string encoded, string expected) =>
        Encoding.ASCII.GetString(DamagedEncodings.Base64(Encoding.ASCII.GetBytes(encoded))).Should().Be(expected);

    [Fact]
    public void Uudecode_ReadsTheSameBytes_WithOrWithoutTheBeginAndEndLines()
    {
        const string Payload = "#0V%T\n`\n";

        Encoding.ASCII.GetString(DamagedEncodings.Uudecode("begin 644 cat.txt\n" + Payload + "end\n")).Should().Be("Cat");
        Encoding.ASCII.GetString(DamagedEncodings.Uudecode(Payload)).Should().Be("Cat");
    }

    [Fact]
    public void UuencodedFiles_LeavesTextWithoutABlockAlone()
    {
        var (text, files) = DamagedEncodings.UuencodedFiles("We begin 644 tests tomorrow.\nend of story\n");

        text.Should().Be("We begin 644 tests tomorrow.\nend of story\n");
        files.Should().BeEmpty();
    }
}
