using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Webhooks;

/// <summary>
/// Webhook subscriptions and their outbox of deliveries. Events of a change are queued by the store that saves the
/// change, in its transaction; this interface reads them, claims due ones for a sender and records what happened.
/// </summary>
public interface IWebhookStore
{
    Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default);

    Task<WebhookSubscription?> GetAsync(int id, CancellationToken cancellationToken = default);

    Task<WebhookSubscription> CreateAsync(WebhookSubscription subscription, CancellationToken cancellationToken = default);

    /// <summary>Writes URL, description, events, secret and state if the stored version is still <c>subscription.Version</c>; null when stale.</summary>
    Task<WebhookSubscription?> UpdateAsync(WebhookSubscription subscription, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Deletes the subscription and its deliveries if the version is current; false when stale or gone.</summary>
    Task<bool> DeleteAsync(int id, int version, CancellationToken cancellationToken = default);

    /// <summary>The subscription's latest deliveries, newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(int subscriptionId, int take, CancellationToken cancellationToken = default);

    Task<WebhookDelivery?> GetDeliveryAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Queues one event for one subscription whatever it asks for (a test ping); returns the delivery's id.</summary>
    Task<int> QueueForAsync(int subscriptionId, WebhookEvent webhookEvent, CancellationToken cancellationToken = default);

    /// <summary>Puts a delivered or failed delivery back in the queue, due now, attempts reset. False when it is pending or sending.</summary>
    Task<bool> RedeliverAsync(int deliveryId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="take"/> due deliveries of active subscriptions until <paramref name="claimedUntilUtc"/>:
    /// pending and due, or sending with an expired claim, and never one whose ticket has an earlier delivery to the same
    /// subscription still pending or sending. A conditional UPDATE per delivery means two senders never claim the same one.
    /// With <paramref name="onlyId"/>, only that delivery.
    /// </summary>
    Task<IReadOnlyList<WebhookSend>> ClaimDueAsync(DateTime nowUtc, DateTime claimedUntilUtc, int take, int? onlyId = null, CancellationToken cancellationToken = default);

    /// <summary>Records a 2xx answer and clears the subscription's failing streak.</summary>
    Task MarkDeliveredAsync(int deliveryId, int statusCode, string response, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a failed attempt: pending again at <paramref name="nextAttemptUtc"/>, or failed for good when it is null;
    /// the subscription's failing streak starts now if it had none. Returns the subscription as it now stands.
    /// </summary>
    Task<WebhookSubscription?> MarkFailedAsync(int deliveryId, int? statusCode, string response, DateTime? nextAttemptUtc, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Pauses the subscription with its reason and queues <paramref name="mail"/> in the same transaction; false when already paused.</summary>
    Task<bool> PauseForFailuresAsync(int subscriptionId, string reason, IReadOnlyList<OutboundMail> mail, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>The addresses of active administrators, who hear when a subscription is paused.</summary>
    Task<IReadOnlyList<string>> ListAdminAddressesAsync(CancellationToken cancellationToken = default);
}

/// <summary>Keeps subscription secrets unreadable at rest; the web host implements it with data protection.</summary>
public interface IWebhookSecrets
{
    string Protect(string secret);

    string Unprotect(string protectedSecret);
}

/// <summary>What a receiver answered: its status code and the start of its body, or why no answer came (status null).</summary>
public sealed record WebhookResponse(int? StatusCode, string Body)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>Posts a signed event to a receiver. Never throws for the receiver's failures: they come back as the response.</summary>
public interface IWebhookTransport
{
    Task<WebhookResponse> PostAsync(string url, IReadOnlyDictionary<string, string> headers, string body, CancellationToken cancellationToken);
}

/// <summary>Tells the sender that deliveries were queued, so it need not wait for its next scheduled run.</summary>
public interface IWebhookSignal
{
    void Queued();
}
