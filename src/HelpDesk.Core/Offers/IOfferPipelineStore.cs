using HelpDesk.Core.Organisations;

namespace HelpDesk.Core.Offers;

/// <summary>
/// What the services pipeline reads: every offer with the names it is grouped by and the revenue its acceptance
/// booked, and the open quote requests.
/// </summary>
public interface IOfferPipelineStore
{
    /// <summary>Offers sent since <paramref name="sinceUtc"/> or whose revenue was booked on or after that day (every offer when null).</summary>
    Task<IReadOnlyList<PipelineOffer>> ListOffersAsync(DateTime? sinceUtc, CancellationToken cancellationToken = default);

    /// <summary>Open quote requests, oldest first.</summary>
    Task<IReadOnlyList<PipelineQuoteRequest>> ListOpenQuoteRequestsAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// One offer as the pipeline counts it: its status, what it sold (offering, product), to whom (segment), who sent it,
/// and the services revenue its acceptance booked (<see cref="RevenueDay"/> ISO <c>yyyy-MM-dd</c>; none for a plan).
/// </summary>
public sealed record PipelineOffer
{
    public int OfferId { get; init; }
    public OfferStatus Status { get; init; }
    public OfferingKind Kind { get; init; }
    public string OfferingCode { get; init; } = "";
    public string OfferingName { get; init; } = "";
    public string? ProductName { get; init; }
    public CustomerSegment Segment { get; init; }
    public string EngineerName { get; init; } = "";
    public long PriceCents { get; init; }
    public DateTime SentUtc { get; init; }
    public DateTime? DecidedUtc { get; init; }
    public string? DeclineReason { get; init; }
    public string? RevenueDay { get; init; }
    public long? RevenueCents { get; init; }
}

/// <summary>An open quote request with the names the pipeline shows.</summary>
public sealed record PipelineQuoteRequest(QuoteRequest Request, string TicketSubject, string OrganisationName, string RequestedByName);
