namespace HelpDesk.Core.KnownIssues;

/// <summary>Filters of the known issue list; null matches any.</summary>
public sealed record KnownIssueFilter(int? ProductId = null, KnownIssueStatus? Status = null);

/// <summary>Known issues, the tickets linked to them and the notices sent on those tickets.</summary>
public interface IKnownIssueStore
{
    Task<KnownIssue?> GetAsync(int id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<KnownIssue>> ListAsync(KnownIssueFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The known issues linked to the organisation's tickets: all a customer may see of them.</summary>
    Task<IReadOnlyList<KnownIssue>> ListForOrganisationAsync(int organisationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The known issues now <see cref="KnownIssueStatus.Fixed"/> that are linked to the organisation's tickets, each
    /// with how many of the organisation's own tickets are linked to it (other organisations' are not counted).
    /// </summary>
    Task<IReadOnlyList<ReportedFix>> FixedForOrganisationAsync(int organisationId, CancellationToken cancellationToken = default);

    /// <returns>The new issue's id.</returns>
    Task<int> AddAsync(KnownIssue issue, CancellationToken cancellationToken = default);

    /// <summary>Saves the issue when its <see cref="KnownIssue.Version"/> is the stored one; false when it is not (or it is gone).</summary>
    Task<bool> UpdateAsync(KnownIssue issue, CancellationToken cancellationToken = default);

    /// <summary>The known issue the ticket is linked to, if any.</summary>
    Task<KnownIssue?> ForTicketAsync(int ticketId, CancellationToken cancellationToken = default);

    /// <summary>Links the ticket to the issue, replacing any earlier link; null unlinks it.</summary>
    Task LinkAsync(int ticketId, int? knownIssueId, int linkedById, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LinkedTicket>> LinkedTicketsAsync(IReadOnlyList<int> knownIssueIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Per organisation and product, the sum of the value of the organisation's active contracts in force on
    /// <paramref name="day"/> that cover the product.
    /// </summary>
    Task<IReadOnlyList<CoveredValue>> CoveredValuesAsync(IReadOnlyList<int> organisationIds, DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>Records that the ticket's customer is being told of the issue's fix; false when that was already recorded.</summary>
    Task<bool> ClaimNoticeAsync(int knownIssueId, int ticketId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Forgets a notice whose reply could not be saved, so the next attempt sends it.</summary>
    Task ReleaseNoticeAsync(int knownIssueId, int ticketId, CancellationToken cancellationToken = default);
}

public sealed record CoveredValue(int OrganisationId, int ProductId, long ValueCents);

/// <summary>A fixed known issue an organisation reported: the release the fix shipped in and how many of its tickets were linked.</summary>
public sealed record ReportedFix(int KnownIssueId, string Title, string ProductName, string? Release, int Tickets);
