using System.Globalization;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Webhooks;

/// <param name="Delivered">Deliveries the receivers took (2xx).</param>
/// <param name="Retrying">Deliveries that failed this time and wait for their next attempt.</param>
/// <param name="Failed">Deliveries given up.</param>
/// <param name="Paused">Subscriptions paused because they failed for a day.</param>
public sealed record WebhookRunResult(int Delivered, int Retrying, int Failed, int Paused);

/// <summary>
/// Sends what the webhook outbox holds, as the mail outbox's sender does: claims due deliveries in batches (a claim
/// expires, so a delivery claimed by a node that crashed is sent by the next run), signs and posts each, and records
/// the answer: delivered on 2xx, else tried again with exponential backoff, or given up. A subscription failing for a
/// day is paused and the admins are mailed.
/// </summary>
public sealed class WebhookSender(IWebhookStore store, IWebhookTransport transport, IWebhookSecrets secrets, PublicSite site, TimeProvider clock)
{
    public const int BatchSize = 20;

    /// <summary>Far longer than a batch takes at <see cref="Timeout"/> a delivery.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(10);

    /// <summary>How long a receiver has to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>How much of a receiver's answer is kept.</summary>
    public const int ResponseExcerpt = 2048;

    public const string DeliveryHeader = "X-HelpDesk-Delivery";
    public const string EventHeader = "X-HelpDesk-Event";
    public const string TimestampHeader = "X-HelpDesk-Timestamp";
    public const string SignatureHeader = "X-HelpDesk-Signature";

    public async Task<WebhookRunResult> DeliverAsync(CancellationToken cancellationToken = default)
    {
        var result = new WebhookRunResult(0, 0, 0, 0);
        while (true)
        {
            var now = clock.UtcNow();
            var batch = await store.ClaimDueAsync(now, now + ClaimFor, BatchSize, null, cancellationToken);
            if (batch.Count == 0)
            {
                return result;
            }

            foreach (var send in batch)
            {
                result = Add(result, await SendAsync(send, cancellationToken));
            }
        }
    }

    /// <summary>Sends one delivery now if it is due (a redelivery or a ping the admin asked for); null when it was not.</summary>
    public async Task<WebhookDelivery?> SendNowAsync(int deliveryId, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow();
        var claimed = await store.ClaimDueAsync(now, now + ClaimFor, 1, deliveryId, cancellationToken);
        if (claimed.Count == 0)
        {
            return null;
        }

        await SendAsync(claimed[0], cancellationToken);
        return await store.GetDeliveryAsync(deliveryId, cancellationToken);
    }

    /// <summary>The headers of one attempt; the timestamp is signed with the body.</summary>
    public static IReadOnlyDictionary<string, string> Headers(WebhookDelivery delivery, string secret, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var timestamp = new DateTimeOffset(nowUtc).ToUnixTimeSeconds();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EventHeader] = delivery.EventType,
            [DeliveryHeader] = delivery.EventId.ToString(),
            [TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture),
            [SignatureHeader] = WebhookSignature.Compute(secret, timestamp, delivery.Payload),
        };
    }

    private async Task<WebhookRunResult> SendAsync(WebhookSend send, CancellationToken cancellationToken)
    {
        var delivery = send.Delivery;
        var response = await PostAsync(send, cancellationToken);
        var now = clock.UtcNow();
        var excerpt = response.Body.Length > ResponseExcerpt ? response.Body[..ResponseExcerpt] : response.Body;
        if (response.Delivered)
        {
            await store.MarkDeliveredAsync(delivery.Id, response.StatusCode!.Value, excerpt, now, cancellationToken);
            return new(1, 0, 0, 0);
        }

        var next = WebhookRetry.NextAttempt(delivery.Attempts, now, Random.Shared.NextDouble());
        var subscription = await store.MarkFailedAsync(delivery.Id, response.StatusCode, excerpt, next, now, cancellationToken);
        var paused = subscription is { State: WebhookState.Active } && WebhookRetry.ShouldPause(subscription.FailingSinceUtc, now)
            && await PauseAsync(subscription, response, now, cancellationToken);
        return new(0, next is null ? 0 : 1, next is null ? 1 : 0, paused ? 1 : 0);
    }

    private async Task<WebhookResponse> PostAsync(WebhookSend send, CancellationToken cancellationToken)
    {
        string secret;
        try
        {
            secret = secrets.Unprotect(send.ProtectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return new WebhookResponse(null, "The subscription's secret cannot be read with this installation's keys; rotate it.");
        }

        var headers = Headers(send.Delivery, secret, clock.UtcNow());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await transport.PostAsync(send.Url, headers, send.Delivery.Payload, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(null, $"No answer within {Timeout.TotalSeconds:0} seconds.");
        }
    }

    private async Task<bool> PauseAsync(WebhookSubscription subscription, WebhookResponse last, DateTime now, CancellationToken cancellationToken)
    {
        var reason = $"Every delivery failed for {WebhookRetry.PauseAfter.TotalHours:0} hours (since {subscription.FailingSinceUtc:yyyy-MM-dd HH:mm} UTC); "
            + $"the last answer was {(last.StatusCode is int code ? $"HTTP {code}" : last.Body)}. Fix the receiver, then resume the subscription; "
            + "the events queued meanwhile are sent then.";
        var admins = await store.ListAdminAddressesAsync(cancellationToken);
        var mail = admins.Select(address => new OutboundMail(
            PausedMailKind,
            address,
            $"Webhook paused: {subscription.Url}",
            $"The webhook subscription to {subscription.Url} was paused.\n\n{reason}\n\nManage it at {site.Link("/admin/webhooks/" + subscription.Id.ToString(CultureInfo.InvariantCulture))}"))
            .ToList();
        return await store.PauseForFailuresAsync(subscription.Id, reason, mail, now, cancellationToken);
    }

    public const string PausedMailKind = "webhook-paused";

    private static WebhookRunResult Add(WebhookRunResult a, WebhookRunResult b) =>
        new(a.Delivered + b.Delivered, a.Retrying + b.Retrying, a.Failed + b.Failed, a.Paused + b.Paused);
}
