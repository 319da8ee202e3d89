namespace HelpDesk.Core.KnownIssues;

/// <summary>What a known issue is. Stored as its name.</summary>
public enum KnownIssueKind
{
    Defect,
    KnownLimitation,
    FeatureRequest,
}

/// <summary>Where a known issue stands. FixPlanned and Fixed name the release in <see cref="KnownIssue.StatusRelease"/>.</summary>
public enum KnownIssueStatus
{
    Open,
    FixPlanned,
    Fixed,
    WontFix,
}

/// <summary>
/// A defect, known limitation or feature request that tickets are linked to. The title, status and public note are
/// what customers see beside their linked tickets; everything else is for staff.
/// </summary>
public sealed record KnownIssue
{
    public int Id { get; init; }
    public required string Title { get; init; }
    public int ProductId { get; init; }
    public string ProductName { get; init; } = "";

    /// <summary>The releases the issue shows in, as staff write them (for example "5.1, 5.2").</summary>
    public string AffectedReleases { get; init; } = "";
    public KnownIssueKind Kind { get; init; }
    public KnownIssueStatus Status { get; init; }

    /// <summary>The release a fix is planned in or shipped in; null for Open and WontFix.</summary>
    public string? StatusRelease { get; init; }
    public string PublicNote { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public int Version { get; init; }

    /// <summary>The status in words, with its release: "Fix planned in 5.3".</summary>
    public string StatusText => KnownIssueWording.Status(Status, StatusRelease);
}

/// <summary>What staff typed in the known issue form or sent to the API, before it is checked.</summary>
public sealed record KnownIssueDraft(
    string? Title,
    int? ProductId,
    string? AffectedReleases,
    KnownIssueKind? Kind,
    KnownIssueStatus? Status,
    string? StatusRelease,
    string? PublicNote);

/// <summary>A ticket linked to a known issue, with what the list and the notice need of it.</summary>
public sealed record LinkedTicket(int KnownIssueId, int TicketId, int OrganisationId, string OrganisationName, string Subject, Tickets.TicketStatus Status)
{
    /// <summary>Still being worked: neither resolved nor closed.</summary>
    public bool IsOpen => Status is not (Tickets.TicketStatus.Resolved or Tickets.TicketStatus.Closed);
}

public static class KnownIssueWording
{
    public static string Status(KnownIssueStatus status, string? release) => status switch
    {
        KnownIssueStatus.FixPlanned => $"Fix planned in {release}",
        KnownIssueStatus.Fixed => $"Fixed in {release}",
        KnownIssueStatus.WontFix => "Won't fix",
        _ => "Open",
    };

    public static string Kind(KnownIssueKind kind) => kind switch
    {
        KnownIssueKind.KnownLimitation => "Known limitation",
        KnownIssueKind.FeatureRequest => "Feature request",
        _ => "Defect",
    };
}
