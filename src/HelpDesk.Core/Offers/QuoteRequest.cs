namespace HelpDesk.Core.Offers;

/// <summary>Open until a manager answers it with an offer (Offered) or closes it.</summary>
public enum QuoteRequestStatus
{
    Open,
    Offered,
    Closed,
}

/// <summary>
/// "We will quote this": a request on a ticket for which no offering fits, from the customer or an engineer, waiting
/// in the managers' pipeline.
/// </summary>
public sealed record QuoteRequest
{
    public int Id { get; init; }
    public int TicketId { get; init; }
    public int OrganisationId { get; init; }
    public int RequestedById { get; init; }
    public bool FromCustomer { get; init; }
    public string Note { get; init; } = "";
    public QuoteRequestStatus Status { get; init; }
    public int? OfferId { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime? ClosedUtc { get; init; }
    public int Version { get; init; }
}
