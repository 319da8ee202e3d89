using HelpDesk.Core.Offers;

namespace HelpDesk.Core.Webhooks;

/// <summary>The events a subscription can ask for, by the type name a receiver sees in <c>X-HelpDesk-Event</c> and the payload.</summary>
public static class WebhookEvents
{
    public const string TicketCreated = "ticket.created";
    public const string TicketUpdated = "ticket.updated";
    public const string TicketStatusChanged = "ticket.status_changed";
    public const string TicketAssigned = "ticket.assigned";
    public const string MessageAdded = "message.added";
    public const string SlaAtRisk = "sla.at_risk";
    public const string SlaBreached = "sla.breached";
    public const string VerdictChanged = "verdict.changed";
    public const string OfferSent = "offer.sent";
    public const string OfferAccepted = "offer.accepted";
    public const string OfferDeclined = "offer.declined";
    public const string ContractChanged = "contract.changed";

    /// <summary>The test an admin sends by hand; it goes to the one subscription whatever it asks for.</summary>
    public const string Ping = "ping";

    /// <summary>A subscription's event list holding only this takes every event, including ones added later.</summary>
    public const string Everything = "*";

    /// <summary>Every event with the words shown where a subscription is edited.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TicketCreated] = "A ticket was filed (portal, API or mail)",
        [TicketUpdated] = "A ticket's subject, product, release, environment, category or severity changed",
        [TicketStatusChanged] = "A ticket moved to another status",
        [TicketAssigned] = "A ticket was assigned to an engineer, or unassigned",
        [MessageAdded] = "A public message was added to a ticket (internal notes are never sent)",
        [SlaAtRisk] = "A ticket's SLA target is at risk",
        [SlaBreached] = "A ticket's SLA target was breached",
        [VerdictChanged] = "A ticket's entitlement verdict changed or was overridden",
        [OfferSent] = "A services offer was sent to a customer",
        [OfferAccepted] = "A customer accepted a services offer",
        [OfferDeclined] = "A customer declined a services offer",
        [ContractChanged] = "A contract was created, changed, renewed, cancelled or reinstated",
    };

    public static IReadOnlyList<string> All { get; } = [.. Descriptions.Keys];

    public static bool IsKnown(string type) => Descriptions.ContainsKey(type);

    /// <summary>The event an offer reaching <paramref name="status"/> raises; null for a withdrawn or expired one, which raise none.</summary>
    public static string? ForOffer(OfferStatus status) => status switch
    {
        OfferStatus.Sent => OfferSent,
        OfferStatus.Accepted => OfferAccepted,
        OfferStatus.Declined => OfferDeclined,
        _ => null,
    };

    /// <summary>Whether a subscription asking for <paramref name="subscribed"/> gets events of <paramref name="type"/>.</summary>
    public static bool Matches(IReadOnlyCollection<string> subscribed, string type)
    {
        ArgumentNullException.ThrowIfNull(subscribed);
        return subscribed.Contains(Everything, StringComparer.Ordinal) || subscribed.Contains(type, StringComparer.Ordinal);
    }
}
