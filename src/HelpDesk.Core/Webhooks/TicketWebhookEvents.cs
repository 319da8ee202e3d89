using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Webhooks;

/// <summary>One field's change as a receiver reads it.</summary>
public sealed record WebhookFieldChange(string Field, string? From, string? To);

/// <summary>One event a ticket change raises, with the fields that changed (none for a new ticket or message).</summary>
public sealed record TicketEventChange(string Type, IReadOnlyList<WebhookFieldChange> Changes);

/// <summary>
/// Which events a saved ticket change raises, from the ticket before and after it and the message it adds. A change
/// the system makes only to its own bookkeeping (the SLA monitor's next check, queue times) raises none, nor does an
/// internal note: receivers hear what a customer or a partner system would care about.
/// </summary>
public static class TicketWebhookEvents
{
    public static IReadOnlyList<TicketEventChange> ForCreated() => [new(WebhookEvents.TicketCreated, [])];

    public static IReadOnlyList<TicketEventChange> ForUpdate(Ticket before, Ticket after, NewMessage? message)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var events = new List<TicketEventChange>();
        var facts = new (string Field, string? From, string? To)[]
        {
            ("subject", before.Subject, after.Subject),
            ("product", before.Product, after.Product),
            ("release", before.ProductRelease, after.ProductRelease),
            ("environment", before.Environment, after.Environment),
            ("category", before.Category, after.Category),
            ("severity", before.Severity.ToString(), after.Severity.ToString()),
        };
        var updated = facts.Where(f => !string.Equals(f.From, f.To, StringComparison.Ordinal)).Select(f => new WebhookFieldChange(f.Field, f.From, f.To)).ToList();
        if (updated.Count > 0)
        {
            events.Add(new(WebhookEvents.TicketUpdated, updated));
        }

        if (before.AssigneeId != after.AssigneeId)
        {
            events.Add(new(WebhookEvents.TicketAssigned, [new("assignee", Id(before.AssigneeId), Id(after.AssigneeId))]));
        }

        if (before.Verdict != after.Verdict)
        {
            events.Add(new(WebhookEvents.VerdictChanged, [new("verdict", before.Verdict?.ToString(), after.Verdict?.ToString())]));
        }

        if (message is { Kind: MessageKind.Reply })
        {
            events.Add(new(WebhookEvents.MessageAdded, []));
        }

        if (before.Status != after.Status)
        {
            events.Add(new(WebhookEvents.TicketStatusChanged, [new("status", before.Status.ToString(), after.Status.ToString())]));
        }

        if (before.SlaState != after.SlaState && after.SlaState is SlaState.AtRisk or SlaState.Breached)
        {
            var type = after.SlaState == SlaState.Breached ? WebhookEvents.SlaBreached : WebhookEvents.SlaAtRisk;
            events.Add(new(type, [new("sla", before.SlaState.ToString(), after.SlaState.ToString())]));
        }

        return events;
    }

    private static string? Id(int? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
