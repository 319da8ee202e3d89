using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;
using HelpDesk.Data.Infrastructure;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Data.Migrations;

/// <summary>
/// Applies the numbered scripts of <c>db/sqlite</c> or <c>db/sqlserver</c> (embedded in this assembly) that the
/// journal table <c>SchemaVersions</c> does not list yet. Each script runs in its own transaction: a script that
/// fails is rolled back and stays out of the journal, so the next start tries it again.
/// </summary>
public sealed partial class MigrationRunner(DatabaseOptions options, ILogger<MigrationRunner> logger)
{
    public const string JournalTable = "SchemaVersions";

    /// <param name="applying">Told how many scripts are about to run, when there are any: a first start says so before it takes a while.</param>
    public MigrationResult Run(Action<int>? applying = null) => Run(EmbeddedScripts(options.Provider), applying);

    internal MigrationResult Run(IReadOnlyList<SqlScript> scripts, Action<int>? applying = null)
    {
        var builder = options.Provider switch
        {
            DatabaseProvider.SqlServer => DeployChanges.To
                .SqlDatabase(options.ConnectionString)
                .JournalToSqlTable("dbo", JournalTable),
            _ => DeployChanges.To
                .SqliteDatabase(options.ConnectionString)
                .JournalToSqliteTable(JournalTable),
        };

        var upgrader = builder
            .WithScripts(scripts)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogTo(new UpgradeLogger(logger))
            .Build();

        if (applying is not null && upgrader.GetScriptsToExecute() is { Count: > 0 } pending)
        {
            applying(pending.Count);
        }

        var result = upgrader.PerformUpgrade();
        var applied = result.Scripts.Select(s => s.Name).ToList();
        if (result.Successful && options.Provider == DatabaseProvider.SqlServer)
        {
            SqlServerFullText.Ensure(options.ConnectionString);
        }

        return result.Successful
            ? new MigrationResult(true, applied, null, null)
            : new MigrationResult(false, applied, result.ErrorScript?.Name, result.Error?.Message);
    }

    /// <summary>The provider's scripts in the order they apply (by their number).</summary>
    public static IReadOnlyList<SqlScript> EmbeddedScripts(DatabaseProvider provider)
    {
        var prefix = $"HelpDesk.Data.Migrations.{provider}.";
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new SqlScript(name[prefix.Length..], ReadResource(assembly, name)))
            .ToList();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Migration {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed partial class UpgradeLogger(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);

        public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

        public void LogInformation(string format, params object[] args) => Write(LogLevel.Information, null, format, args);

        public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);

        public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);

        public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

        private void Write(LogLevel level, Exception? exception, string format, object[] args)
        {
            if (!logger.IsEnabled(level))
            {
                return;
            }

            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
            LogMigration(logger, level, exception, text);
        }

        [LoggerMessage(EventId = 1001, Message = "Migration: {Text}")]
        private static partial void LogMigration(ILogger logger, LogLevel level, Exception? exception, string text);
    }
}

public sealed record MigrationResult(bool Successful, IReadOnlyList<string> Applied, string? FailedScript, string? Error);
