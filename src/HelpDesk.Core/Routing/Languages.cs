namespace HelpDesk.Core.Routing;

/// <summary>A language tickets may be written in and engineers may speak, by its ISO 639-1 code.</summary>
public sealed record Language(string Code, string Name);

/// <summary>The languages the help desk offers on the portal and records on engineers.</summary>
public static class Languages
{
    public const string English = "en";

    public static IReadOnlyList<Language> All { get; } =
    [
        new("en", "English"),
        new("de", "German"),
        new("fr", "French"),
        new("es", "Spanish"),
        new("it", "Italian"),
        new("nl", "Dutch"),
        new("pt", "Portuguese"),
        new("sv", "Swedish"),
        new("pl", "Polish"),
        new("ja", "Japanese"),
        new("zh", "Chinese"),
    ];

    public static Language? Find(string? code) =>
        All.FirstOrDefault(l => string.Equals(l.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string NameOf(string? code) => Find(code)?.Name ?? code ?? "";
}
