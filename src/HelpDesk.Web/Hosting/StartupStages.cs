using System.Diagnostics;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Times start-up stage by stage and logs each one as it ends, one line at Information, so a slow first start says
/// where its seconds went (migrations, the demo seed and its parts, the job registrations).
/// </summary>
public sealed partial class StartupStages(ILogger logger)
{
    private long _stageStarted = Stopwatch.GetTimestamp();

    /// <summary>Logs the stage that ends now, timed from the end of the previous one.</summary>
    public void Done(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        var milliseconds = (long)Stopwatch.GetElapsedTime(_stageStarted, now).TotalMilliseconds;
        _stageStarted = now;
        LogStage(logger, stage, milliseconds);
    }

    /// <summary>Logs, once the server listens, how long after the process started the first request can be served.</summary>
    public static void LogWhenServing(WebApplication app, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            using var process = Process.GetCurrentProcess();
            var milliseconds = (long)(DateTime.Now - process.StartTime).TotalMilliseconds;
            LogServing(logger, milliseconds);
        });
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Start-up stage {Stage}: {Milliseconds} ms")]
    private static partial void LogStage(ILogger logger, string stage, long milliseconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Serving requests {Milliseconds} ms after the process started")]
    private static partial void LogServing(ILogger logger, long milliseconds);
}
