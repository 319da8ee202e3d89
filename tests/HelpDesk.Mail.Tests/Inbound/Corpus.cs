namespace HelpDesk.Mail.Tests.Inbound;

/// <summary>The real-looking messages under Messages/, read from the test output folder.</summary>
public static class Corpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Messages");

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(Folder, "*.eml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
