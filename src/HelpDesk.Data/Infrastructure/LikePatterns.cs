namespace HelpDesk.Data.Infrastructure;

/// <summary>Patterns for <c>LIKE … ESCAPE '\'</c>, the same on both engines: what a person typed matches as typed.</summary>
internal static class LikePatterns
{
    /// <summary>Matches any text containing <paramref name="text"/>; its wildcards (and SQL Server's <c>[</c>) are escaped.</summary>
    public static string Containing(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = text
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);
        return $"%{escaped}%";
    }
}
