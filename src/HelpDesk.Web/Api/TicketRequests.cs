using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Api;

/// <param name="Severity">1 critical, 2 high, 3 normal (the default), 4 low.</param>
/// <param name="RequesterId">Staff only, and then required: the customer the ticket is filed for.</param>
public sealed record FileTicketBody(
    string? Subject,
    string? Body,
    int? Severity,
    string? Product,
    string? ProductRelease,
    string? Environment,
    string? Category,
    int? RequesterId);

/// <param name="Kind">A public reply (the default) or, staff only, an internal note.</param>
/// <param name="Status">Staff only: the status to set with the message.</param>
/// <param name="Version">The version read; when given and no longer current, nothing is saved (409).</param>
public sealed record PostMessageBody(string? Body, MessageKind? Kind, TicketStatus? Status, int? Version);

/// <param name="Version">Required: the version read (409 when someone changed the ticket since).</param>
public sealed record ChangeStatusBody(TicketStatus? Status, int? Version);

/// <param name="AssigneeId">An engineer's or manager's id, or null to return the ticket to the unassigned queue.</param>
/// <param name="Version">Required: the version read (409 when someone changed the ticket since).</param>
public sealed record AssignBody(int? AssigneeId, int? Version);

/// <param name="WorkDate">The day worked, yyyy-MM-dd.</param>
public sealed record LogTimeBody(int? Minutes, DateOnly? WorkDate, string? Note, bool? Billable);

/// <param name="Score">1 (very dissatisfied) to 5 (very satisfied).</param>
public sealed record RateBody(int? Score, string? Comment);
