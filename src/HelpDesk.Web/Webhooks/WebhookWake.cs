using HelpDesk.Core.Webhooks;

namespace HelpDesk.Web.Webhooks;

/// <summary>
/// Sends deliveries as soon as a change on this node queues them, instead of waiting up to a minute for the
/// <c>webhooks:send</c> job; the job still sends what other nodes queued and what this one missed.
/// </summary>
public sealed partial class WebhookWake(WebhookSignal signal, IServiceScopeFactory scopes, ILogger<WebhookWake> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WebhookSender>().DeliverAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The scheduled job sends whatever this run could not.
                LogFailed(logger, error);
            }
        }
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Sending webhooks after a change failed; the scheduled run will send them")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
