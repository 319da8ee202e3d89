using HelpDesk.Core.Common;

namespace HelpDesk.Core.Webhooks;

/// <summary>The installation's webhook settings (<c>Webhooks:*</c>).</summary>
/// <param name="AllowPrivateAddresses">Allows loopback and private receivers: for tests and closed networks only.</param>
/// <param name="SendOnChange">Wakes the sender as soon as a change queues a delivery, besides its run every minute.</param>
public sealed record WebhookSettings(bool AllowPrivateAddresses = false, bool SendOnChange = true);

/// <summary>What an admin types for a subscription. <paramref name="Events"/> empty or holding "*" means every event.</summary>
public sealed record WebhookInput(string? Url, string? Description, IReadOnlyList<string> Events);

/// <summary>A subscription with its secret in clear: returned only when the secret is made.</summary>
public sealed record WebhookWithSecret(WebhookSubscription Subscription, string Secret);

/// <summary>
/// An admin's changes to webhook subscriptions: subscribe, edit, rotate the secret, pause and resume, delete, and the
/// deliveries they ask for by hand (a test ping, a redelivery). Every edit carries the version read; a stale one is a
/// conflict, never an overwrite.
/// </summary>
public sealed class WebhookSubscriptions(IWebhookStore store, IWebhookSecrets secrets, WebhookSettings settings, TimeProvider clock)
{
    public const string StaleMessage = "Someone else changed this webhook while you were working on it. Nothing was saved; reload it and try again.";
    public const int MaxDescription = 200;

    public async Task<Result<WebhookWithSecret>> CreateAsync(WebhookInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Validate(input) is { Count: > 0 } errors)
        {
            return Result<WebhookWithSecret>.Invalid(errors);
        }

        var secret = WebhookSignature.NewSecret();
        var now = clock.UtcNow();
        var created = await store.CreateAsync(
            new WebhookSubscription
            {
                Url = input.Url!.Trim(),
                Description = input.Description?.Trim() ?? "",
                Events = Normalise(input.Events),
                ProtectedSecret = secrets.Protect(secret),
                State = WebhookState.Active,
                CreatedUtc = now,
            },
            cancellationToken);
        return Result<WebhookWithSecret>.Ok(new(created, secret));
    }

    public async Task<Result<WebhookSubscription>> UpdateAsync(int id, int version, WebhookInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Validate(input) is { Count: > 0 } errors)
        {
            return Result<WebhookSubscription>.Invalid(errors);
        }

        return await ChangeAsync(id, version, s => s with { Url = input.Url!.Trim(), Description = input.Description?.Trim() ?? "", Events = Normalise(input.Events) }, cancellationToken);
    }

    public async Task<Result<WebhookWithSecret>> RotateSecretAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        var secret = WebhookSignature.NewSecret();
        var saved = await ChangeAsync(id, version, s => s with { ProtectedSecret = secrets.Protect(secret) }, cancellationToken);
        return saved.Succeeded ? Result<WebhookWithSecret>.Ok(new(saved.Value!, secret)) : saved.As<WebhookWithSecret>();
    }

    public Task<Result<WebhookSubscription>> PauseAsync(int id, int version, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, s => s with { State = WebhookState.Paused, PausedReason = "Paused by an administrator.", PausedUtc = clock.UtcNow() }, cancellationToken);

    /// <summary>Active again, with a fresh failing streak: the deliveries queued meanwhile are sent by the next run.</summary>
    public Task<Result<WebhookSubscription>> ResumeAsync(int id, int version, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, s => s with { State = WebhookState.Active, PausedReason = null, PausedUtc = null, FailingSinceUtc = null }, cancellationToken);

    public async Task<Result<bool>> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return Result<bool>.NotFound(Missing(id));
        }

        return await store.DeleteAsync(id, version, cancellationToken) ? Result<bool>.Ok(true) : Result<bool>.Conflict(StaleMessage);
    }

    /// <summary>Queues a <c>ping</c> event for the subscription; returns the delivery's id.</summary>
    public async Task<Result<int>> PingAsync(int id, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } subscription)
        {
            return Result<int>.NotFound(Missing(id));
        }

        return Result<int>.Ok(await store.QueueForAsync(id, WebhookPayloads.Ping(subscription, clock.UtcNow()), cancellationToken));
    }

    /// <summary>Sends a delivery of the subscription again, with the same event id.</summary>
    public async Task<Result<int>> RedeliverAsync(int subscriptionId, int deliveryId, CancellationToken cancellationToken = default)
    {
        var delivery = await store.GetDeliveryAsync(deliveryId, cancellationToken);
        if (delivery is null || delivery.SubscriptionId != subscriptionId)
        {
            return Result<int>.NotFound($"There is no delivery {deliveryId} of this webhook.");
        }

        return await store.RedeliverAsync(deliveryId, clock.UtcNow(), cancellationToken)
            ? Result<int>.Ok(deliveryId)
            : Result<int>.Conflict("The delivery is still waiting to be sent; it can be sent again once it is delivered or given up.");
    }

    public IReadOnlyList<FieldError> Validate(WebhookInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        if (WebhookAddresses.CheckUrl(input.Url, settings.AllowPrivateAddresses) is { } url)
        {
            errors.Add(new("url", url));
        }

        if (input.Description is { Length: > MaxDescription })
        {
            errors.Add(new("description", $"Keep the description under {MaxDescription} characters."));
        }

        var unknown = input.Events.Where(e => e != WebhookEvents.Everything && !WebhookEvents.IsKnown(e)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new("events", $"Unknown events: {string.Join(", ", unknown)}. Choose from {string.Join(", ", WebhookEvents.All)}."));
        }

        return errors;
    }

    private async Task<Result<WebhookSubscription>> ChangeAsync(int id, int version, Func<WebhookSubscription, WebhookSubscription> change, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } current)
        {
            return Result<WebhookSubscription>.NotFound(Missing(id));
        }

        if (current.Version != version)
        {
            return Result<WebhookSubscription>.Conflict(StaleMessage);
        }

        var saved = await store.UpdateAsync(change(current), clock.UtcNow(), cancellationToken);
        return saved is null ? Result<WebhookSubscription>.Conflict(StaleMessage) : Result<WebhookSubscription>.Ok(saved);
    }

    /// <summary>Every known event chosen, or none, is stored as "*", so that events added later reach it too.</summary>
    private static IReadOnlyList<string> Normalise(IReadOnlyList<string> events)
    {
        var chosen = events.Where(WebhookEvents.IsKnown).Distinct(StringComparer.Ordinal).ToList();
        return events.Contains(WebhookEvents.Everything, StringComparer.Ordinal) || chosen.Count == 0 || chosen.Count == WebhookEvents.All.Count
            ? [WebhookEvents.Everything]
            : [.. WebhookEvents.All.Where(chosen.Contains)];
    }

    private static string Missing(int id) => $"There is no webhook {id}.";
}
