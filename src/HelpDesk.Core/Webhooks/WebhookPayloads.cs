using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Webhooks;

/// <summary>A ticket with the names a receiver needs beside its ids, read in the transaction of the change.</summary>
public sealed record TicketWebhookFacts(Ticket Ticket, string OrganisationName, string RequesterName, string? AssigneeName);

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
