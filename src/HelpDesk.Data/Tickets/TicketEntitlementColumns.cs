using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Data.Tickets;

/// <summary>
/// A ticket's entitlement columns as read: the decision in force and the intake decision as JSON (enums as their
/// names, so the columns read well by themselves) and the override's four columns. <see cref="TicketId"/> comes first so the columns are never all null,
/// which Dapper would read as no object at all.
/// </summary>
internal sealed record TicketEntitlementColumns
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The columns of ticket <c>t</c> this reads, starting with the one to split on.</summary>
    public const string Select = """
        t.Id AS TicketId, t.Entitlement AS EntitlementJson, t.IntakeEntitlement AS IntakeEntitlementJson,
        t.OverrideVerdict, t.OverrideReason, t.OverriddenById, t.OverriddenUtc
        """;

    public int TicketId { get; init; }
    public string? EntitlementJson { get; init; }
    public string? IntakeEntitlementJson { get; init; }
    public Verdict? OverrideVerdict { get; init; }
    public string? OverrideReason { get; init; }
    public int? OverriddenById { get; init; }
    public DateTime? OverriddenUtc { get; init; }

    public static string? Serialize(EntitlementDecision? decision) =>
        decision is null ? null : JsonSerializer.Serialize(decision, Json);

    public static EntitlementDecision? Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<EntitlementDecision>(json, Json);

    public Ticket ApplyTo(Ticket ticket) => ticket with
    {
        Entitlement = Deserialize(EntitlementJson),
        IntakeEntitlement = Deserialize(IntakeEntitlementJson),
        Override = OverrideVerdict is { } verdict && OverriddenById is { } byId && OverriddenUtc is { } atUtc
            ? new EntitlementOverride(verdict, OverrideReason ?? "", byId, atUtc)
            : null,
    };
}
