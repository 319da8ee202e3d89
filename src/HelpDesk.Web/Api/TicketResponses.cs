using System.ComponentModel;
using System.Text.Json.Serialization;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// A ticket's own fields. <c>Severity</c> is 1 (critical) to 4 (low), as it is filed. <see cref="Entitlement"/> is
/// the verdict in force (null for tickets filed before entitlement was checked), <see cref="Sla"/> the
/// due times it set and how they went, <see cref="Routing"/> who has the ticket and, for staff, why.
/// <see cref="NeedsClassification"/> is true while the ticket names no product the catalogue knows (its verdict is
/// provisional until staff classify it); <see cref="DuplicateOf"/> the ticket it was closed as a duplicate of;
/// <see cref="Incident"/> the contract whose incident it uses.
/// </summary>
public sealed record TicketDto(
    int Id,
    string Number,
    int OrganisationId,
    int RequesterId,
    string Subject,
    TicketChannel Channel,
    string? Product,
    string? ProductRelease,
    string? Environment,
    string? Category,
    bool ModifiedSource,
    int Severity,
    TicketStatus Status,
    int? AssigneeId,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    DateTime? FirstResponseUtc,
    DateTime? ResolvedUtc,
    DateTime? ClosedUtc,
    int Resolutions,
    int Version,
    EntitlementDto? Entitlement,
    SlaDto Sla,
    string Language,
    int Tier,
    RoutingDto Routing,
    bool NeedsClassification = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DuplicateOf = null,
    IncidentDto? Incident = null)
{
    /// <param name="entitlement">The ticket's verdict with the overriding engineer's name; read from the ticket when not given.</param>
    /// <param name="staff">Whether the caller is staff, who also see an override's reason and goodwill, the SLA monitor's state and the routing explanation.</param>
    /// <param name="assigneeName">The assignee's name now; when not given, the name the router recorded if it still has the ticket.</param>
    /// <param name="nowUtc">The moment the SLA targets' states are as of; now when not given.</param>
    public static TicketDto From(Ticket ticket, EntitlementView? entitlement = null, bool staff = false, string? assigneeName = null, DateTime? nowUtc = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        entitlement ??= EntitlementView.Of(ticket);
        return new(
            ticket.Id, ticket.Number, ticket.OrganisationId, ticket.RequesterId, ticket.Subject, ticket.Channel,
            ticket.Product, ticket.ProductRelease, ticket.Environment, ticket.Category, ticket.ModifiedSource, (int)ticket.Severity, ticket.Status,
            ticket.AssigneeId, ticket.CreatedUtc, ticket.UpdatedUtc, ticket.FirstResponseUtc, ticket.ResolvedUtc,
            ticket.ClosedUtc, ticket.Resolutions, ticket.Version,
            entitlement is null ? null : EntitlementDto.From(entitlement, staff),
            SlaDto.From(ticket, staff, nowUtc ?? DateTime.UtcNow),
            ticket.Language,
            ticket.Tier,
            RoutingDto.From(ticket, assigneeName, staff),
            ticket.NeedsClassification,
            ticket.DuplicateOfId is int original ? TicketNumber.Format(original) : null,
            IncidentDto.From(ticket, staff));
    }
}

/// <param name="Contract">The contract whose incident the ticket uses, e.g. C-0007; null when it uses none.</param>
/// <param name="NotAnIncident">Staff: why staff said the ticket is not an incident (it then never uses one).</param>
public sealed record IncidentDto(
    string? Contract,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NotAnIncident = null)
{
    public static IncidentDto From(Ticket ticket, bool staff)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new(
            ticket.IncidentContractId is int contract ? Core.Contracts.Contract.FormatNumber(contract) : null,
            staff ? ticket.NotAnIncidentReason : null);
    }
}

/// <summary>
/// When the plan's SLA wants the first response and the resolution (null when no SLA applies), whether each was met
/// once it is known, and since when the clock is paused while the ticket waits on the customer. <c>FirstResponse</c>
/// and <c>Resolution</c> say where each target stands as of the answer, in the words the portal and the desk show.
/// <c>State</c>, the SLA monitor's view (None, AtRisk, Breached), is for staff only.
/// </summary>
[Description("The ticket's SLA: the due times the plan set, and where each target stands as of this answer (firstResponse, resolution), so a client needs no clock arithmetic.")]
public sealed record SlaDto(
    [property: Description("When the first response is due; null when no SLA applies.")] DateTime? FirstResponseDue,
    [property: Description("When the resolution is due; null when no SLA applies.")] DateTime? ResolveDue,
    [property: Description("Where the first-response target stands.")] SlaTargetDto FirstResponse,
    [property: Description("Where the resolution target stands.")] SlaTargetDto Resolution,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? FirstResponseMet = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? ResolveMet = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? PausedSince = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlaState? State = null)
{
    public static SlaDto From(Ticket ticket, bool staff, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new(
            ticket.FirstResponseDueUtc,
            ticket.ResolveDueUtc,
            SlaTargetDto.From(SlaTargetState.FirstResponse(ticket, nowUtc)),
            SlaTargetDto.From(SlaTargetState.Resolution(ticket, nowUtc)),
            ticket.FirstResponseMet,
            ticket.ResolveMet,
            ticket.SlaPausedUtc,
            staff ? ticket.SlaState : null);
    }

    /// <summary>The targets a request not yet filed would get, their clocks starting now.</summary>
    public static SlaDto From(EntitlementView view, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(
            view.FirstResponseDueUtc,
            view.ResolveDueUtc,
            SlaTargetDto.From(view.FirstResponseAt(nowUtc)),
            SlaTargetDto.From(view.ResolutionAt(nowUtc)));
    }
}

/// <summary>One SLA target as of the answer, decided by <see cref="SlaTargetState"/>.</summary>
[Description("One SLA target as of this answer. A met or done target never counts down: only Running and Missed-while-open targets change with time.")]
public sealed record SlaTargetDto(
    [property: Description("Running: still to meet, not yet due. Paused: still to meet, its clock stopped while the ticket waits on the customer. Met: done by its due time. Missed: done after its due time, or still open past it. NoSla: no SLA applies. A resolved or closed ticket ends its targets: one closed without a resolution, or resolved before any first response, is judged by when it ended.")] SlaTargetKind Kind,
    [property: Description("When the target is due; null when no SLA applies.")] DateTime? Due,
    [property: Description("When the target was done (met or missed): the first public staff reply, the resolution, or when the ticket ended; null while still to meet.")] DateTime? Done,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Paused: since when the clock has stopped; the due time moves on by the wait when it resumes.")] DateTime? PausedSince,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Running: whole minutes until it is due.")] int? MinutesLeft,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Missed: whole minutes it was (or, while open, is) late.")] int? MinutesLate,
    [property: Description("The state in words, as the portal and the desk show it: \"due in 3 h 20 min (…)\", \"paused (…)\", \"met at … (due …)\", \"missed by 2 d 4 h (…)\" or \"no SLA applies\".")] string Text)
{
    public static SlaTargetDto From(SlaTargetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        int? Minutes(DateTime from, DateTime to) => (int)Math.Round(Math.Abs((to - from).TotalMinutes));
        return new(
            state.Kind,
            state.DueUtc,
            state.DoneUtc,
            state.PausedUtc,
            state.Kind == SlaTargetKind.Running ? Minutes(state.AtUtc, state.DueUtc!.Value) : null,
            state.Kind == SlaTargetKind.Missed ? Minutes(state.DueUtc!.Value, state.DoneUtc ?? state.PausedUtc ?? state.AtUtc) : null,
            state.Describe(Display.Utc));
    }
}

/// <param name="Clause">The id of the scope clause the reason rests on, also the anchor in <paramref name="ClauseUrl"/>.</param>
/// <param name="ClauseUrl">The clause on the public page of the scope version the verdict was given by.</param>
/// <param name="Contract">The contract number the reason rests on, e.g. C-0007.</param>
public sealed record ReasonDto(string Text, string? Clause, string? ClauseUrl, string? Contract);

/// <param name="Verdict">The verdict the override gives.</param>
/// <param name="OriginalVerdict">The judged verdict the override sits on.</param>
/// <param name="By">The name of the engineer who overrode it (null when not looked up); <paramref name="ById"/> their id.</param>
/// <param name="Goodwill">True when a request that was not entitled was made entitled: its work is unpaid.</param>
public sealed record OverrideDto(Verdict Verdict, Verdict OriginalVerdict, string? Reason, int ById, string? By, DateTime At, bool Goodwill);

/// <summary>
/// A verdict with its reasons. <c>Verdict</c> is the one in force (the override's when there is one);
/// <c>IntakeVerdict</c> the one given when the ticket was filed; <c>JudgedVerdict</c> the latest judgement's (the
/// intake's, or the one given when staff last corrected the ticket's facts, at <c>Reclassified</c>), which the reasons
/// explain. <c>ScopeVersion</c> is the number of the product's Scope of Support version it was judged by,
/// <c>Product</c> the product's code, <c>Contract</c> the contract number and <c>Plan</c> its plan.
/// <c>NeedsClassification</c>: no product the catalogue knows was named, so the verdict is provisional.
/// </summary>
public sealed record EntitlementDto(
    Verdict Verdict,
    Verdict IntakeVerdict,
    IReadOnlyList<ReasonDto> Reasons,
    int? ScopeVersion,
    string? ScopeUrl,
    string? Product,
    string? Contract,
    string? Plan,
    IReadOnlyList<string> OutOfScopeCategories,
    bool NeedsReview,
    OverrideDto? Override,
    bool NeedsClassification = false,
    Verdict? JudgedVerdict = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? Reclassified = null)
{
    /// <param name="staff">Customers see that a verdict was overridden, not the engineer's reason or whether it was goodwill.</param>
    public static EntitlementDto From(EntitlementView view, bool staff)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(
            view.Verdict,
            (view.Filed ?? view.Decision).Verdict,
            [.. view.Reasons.Select(r => new ReasonDto(r.Text, r.Clause, r.ClauseUrl, r.Contract))],
            view.ScopeNumber,
            view.ScopeUrl,
            view.ProductCode,
            view.ContractNumber,
            view.PlanName,
            view.Decision.OutOfScopeCategories,
            view.NeedsReview,
            view.Override is { } o ? new OverrideDto(o.Verdict, o.Original, staff ? o.Reason : null, o.ById, o.ByName, o.AtUtc, staff && o.Goodwill) : null,
            view.NeedsClassification,
            view.Decision.Verdict,
            view.Filed is null ? null : view.ClassifiedUtc);
    }
}

/// <summary>The verdict a request would get if it were filed now, and the due times it would set.</summary>
public sealed record EntitlementCheckDto(EntitlementDto Entitlement, SlaDto Sla);

/// <param name="NextDue">The earliest SLA due time still to meet, which <c>sort=due</c> orders by; null when none is.</param>
/// <param name="Queue">Staff: the skill queue the ticket waits in; absent while it is assigned.</param>
/// <param name="SlaState">Staff: None, AtRisk or Breached, as the SLA monitor last saw it.</param>
/// <param name="WaitingSince">Staff: when the ticket entered the queue it waits in (not when it was filed); absent while it waits in none.</param>
public sealed record TicketSummaryDto(
    int Id,
    string Number,
    string Subject,
    TicketStatus Status,
    int Severity,
    int OrganisationId,
    string OrganisationName,
    string RequesterName,
    int? AssigneeId,
    string? AssigneeName,
    string? Product,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    DateTime? NextDue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? SlaPausedSince = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Tier = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Queue = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlaState? SlaState = null,
    bool NeedsClassification = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? WaitingSince = null)
{
    public static TicketSummaryDto From(TicketSummary row, bool staff)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Id, row.Number, row.Subject, row.Status, (int)row.Severity, row.OrganisationId, row.OrganisationName,
            row.RequesterName, row.AssigneeId, row.AssigneeName, row.Product, row.CreatedUtc, row.UpdatedUtc,
            row.NextDueUtc, row.SlaPausedUtc,
            staff ? row.Tier : null, staff ? row.Queue : null, staff ? row.SlaState : null,
            row.NeedsClassification, staff ? row.QueuedUtc : null);
    }
}

/// <param name="Next">The continuation token for the next page (send it as <c>after</c>); null on the last page.</param>
public sealed record TicketListDto(IReadOnlyList<TicketSummaryDto> Items, string? Next);

/// <param name="BodyHtml">The body as safe HTML: typed text is encoded, so markup in it shows as text.</param>
public sealed record MessageDto(int Id, MessageKind Kind, int? AuthorId, string AuthorName, string BodyText, string BodyHtml, DateTime CreatedUtc);

/// <param name="Url">Where to download the file, with the same sign-in.</param>
public sealed record AttachmentDto(int Id, int MessageId, string FileName, string ContentType, long Size, DateTime CreatedUtc, string Url)
{
    public static AttachmentDto From(StoredAttachment file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Id, file.MessageId, file.FileName, file.ContentType, file.SizeBytes, file.CreatedUtc,
            $"/api/tickets/{TicketNumber.Format(file.TicketId)}/attachments/{file.Id}");
    }
}

public sealed record AuditEntryDto(int? ActorId, string ActorName, string Field, string? OldValue, string? NewValue, DateTime CreatedUtc);

public sealed record TimeEntryDto(int Id, int EngineerId, string EngineerName, int Minutes, string WorkDate, string Note, bool Billable, DateTime CreatedUtc)
{
    public static TimeEntryDto From(TimeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.EngineerId, entry.EngineerName, entry.Minutes, entry.WorkDate, entry.Note, entry.Billable, entry.CreatedUtc);
    }
}

/// <param name="Resolution">Which resolution of the ticket was rated (1 for the first).</param>
public sealed record RatingDto(int Resolution, int Score, string? Comment, DateTime CreatedUtc)
{
    public static RatingDto From(TicketRating rating)
    {
        ArgumentNullException.ThrowIfNull(rating);
        return new(rating.Resolution, rating.Score, rating.Comment, rating.CreatedUtc);
    }
}

/// <summary>
/// One ticket as its reader may see it, with its verdict, SLA due times and routing at the top as well as in the ticket. For customers the messages hold public replies only, and
/// <see cref="Audit"/> and <see cref="Time"/> are left out of the JSON altogether.
/// </summary>
public sealed record TicketDetailDto(
    TicketDto Ticket,
    EntitlementDto? Entitlement,
    SlaDto Sla,
    RoutingDto Routing,
    IReadOnlyList<MessageDto> Messages,
    IReadOnlyList<AttachmentDto> Attachments,
    RatingDto? Rating,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AuditEntryDto>? Audit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TimeEntryDto>? Time)
{
    /// <param name="nowUtc">The moment the SLA targets' states are as of; now when not given.</param>
    public static TicketDetailDto From(TicketView view, bool staff, DateTime? nowUtc = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var ticket = TicketDto.From(view.Ticket, view.Entitlement, staff, view.AssigneeName, nowUtc);
        return new(
            ticket,
            ticket.Entitlement,
            ticket.Sla,
            ticket.Routing,
            [.. view.Messages.Select(m => new MessageDto(m.Id, m.Kind, m.AuthorId, m.AuthorName, m.BodyText, m.BodyHtml, m.CreatedUtc))],
            [.. view.Attachments.Select(AttachmentDto.From)],
            view.Rating is null ? null : RatingDto.From(view.Rating),
            staff ? [.. view.Audit.Select(a => new AuditEntryDto(a.ActorId, a.ActorName, a.Field, a.OldValue, a.NewValue, a.CreatedUtc))] : null,
            staff ? [.. view.Time.Select(TimeEntryDto.From)] : null);
    }
}
