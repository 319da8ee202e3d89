using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Api;

/// <param name="Severity">1 critical, 2 high, 3 normal (the default), 4 low.</param>
/// <param name="RequesterId">Staff only, and then required: the customer the ticket is filed for.</param>
/// <param name="Category">A request category code: problem, question, backport, customization, port, third-party-integration, consulting-training.</param>
/// <param name="ModifiedSource">True when the customer has modified the product's source code.</param>
/// <param name="Language">The language the ticket is written in, an ISO 639-1 code (en, de, fr, …; en when left out): the engineer must speak it.</param>
public sealed record FileTicketBody(
    string? Subject,
    string? Body,
    int? Severity,
    string? Product,
    string? ProductRelease,
    string? Environment,
    string? Category,
    int? RequesterId,
    bool? ModifiedSource = null,
    string? Language = null);

/// <param name="Verdict">The verdict to give the ticket instead of the one given at intake.</param>
/// <param name="Reason">Required: why, in words the customer will read.</param>
/// <param name="Version">Required: the version read (409 when someone changed the ticket since).</param>
public sealed record OverrideEntitlementBody(Verdict? Verdict, string? Reason, int? Version);

/// <summary>A request as it would be filed, to learn its verdict first. The organisation is always the caller's.</summary>
/// <param name="Product">The product's code or name.</param>
/// <param name="Category">A request category code (see filing).</param>
/// <param name="Severity">1 critical, 2 high, 3 normal (the default), 4 low: it picks the SLA targets.</param>
public sealed record EntitlementCheckBody(
    string? Product,
    string? Release,
    string? Environment,
    string? Category,
    bool? ModifiedSource,
    int? Severity);

/// <param name="Kind">A public reply (the default) or, staff only, an internal note.</param>
/// <param name="Status">Staff only: the status to set with the message; then <paramref name="Version"/> is required.</param>
/// <param name="Version">The version read. Without it the message is added whatever changed meanwhile; when given and no longer current, nothing is saved (409).</param>
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

/// <param name="Reason">Required: why the ticket needs the next tier, for the audit trail and the next engineer.</param>
/// <param name="Version">Required: the version read (409 when someone changed the ticket since).</param>
public sealed record EscalateBody(string? Reason, int? Version);

/// <param name="Reason">Required: why the ticket goes back to be routed to someone else.</param>
/// <param name="Version">Required: the version read (409 when someone changed the ticket since).</param>
public sealed record HandBackBody(string? Reason, int? Version);

/// <param name="EngineerId">The engineer to give the ticket to (they need a routing profile; their capacity may be exceeded), or null to let the router choose someone other than the current assignee.</param>
/// <param name="Reason">Why, for the audit trail.</param>
/// <param name="Version">Required: the version read (409 when someone changed the ticket since).</param>
public sealed record ReassignBody(int? EngineerId, string? Reason, int? Version);

/// <summary>
/// Staff correct a ticket's facts; it is judged again as of when it was filed. A field left out keeps its value; an
/// empty string clears a release, environment or category.
/// </summary>
/// <param name="Product">The product's code or name in the catalogue, e.g. keel; a ticket must name one to be classified.</param>
/// <param name="Release">A release of that product, by name.</param>
/// <param name="Environment">An environment of the catalogue, by code or name.</param>
/// <param name="Category">A request category code (see filing).</param>
/// <param name="Severity">1 critical, 2 high, 3 normal, 4 low: it picks the SLA targets.</param>
/// <param name="Language">An ISO 639-1 code the help desk offers.</param>
/// <param name="Version">Required: the version read (409 when someone changed the ticket since).</param>
public sealed record ClassifyBody(
    string? Product,
    string? Release,
    string? Environment,
    string? Category,
    int? Severity,
    string? Language,
    bool? ModifiedSource,
    int? Version);

/// <param name="Original">Required: the ticket this one duplicates, as HD-42 or 42 (same organisation, still open).</param>
/// <param name="Note">Optional words for the requester, added to the closing message.</param>
/// <param name="Version">Required: the version read (409 when someone changed the ticket since).</param>
public sealed record DuplicateBody(string? Original, string? Note, int? Version);

/// <param name="Reason">Required: why the ticket is not an incident; the contract's usage shows it.</param>
/// <param name="Version">Required: the version read (409 when someone changed the ticket since).</param>
public sealed record NotAnIncidentBody(string? Reason, int? Version);
