using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Data.Tickets;

/// <summary>
/// A ticket's routing decision as read: JSON with enums as their names, like the entitlement decision, so the column
/// reads well by itself. <see cref="RoutingTicketId"/> comes first so the columns are never all null, which Dapper
/// would read as no object at all. Also the value of the queue-order column for a ticket with no SLA due time.
/// </summary>
internal sealed record TicketRoutingColumns
{
    /// <summary>
    /// QueueDueUtc of a ticket with no SLA due time still to meet: after every real due time, so the queue order and
    /// the Due sort need no NULL handling (which the two engines would order differently).
    /// </summary>
    public static readonly DateTime NoDueUtc = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public int RoutingTicketId { get; init; }
    public string? RoutingJson { get; init; }

    public static DateTime QueueDue(Ticket ticket) => ticket.NextDueUtc ?? NoDueUtc;

    /// <summary>A stored QueueDueUtc as the model has it: null when no SLA due time is left.</summary>
    public static DateTime? FromQueueDue(DateTime queueDueUtc) => queueDueUtc >= NoDueUtc ? null : queueDueUtc;

    public static string? Serialize(RoutingDecision? decision) =>
        decision is null ? null : JsonSerializer.Serialize(decision, Json);

    public static RoutingDecision? Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<RoutingDecision>(json, Json);

    public Ticket ApplyTo(Ticket ticket) => ticket with { Routing = Deserialize(RoutingJson) };
}
