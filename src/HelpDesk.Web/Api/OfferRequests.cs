using HelpDesk.Core.Offers;

namespace HelpDesk.Web.Api;

/// <summary>An offer on a ticket, from a published offering version (see <c>GET /api/services/offerings</c>).</summary>
/// <param name="OfferingVersionId">Required: the published version to offer (<c>versionId</c> of an offering).</param>
/// <param name="Size">For work priced by size: small, medium or large.</param>
/// <param name="Blanks">Values for the terms' blanks by name; the ticket fills release, environment, product, customer and ticket, and the offer fills price, expiry, delivery, size, plan, term and contract.</param>
/// <param name="ExpiresOn">The last day the offer can be accepted (yyyy-MM-dd, UTC); Offers:ExpiryDays after today when left out.</param>
/// <param name="Reason">Required when the ticket is entitled to support: why an offer is made anyway (goodwill).</param>
public sealed record MakeOfferBody(int? OfferingVersionId, OfferSize? Size, Dictionary<string, string?>? Blanks, DateOnly? ExpiresOn, string? Reason);

/// <param name="TypedName">Required: the customer's full name, typed as their signature on the terms.</param>
/// <param name="TermsSha256">Optional: the SHA-256 (hex) of the terms HTML the caller showed; acceptance is refused (409) when it is not the offer's.</param>
public sealed record AcceptOfferBody(string? TypedName, string? TermsSha256);

/// <param name="Reason">Optional: why the offer is declined; the engineer who sent it reads it.</param>
public sealed record DeclineOfferBody(string? Reason);

/// <param name="Reason">Required: why the offer is withdrawn; the customer reads it.</param>
public sealed record WithdrawOfferBody(string? Reason);
