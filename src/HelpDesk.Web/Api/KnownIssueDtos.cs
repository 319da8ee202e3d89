using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Api;

public sealed record KnownIssueBody(
    string? Title,
    int? ProductId,
    string? AffectedReleases,
    KnownIssueKind? Kind,
    KnownIssueStatus? Status,
    string? StatusRelease,
    string? PublicNote,
    int? Version)
{
    public KnownIssueDraft ToDraft() => new(Title, ProductId, AffectedReleases, Kind, Status, StatusRelease, PublicNote);
}

public sealed record LinkKnownIssueBody(int? KnownIssueId);

public sealed record KnownIssueDto(
    int Id, string Title, int ProductId, string Product, string AffectedReleases, string Kind, string Status, string? StatusRelease,
    string StatusText, string PublicNote, DateTime UpdatedUtc, int Version)
{
    public static KnownIssueDto From(KnownIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new(issue.Id, issue.Title, issue.ProductId, issue.ProductName, issue.AffectedReleases, issue.Kind.ToString(), issue.Status.ToString(),
            issue.StatusRelease, issue.StatusText, issue.PublicNote, issue.UpdatedUtc, issue.Version);
    }
}

/// <summary>What a customer sees of a known issue linked to their tickets.</summary>
public sealed record PublicKnownIssueDto(int Id, string Title, string Product, string Status, string StatusText, string PublicNote)
{
    public static PublicKnownIssueDto From(KnownIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new(issue.Id, issue.Title, issue.ProductName, issue.Status.ToString(), issue.StatusText, issue.PublicNote);
    }
}

public sealed record KnownIssueRankDto(
    int Position, KnownIssueDto Issue, int CustomersAffected, long ContractValueCents, int OpenTickets, int LinkedTickets,
    double? MeanCsat, long LabourMinutes, long LabourCents, IReadOnlyList<string> Reasons)
{
    public static KnownIssueRankDto From(KnownIssueRank rank)
    {
        ArgumentNullException.ThrowIfNull(rank);
        return new(rank.Position, KnownIssueDto.From(rank.Issue), rank.CustomersAffected, rank.ContractValueCents, rank.OpenTickets,
            rank.LinkedTickets, rank.MeanCsat, rank.LabourMinutes, rank.LabourCents, rank.Reasons);
    }
}

public sealed record LinkedTicketDto(string Number, string Subject, int OrganisationId, string Organisation, string Status)
{
    public static LinkedTicketDto From(LinkedTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new(TicketNumber.Format(ticket.TicketId), ticket.Subject, ticket.OrganisationId, ticket.OrganisationName, ticket.Status.ToString());
    }
}

public sealed record KnownIssueDetailDto(KnownIssueDto Issue, IReadOnlyList<LinkedTicketDto> Tickets);

public sealed record FixNoticeDto(int Told, int AlreadyTold, IReadOnlyList<string> NotTold)
{
    public static FixNoticeDto From(FixNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new(notice.Told, notice.AlreadyTold, notice.NotTold);
    }
}
