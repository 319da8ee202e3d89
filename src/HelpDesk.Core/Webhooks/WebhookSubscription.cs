namespace HelpDesk.Core.Webhooks;

/// <summary>Whether a subscription gets events. Stored as its name.</summary>
public enum WebhookState
{
    Active,
    Paused,
}

/// <summary>
/// A URL that receives events. The secret is kept protected with the installation's data-protection keys; it is shown
/// in clear only when made (on creation and on rotation). <see cref="Version"/> guards edits.
/// </summary>
public sealed record WebhookSubscription
{
    public int Id { get; init; }
    public required string Url { get; init; }
    public string Description { get; init; } = "";

    /// <summary>The event types asked for, or just <see cref="WebhookEvents.Everything"/>.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];
    public string ProtectedSecret { get; init; } = "";
    public WebhookState State { get; init; }
    public string? PausedReason { get; init; }
    public DateTime? PausedUtc { get; init; }

    /// <summary>The first failed attempt since the last delivered one; null while deliveries succeed.</summary>
    public DateTime? FailingSinceUtc { get; init; }
    public DateTime? LastDeliveredUtc { get; init; }
    public DateTime CreatedUtc { get; init; }
    public int Version { get; init; }

    public bool TakesEverything => Events.Contains(WebhookEvents.Everything, StringComparer.Ordinal);
}

/// <summary>Where a delivery stands. Stored as its name.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt (or for an earlier event of its ticket).</summary>
    Pending,

    /// <summary>A sender has claimed it until its claim runs out.</summary>
    Sending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Given up after <see cref="WebhookRetry.MaxAttempts"/>; an admin may redeliver it.</summary>
    Failed,
}

/// <summary>One event on its way to one subscription: a row of the webhook outbox.</summary>
public sealed record WebhookDelivery
{
    public int Id { get; init; }
    public int SubscriptionId { get; init; }

    /// <summary>The event's id, the same for every subscription and every attempt: receivers de-duplicate by it.</summary>
    public Guid EventId { get; init; }
    public string EventType { get; init; } = "";

    /// <summary>The ticket the event is about: a later event of the same ticket waits for this one.</summary>
    public int? TicketId { get; init; }
    public string Payload { get; init; } = "";
    public WebhookDeliveryStatus Status { get; init; }
    public int Attempts { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime NextAttemptUtc { get; init; }
    public DateTime? LastAttemptUtc { get; init; }
    public DateTime? DeliveredUtc { get; init; }
    public int? LastStatusCode { get; init; }

    /// <summary>The start of the receiver's last answer (about 2 KB), or why there was none.</summary>
    public string? LastResponse { get; init; }
}

/// <summary>A claimed delivery with what sending it needs from its subscription.</summary>
public sealed record WebhookSend(WebhookDelivery Delivery, string Url, string ProtectedSecret);

/// <summary>An event that happened, to queue for every active subscription that asks for its type.</summary>
public sealed record WebhookEvent(Guid Id, string Type, DateTime OccurredUtc, int? TicketId, string Payload);
