namespace HelpDesk.Core.Offers;

/// <summary>
/// A page of offers, newest first. <see cref="OrganisationId"/> is the caller's organisation for a customer (their
/// scope) or a staff filter; <see cref="BeforeId"/> continues after the last offer of the previous page.
/// </summary>
public sealed record OfferQuery
{
    public int? OrganisationId { get; init; }
    public OfferStatus? Status { get; init; }
    public int? TicketId { get; init; }
    public int? BeforeId { get; init; }
    public int Take { get; init; } = 25;
}

/// <summary>One page of offers; <see cref="NextBeforeId"/> is where the next page starts, null on the last page.</summary>
public sealed record OfferPage(IReadOnlyList<OfferSummary> Items, int? NextBeforeId);
