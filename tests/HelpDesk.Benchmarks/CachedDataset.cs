using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using HelpDesk.Data.Migrations;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks;

/// <summary>
/// A generated SQLite data set kept between runs: the file is named after its kind, its size and a key made from the
/// generator's name and version and the migration scripts, so a rerun reuses it and a schema or generator change makes
/// a new one. It is built under a temporary name and moved into place, so an interrupted run leaves no half file.
/// </summary>
internal static class CachedDataset
{
    public static string ConnectionString(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ConnectionString;

    /// <summary>The cached file <c>helpdesk-bench-{kind}-{count}-{key}.db</c> in <paramref name="directory"/>, generated first when missing.</summary>
    public static string Ensure(string directory, string kind, string generator, int count, Action<string, int> generate)
    {
        ArgumentNullException.ThrowIfNull(generate);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"helpdesk-bench-{kind}-{count}-{SchemaKey(generator)}.db");
        if (File.Exists(file))
        {
            return file;
        }

        var building = file + $".{Environment.ProcessId}.tmp";
        var started = Stopwatch.GetTimestamp();
        generate(building, count);
        SqliteConnection.ClearAllPools();
        File.Move(building, file, overwrite: true);
        Console.WriteLine($"// Generated the {kind} data set of {count:N0} tickets into {file} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return file;
    }

    private static string SchemaKey(string generator)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(generator));
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Sqlite.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            hash.AppendData(Encoding.UTF8.GetBytes(name + reader.ReadToEnd()));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..12].ToLowerInvariant();
    }
}
