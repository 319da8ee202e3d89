namespace HelpDesk.Core.Webhooks;

/// <summary>
/// The in-process wake-up between the stores that queue deliveries and the sender waiting to send them. Signals given
/// while the sender is busy collapse into one, so a burst of changes costs one extra run, not one each.
/// </summary>
public sealed class WebhookSignal : IWebhookSignal, IDisposable
{
    private readonly SemaphoreSlim _queued = new(0, 1);

    public void Queued()
    {
        try
        {
            _queued.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the sender's next run takes this delivery too.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _queued.WaitAsync(cancellationToken);

    public void Dispose() => _queued.Dispose();
}
