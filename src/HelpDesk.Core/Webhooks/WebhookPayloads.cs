using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Webhooks;

/// <summary>A ticket with the names a receiver needs beside its ids, read in the transaction of the change.</summary>
public sealed record TicketWebhookFacts(Ticket Ticket, string OrganisationName, string RequesterName, string? AssigneeName);

/// <summary>An offer with the names a receiver needs beside its ids, read in the transaction of the change.</summary>
public sealed record OfferWebhookFacts(Offer Offer, string OfferingCode, string OfferingName, int OfferingVersionNumber, string OrganisationName);

/// <summary>
/// A contract with the names a receiver needs beside its ids, read in the transaction of the change;
/// <paramref name="Renewed"/> when an active contract renews it.
/// </summary>
public sealed record ContractWebhookFacts(Contract Contract, string OrganisationName, string PlanCode, string PlanName, bool Renewed);

/// <summary>A public message as a receiver sees it: no internal data.</summary>
public sealed record WebhookMessage(int Id, int? AuthorId, string AuthorName, string Text, DateTime CreatedUtc);

/// <summary>
/// The JSON a receiver gets: <c>{ "id", "type", "occurredAt", "data" }</c>, camel-case, times in UTC ISO 8601. The shapes
/// are documented in docs/webhooks.md; a field is only ever added, never renamed.
/// </summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static WebhookEvent ForTicket(TicketEventChange change, TicketWebhookFacts facts, WebhookMessage? message, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(facts);
        var data = new TicketEventData(
            TicketPayload.From(facts),
            change.Type == WebhookEvents.MessageAdded ? message : null,
            change.Changes);
        return Make(change.Type, nowUtc, facts.Ticket.Id, data);
    }

    /// <summary>
    /// The event of an offer that was sent, accepted or declined (<see cref="WebhookEvents.ForOffer"/>); it belongs to
    /// the offer's ticket, so it reaches a receiver in order with that ticket's events.
    /// </summary>
    public static WebhookEvent ForOffer(string type, OfferWebhookFacts facts, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Make(type, nowUtc, facts.Offer.TicketId, new OfferEventData(OfferPayload.From(facts)));
    }

    /// <summary>The <c>contract.changed</c> event of a contract as saved, its state read at <paramref name="nowUtc"/>.</summary>
    public static WebhookEvent ForContract(ContractWebhookFacts facts, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Make(WebhookEvents.ContractChanged, nowUtc, null, new ContractEventData(ContractPayload.From(facts, nowUtc)));
    }

    public static WebhookEvent Ping(WebhookSubscription subscription, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return Make(WebhookEvents.Ping, nowUtc, null, new PingData(subscription.Id, subscription.Url, "A test event sent from the webhook's page."));
    }

    private static WebhookEvent Make(string type, DateTime nowUtc, int? ticketId, object data)
    {
        var id = Guid.NewGuid();
        var body = JsonSerializer.Serialize(new Envelope(id, type, nowUtc, data), Json);
        return new WebhookEvent(id, type, nowUtc, ticketId, body);
    }

    private sealed record Envelope(Guid Id, string Type, DateTime OccurredAt, object Data);

    private sealed record TicketEventData(
        TicketPayload Ticket,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WebhookMessage? Message,
        IReadOnlyList<WebhookFieldChange> Changes);

    private sealed record PingData(int SubscriptionId, string Url, string Note);

    private sealed record Party(int Id, string Name);

    private sealed record OfferEventData(OfferPayload Offer);

    private sealed record ContractEventData(ContractPayload Contract);

    private sealed record TicketRef(int Id, string Number);

    private sealed record OfferingRef(string Code, string Name, int VersionId, int VersionNumber);

    private sealed record PlanRef(int Id, string Code, string Name);

    // The staff-only reason for an offer on an entitled ticket is left out: a receiver sees what the customer sees.
    private sealed record OfferPayload(
        int Id, string Number, string Status, string Kind, string Title, TicketRef Ticket, OfferingRef Offering, Party Organisation,
        long PriceCents, string Price, string Currency, DateTime SentAt, DateTime ExpiresAt, DateTime? DecidedAt, string? DeclineReason, int Version)
    {
        public static OfferPayload From(OfferWebhookFacts facts)
        {
            var o = facts.Offer;
            return new(
                o.Id, o.Number, o.Status.ToString(), o.Kind.ToString(), o.Title, new(o.TicketId, TicketNumber.Format(o.TicketId)),
                new(facts.OfferingCode, facts.OfferingName, o.OfferingVersionId, facts.OfferingVersionNumber), new(o.OrganisationId, facts.OrganisationName),
                o.PriceCents, Money.ForInput(o.PriceCents), o.Currency, o.SentUtc, o.ExpiresUtc, o.DecidedUtc, o.DeclineReason, o.Version);
        }
    }

    private sealed record ContractPayload(
        int Id, string Number, Party Organisation, PlanRef Plan, string Status, string State, DateOnly StartsOn, DateOnly EndsOn, string TimeZone,
        IReadOnlyList<int> ProductIds, long ValueCents, string Value, int IncidentsBought, int? RenewsContractId, int Version)
    {
        public static ContractPayload From(ContractWebhookFacts facts, DateTime nowUtc)
        {
            var c = facts.Contract;
            return new(
                c.Id, c.Number, new(c.OrganisationId, facts.OrganisationName), new(c.PlanId, facts.PlanCode, facts.PlanName), c.Status.ToString(),
                ContractTerms.StateOn(c, nowUtc, facts.Renewed).ToString(), c.StartsOn, c.EndsOn, c.TimeZone, c.ProductIds, c.ValueCents,
                Money.ForInput(c.ValueCents), c.IncidentsBought, c.RenewsContractId, c.Version);
        }
    }

    private sealed record TicketPayload(
        int Id, string Number, string Subject, string Status, string Severity, string Channel, string? Product, string? Release,
        string? Environment, string? Category, Party Organisation, Party Requester, Party? Assignee, string? Verdict, string SlaState,
        DateTime? FirstResponseDueAt, DateTime? ResolveDueAt, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public static TicketPayload From(TicketWebhookFacts facts)
        {
            var t = facts.Ticket;
            return new(
                t.Id, t.Number, t.Subject, t.Status.ToString(), t.Severity.ToString(), t.Channel.ToString(), t.Product, t.ProductRelease,
                t.Environment, t.Category, new(t.OrganisationId, facts.OrganisationName), new(t.RequesterId, facts.RequesterName),
                t.AssigneeId is int assignee ? new(assignee, facts.AssigneeName ?? "") : null, t.Verdict?.ToString(), t.SlaState.ToString(),
                t.FirstResponseDueUtc, t.ResolveDueUtc, t.CreatedUtc, t.UpdatedUtc);
        }
    }
}
