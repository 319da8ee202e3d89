using HelpDesk.Core.Contracts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

/// <summary>
/// Offers, their acceptance and what it starts, and quote requests. Reads that take an organisation return only that
/// organisation's rows, so another organisation's offer is simply not found. Every change is one transaction with its
/// audit lines on the ticket and its mail; a change of status is conditional on the offer still being Sent at the
/// version read, so of two concurrent decisions exactly one is stored.
/// </summary>
public interface IOfferStore
{
    /// <summary>Inserts the offer (Sent) with its audit lines and mail, and marks the ticket's open quote request answered.</summary>
    Task<Offer> CreateAsync(NewOffer offer, CancellationToken cancellationToken = default);

    /// <summary>Null when there is no such offer, or it belongs to another organisation than <paramref name="organisationId"/>.</summary>
    Task<Offer?> GetAsync(int offerId, int? organisationId = null, CancellationToken cancellationToken = default);

    /// <summary>The ticket's offers, newest first.</summary>
    Task<IReadOnlyList<Offer>> ListForTicketAsync(int ticketId, int? organisationId = null, CancellationToken cancellationToken = default);

    /// <summary>Offers newest first, of one organisation and/or status when given.</summary>
    Task<IReadOnlyList<OfferSummary>> ListAsync(int? organisationId, OfferStatus? status, int take, CancellationToken cancellationToken = default);

    /// <summary>A page of offers newest first, keyed by id, so no offer is skipped or repeated when offers are sent between pages.</summary>
    Task<OfferPage> PageAsync(OfferQuery query, CancellationToken cancellationToken = default);

    Task<OfferAcceptance?> GetAcceptanceAsync(int offerId, int? organisationId = null, CancellationToken cancellationToken = default);

    /// <summary>Records an acceptance and everything it starts in one transaction; null when the offer was no longer Sent at its version.</summary>
    Task<AcceptedOffer?> AcceptAsync(OfferAcceptanceWrite write, CancellationToken cancellationToken = default);

    /// <summary>Declines, withdraws or expires the offer with its audit lines and mail; null when it was no longer Sent at its version.</summary>
    Task<Offer?> DecideAsync(OfferDecisionWrite write, CancellationToken cancellationToken = default);

    /// <summary>Ids of Sent offers whose expiry is at or before <paramref name="nowUtc"/>, earliest first.</summary>
    Task<IReadOnlyList<int>> ListExpiredAsync(DateTime nowUtc, int take, CancellationToken cancellationToken = default);

    Task<ServicesEngagement?> GetEngagementAsync(int offerId, CancellationToken cancellationToken = default);

    Task<QuoteRequest> CreateQuoteRequestAsync(QuoteRequest request, AuditChange audit, CancellationToken cancellationToken = default);

    Task<QuoteRequest?> GetQuoteRequestAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The ticket's quote requests, newest first.</summary>
    Task<IReadOnlyList<QuoteRequest>> ListQuoteRequestsAsync(int? ticketId, QuoteRequestStatus? status, CancellationToken cancellationToken = default);

    /// <summary>Closes the request with an audit line on its ticket; null when the version is stale or it is not open.</summary>
    Task<QuoteRequest?> CloseQuoteRequestAsync(int id, int version, int actorId, DateTime nowUtc, CancellationToken cancellationToken = default);
}

/// <param name="Audit">The audit lines on the ticket, made from the saved offer (they need its number).</param>
/// <param name="Mail">The mail to queue, made from the saved offer.</param>
public sealed record NewOffer(Offer Offer, Func<Offer, IReadOnlyList<AuditChange>> Audit, Func<Offer, IReadOnlyList<OutboundMail>> Mail, DateTime NowUtc);

/// <summary>
/// An acceptance and what it starts: the accepted offer (at the version read), the acceptance record, services
/// revenue, and one of an engagement, a contract top-up or a pending contract; with the ticket's audit lines and mail.
/// </summary>
public sealed record OfferAcceptanceWrite(Offer Offer, OfferAcceptance Acceptance, IReadOnlyList<AuditChange> Audit, IReadOnlyList<OutboundMail> Mail)
{
    public ServicesRevenueLine? Revenue { get; init; }
    public ServicesEngagement? Engagement { get; init; }

    /// <summary>Incidents to add to <see cref="Offer.ContractId"/>'s <see cref="Contract.IncidentsBought"/>.</summary>
    public int? IncidentsBought { get; init; }
    public Contract? PendingContract { get; init; }
}

/// <summary>What an acceptance stored: the offer as accepted, and the engagement or pending contract it opened.</summary>
public sealed record AcceptedOffer(Offer Offer, int? EngagementId, int? PendingContractId);

/// <summary>A move of a Sent offer (at <see cref="Offer.Version"/>) to <see cref="Offer.Status"/>, with its reason fields already set.</summary>
public sealed record OfferDecisionWrite(Offer Offer, int? ActorId, IReadOnlyList<AuditChange> Audit, IReadOnlyList<OutboundMail> Mail, DateTime NowUtc);
