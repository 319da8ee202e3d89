using System.Text.Json.Serialization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// An offer's own fields. <c>Price</c> is the amount as people read it, in the currency recorded when the offer was
/// sent. <c>Reason</c> (why an offer was made on an entitled ticket) is for staff only.
/// </summary>
public sealed record OfferDto(
    int Id,
    string Number,
    int TicketId,
    string Ticket,
    int OrganisationId,
    string? OrganisationName,
    OfferingKind Kind,
    int OfferingVersionId,
    string? OfferingCode,
    int? OfferingVersionNumber,
    string Title,
    OfferStatus Status,
    long PriceCents,
    string Currency,
    string Price,
    OfferSize? Size,
    int? Incidents,
    int? PlanId,
    int? ContractId,
    DateOnly? TermStartsOn,
    DateOnly? TermEndsOn,
    DateTime ExpiresUtc,
    int SentById,
    string? SentByName,
    DateTime SentUtc,
    DateTime? DecidedUtc,
    string? DeclineReason,
    string? WithdrawReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    int Version)
{
    public static OfferDto From(Offer offer, bool staff, OfferSummary? names = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new(
            offer.Id, offer.Number, offer.TicketId, TicketNumber.Format(offer.TicketId), offer.OrganisationId, names?.OrganisationName,
            offer.Kind, offer.OfferingVersionId, names?.OfferingCode, names?.OfferingVersionNumber, offer.Title, offer.Status,
            offer.PriceCents, offer.Currency, OfferMail.Price(offer), offer.Size, offer.Incidents, offer.PlanId, offer.ContractId,
            offer.TermStartsOn, offer.TermEndsOn, offer.ExpiresUtc, offer.SentById, names?.SentByName, offer.SentUtc, offer.DecidedUtc,
            offer.DeclineReason, offer.WithdrawReason, staff ? offer.Reason : null, offer.Version);
    }

    public static OfferDto From(OfferSummary summary, bool staff)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return From(summary.Offer, staff, summary);
    }
}

/// <summary>A page of offers, newest first; pass <c>next</c> as <c>after</c> for the following page (null on the last).</summary>
public sealed record OfferListDto(IReadOnlyList<OfferDto> Items, string? Next);

/// <summary>
/// One offer with its terms exactly as the customer is shown them (<c>TermsHtml</c>, and its SHA-256 that an
/// acceptance records), the blanks it was filled with, and once accepted the acceptance record.
/// </summary>
public sealed record OfferDetailDto(
    OfferDto Offer,
    string TermsHtml,
    string TermsSha256,
    IReadOnlyDictionary<string, string> Blanks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OfferAcceptanceDto? Acceptance)
{
    public static OfferDetailDto From(Offer offer, OfferAcceptance? acceptance, bool staff, OfferSummary? names = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new(
            OfferDto.From(offer, staff, names),
            offer.TermsHtml,
            OfferTerms.Sha256(offer.TermsHtml),
            offer.Blanks,
            acceptance is null ? null : OfferAcceptanceDto.From(acceptance, staff));
    }
}

/// <summary>
/// The immutable record of an acceptance: who, the name they typed, when, the terms' SHA-256, price, currency and
/// offering version accepted. The client address and user agent are for staff only.
/// </summary>
public sealed record OfferAcceptanceDto(
    int AcceptedById,
    string TypedName,
    DateTime AcceptedUtc,
    string TermsSha256,
    long PriceCents,
    string Currency,
    string Price,
    int OfferingVersionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientAddress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserAgent)
{
    public static OfferAcceptanceDto From(OfferAcceptance acceptance, bool staff)
    {
        ArgumentNullException.ThrowIfNull(acceptance);
        return new(
            acceptance.AcceptedById, acceptance.TypedName, acceptance.AcceptedUtc, acceptance.TermsSha256, acceptance.PriceCents,
            acceptance.Currency, Money.Format(acceptance.PriceCents, Core.Contracts.Currency.Parse(acceptance.Currency) ?? Core.Contracts.Currency.Default),
            acceptance.OfferingVersionId, staff ? acceptance.ClientAddress : null, staff ? acceptance.UserAgent : null);
    }
}

/// <summary>An accepted offer, its acceptance, and what it started: a services engagement or a contract awaiting activation.</summary>
public sealed record AcceptedOfferDto(
    OfferDetailDto Offer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? EngagementId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PendingContractId);

/// <summary>One size of work priced by size: its price and what it means.</summary>
public sealed record OfferingSizeDto(OfferSize Size, long Cents, string Price, string Definition);

/// <summary>
/// A published, active offering: the version new offers are made from (<c>VersionId</c>, to send as
/// <c>offeringVersionId</c>), its price (fixed, by size, or for a plan the plan's yearly list price pro rata), delivery,
/// the out-of-scope categories it answers, the products it applies to (none: any), its terms and their blanks.
/// </summary>
public sealed record OfferingDto(
    int Id,
    string Code,
    OfferingKind Kind,
    int VersionId,
    int VersionNumber,
    string Name,
    string Summary,
    PricingKind PricingKind,
    string Currency,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? PriceCents,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Price,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OfferingSizeDto>? Sizes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DeliveryDays,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Incidents,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PlanId,
    IReadOnlyList<string> Categories,
    IReadOnlyList<int> ProductIds,
    string TermsMarkdown,
    IReadOnlyList<string> Blanks,
    DateTime? PublishedUtc)
{
    public static OfferingDto From(CatalogueEntry entry, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(currency);
        var version = entry.Published ?? throw new ArgumentException("Only a published offering is listed.", nameof(entry));
        var fixedPrice = version.PricingKind == PricingKind.Fixed && version.PriceCents is long cents ? cents : (long?)null;
        return new(
            entry.Offering.Id,
            entry.Offering.Code,
            entry.Offering.Kind,
            version.Id,
            version.Number,
            version.Name,
            version.Summary,
            version.PricingKind,
            currency.Code,
            fixedPrice,
            fixedPrice is long price ? Money.Format(price, currency) : null,
            version.PricingKind == PricingKind.BySize
                ? [.. version.Sizes.Where(s => s.Cents is not null).Select(s => new OfferingSizeDto(s.Size, s.Cents!.Value, Money.Format(s.Cents.Value, currency), s.Definition ?? ""))]
                : null,
            version.DeliveryDays,
            version.Incidents,
            version.PlanId,
            version.Categories,
            version.ProductIds,
            version.TermsMarkdown,
            OfferTerms.Blanks(version.TermsMarkdown),
            version.PublishedUtc);
    }
}
