using System.Text.Json.Serialization;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>A ticket's own fields. <c>Severity</c> is 1 (critical) to 4 (low), as it is filed.</summary>
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
    int Severity,
    TicketStatus Status,
    int? AssigneeId,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    DateTime? FirstResponseUtc,
    DateTime? ResolvedUtc,
    DateTime? ClosedUtc,
    int Resolutions,
    int Version)
{
    public static TicketDto From(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new(
            ticket.Id, ticket.Number, ticket.OrganisationId, ticket.RequesterId, ticket.Subject, ticket.Channel,
            ticket.Product, ticket.ProductRelease, ticket.Environment, ticket.Category, (int)ticket.Severity, ticket.Status,
            ticket.AssigneeId, ticket.CreatedUtc, ticket.UpdatedUtc, ticket.FirstResponseUtc, ticket.ResolvedUtc,
            ticket.ClosedUtc, ticket.Resolutions, ticket.Version);
    }
}

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
    DateTime UpdatedUtc)
{
    public static TicketSummaryDto From(TicketSummary row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Id, row.Number, row.Subject, row.Status, (int)row.Severity, row.OrganisationId, row.OrganisationName,
            row.RequesterName, row.AssigneeId, row.AssigneeName, row.Product, row.CreatedUtc, row.UpdatedUtc);
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
/// One ticket as its reader may see it. For customers the messages hold public replies only, and
/// <see cref="Audit"/> and <see cref="Time"/> are left out of the JSON altogether.
/// </summary>
public sealed record TicketDetailDto(
    TicketDto Ticket,
    IReadOnlyList<MessageDto> Messages,
    IReadOnlyList<AttachmentDto> Attachments,
    RatingDto? Rating,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AuditEntryDto>? Audit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TimeEntryDto>? Time)
{
    public static TicketDetailDto From(TicketView view, bool staff)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(
            TicketDto.From(view.Ticket),
            [.. view.Messages.Select(m => new MessageDto(m.Id, m.Kind, m.AuthorId, m.AuthorName, m.BodyText, m.BodyHtml, m.CreatedUtc))],
            [.. view.Attachments.Select(AttachmentDto.From)],
            view.Rating is null ? null : RatingDto.From(view.Rating),
            staff ? [.. view.Audit.Select(a => new AuditEntryDto(a.ActorId, a.ActorName, a.Field, a.OldValue, a.NewValue, a.CreatedUtc))] : null,
            staff ? [.. view.Time.Select(TimeEntryDto.From)] : null);
    }
}
