using HelpDesk.Core.Mail;
using HelpDesk.Mail.Inbound;

namespace HelpDesk.Mail.Tests.Inbound;

/// <summary>The real-looking messages under Messages/, read from the test output folder.</summary>
public static class Corpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Messages");

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    /// <summary>A message of the corpus as the parser reads it; the parser must be able to.</summary>
    public static InboundEmail Parse(string name)
    {
        var parse = new MimeInboundParser().Parse(Read(name));
        parse.Error.Should().BeNull();
        return parse.Email!;
    }

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(Folder, "*.eml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
