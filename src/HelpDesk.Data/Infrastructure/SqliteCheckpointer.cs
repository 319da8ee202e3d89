using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// Copies SQLite's write-ahead log into the database file in the background, once a second, with a PASSIVE checkpoint
/// (it never waits for a reader or the writer, and copies what it can). While it runs, the connections of the factory
/// leave checkpoints to it. Otherwise the commit that takes the log past 1,000 pages copies the log itself, inside
/// whatever request or job made that commit: a rollup batch spent most of its commit on it, and the one ticket filed
/// after a large write waited for it. Stopped, or on SQL Server, it does nothing and connections checkpoint as SQLite's default.
/// </summary>
public sealed partial class SqliteCheckpointer(IDbConnectionFactory connections, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (connections is not SqliteConnectionFactory sqlite)
        {
            return;
        }

        sqlite.CheckpointsInBackground = true;
        try
        {
            using var timer = new PeriodicTimer(Interval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sqlite.CheckpointAsync(stoppingToken);
                }
                catch (SqliteException ex)
                {
                    LogCheckpointFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            sqlite.CheckpointsInBackground = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The background checkpoint of the SQLite write-ahead log failed; the next one tries again.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
