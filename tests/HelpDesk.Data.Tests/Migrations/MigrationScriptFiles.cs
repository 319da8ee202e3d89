namespace HelpDesk.Data.Tests.Migrations;

/// <summary>The migration scripts as they sit in the repository's <c>db</c> folder, read from disk rather than from
/// the embedded copies so that a script the build forgot to embed is still checked.</summary>
internal static class MigrationScriptFiles
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string SqliteFolder => Path.Combine(RepositoryRoot, "db", "sqlite");

    public static string SqlServerFolder => Path.Combine(RepositoryRoot, "db", "sqlserver");

    /// <summary>The file names (not paths) of a folder's scripts, in the order they apply.</summary>
    public static IReadOnlyList<string> Names(string folder) =>
        Directory.GetFiles(folder, "*.sql")
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HelpDesk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds HelpDesk.sln.");
    }
}
