namespace HelpDesk.Core.Offers;

/// <summary>
/// Where an offer is. An offer is sent; the customer accepts or declines it, the engineer withdraws it, or it
/// expires. The four outcomes are final (see <see cref="OfferLifecycle"/>).
/// </summary>
public enum OfferStatus
{
    Sent,
    Accepted,
    Declined,
    Expired,
    Withdrawn,
}

/// <summary>
/// An offer made on a ticket from one offering version: its price and currency, the terms filled and rendered
/// (<see cref="TermsHtml"/> is exactly what the customer sees), and what it concerns — a contract to top up, renew
/// or upgrade (<see cref="ContractId"/>, null for a new contract or a service without one), the plan it sells and the
/// term quoted, or the size and incidents.
/// </summary>
public sealed record Offer
{
    public int Id { get; init; }
    public string Number => FormatNumber(Id);
    public int TicketId { get; init; }
    public int OrganisationId { get; init; }
    public OfferingKind Kind { get; init; }
    public int OfferingVersionId { get; init; }

    /// <summary>The ticket's product, when the catalogue knows it.</summary>
    public int? ProductId { get; init; }
    public int? PlanId { get; init; }
    public int? ContractId { get; init; }
    public OfferSize? Size { get; init; }
    public int? Incidents { get; init; }
    public DateOnly? TermStartsOn { get; init; }
    public DateOnly? TermEndsOn { get; init; }
    public long PriceCents { get; init; }
    public string Currency { get; init; } = "";
    public string Title { get; init; } = "";
    public string TermsMarkdown { get; init; } = "";
    public string TermsHtml { get; init; } = "";
    public IReadOnlyDictionary<string, string> Blanks { get; init; } = new Dictionary<string, string>();

    /// <summary>Why an offer was made on an entitled ticket (goodwill upsell); null otherwise.</summary>
    public string? Reason { get; init; }
    public DateTime ExpiresUtc { get; init; }
    public OfferStatus Status { get; init; }
    public int SentById { get; init; }
    public DateTime SentUtc { get; init; }
    public int? DecidedById { get; init; }
    public DateTime? DecidedUtc { get; init; }
    public string? DeclineReason { get; init; }
    public string? WithdrawReason { get; init; }
    public int Version { get; init; }

    public static string FormatNumber(int id) => $"O-{id:D4}";
}

/// <summary>
/// The immutable record of an acceptance: who, when, from where, and a copy of exactly the terms, price, currency
/// and offering version they accepted, with the SHA-256 (hex) of the UTF-8 terms HTML they were shown.
/// </summary>
public sealed record OfferAcceptance
{
    public int OfferId { get; init; }
    public int AcceptedById { get; init; }
    public string TypedName { get; init; } = "";
    public DateTime AcceptedUtc { get; init; }
    public string ClientAddress { get; init; } = "";
    public string UserAgent { get; init; } = "";
    public string TermsSha256 { get; init; } = "";
    public string TermsHtml { get; init; } = "";
    public long PriceCents { get; init; }
    public string Currency { get; init; } = "";
    public int OfferingVersionId { get; init; }
}

/// <summary>An offer as lists show it, with the names they need.</summary>
public sealed record OfferSummary
{
    public required Offer Offer { get; init; }
    public string OfferingCode { get; init; } = "";
    public int OfferingVersionNumber { get; init; }
    public string OrganisationName { get; init; } = "";
    public string SentByName { get; init; } = "";
}
