using HelpDesk.Core.Accounts;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

/// <summary>The mail an offer sends. Subjects carry the ticket's tag so that replies thread onto the ticket.</summary>
public static class OfferMail
{
    public const string Sent = "offer-sent";
    public const string Accepted = "offer-accepted";
    public const string Confirmed = "offer-confirmation";
    public const string Declined = "offer-declined";
    public const string Withdrawn = "offer-withdrawn";
    public const string Expired = "offer-expired";

    /// <summary>Where the customer reads the offer's terms and accepts or declines it, and later finds what they accepted.</summary>
    public static string Link(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return $"/portal/offers/{offer.Id}";
    }

    public static string Price(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return Money.Format(offer.PriceCents, Currency.Parse(offer.Currency) ?? Currency.Default);
    }

    public static OutboundMail SentTo(Ticket ticket, Offer offer, Person requester, PublicSite site) => new(
        Sent,
        requester.Email,
        $"{TicketMail.Tag(ticket)} Offer {offer.Number}: {offer.Title}",
        $"""
        Hello {requester.Name},

        For your request "{ticket.Subject}" ({ticket.Number}) we offer: {offer.Title}, for {Price(offer)}.
        The offer is open until {OfferLifecycle.Describe(offer.ExpiresUtc)}. Read the terms and accept or decline it on the portal:
        {site.Link(Link(offer))}
        """,
        TicketId: ticket.Id);

    public static OutboundMail AcceptedTo(Ticket ticket, Offer offer, Person engineer, string typedName) => new(
        Accepted,
        engineer.Email,
        $"{TicketMail.Tag(ticket)} Offer {offer.Number} accepted",
        $"""
        Hello {engineer.Name},

        {typedName} accepted offer {offer.Number} ({offer.Title}, {Price(offer)}) on {ticket.Number} "{ticket.Subject}".
        """,
        TicketId: ticket.Id);

    public static OutboundMail ConfirmationTo(Ticket ticket, Offer offer, Person customer, OfferAcceptance acceptance, PublicSite site) => new(
        Confirmed,
        customer.Email,
        $"{TicketMail.Tag(ticket)} You accepted offer {offer.Number}",
        $"""
        Hello {customer.Name},

        You accepted offer {offer.Number}: {offer.Title}, for {Price(offer)}, on {OfferLifecycle.Describe(acceptance.AcceptedUtc)} as "{acceptance.TypedName}".
        The terms you accepted (SHA-256 {acceptance.TermsSha256}) are kept on the portal: {site.Link(Link(offer))}
        """,
        TicketId: ticket.Id);

    public static OutboundMail DeclinedTo(Ticket ticket, Offer offer, Person engineer) => new(
        Declined,
        engineer.Email,
        $"{TicketMail.Tag(ticket)} Offer {offer.Number} declined",
        $"""
        Hello {engineer.Name},

        The customer declined offer {offer.Number} ({offer.Title}) on {ticket.Number}.{(string.IsNullOrWhiteSpace(offer.DeclineReason) ? " They gave no reason." : $"\nTheir reason: {offer.DeclineReason}")}
        """,
        TicketId: ticket.Id);

    public static OutboundMail WithdrawnTo(Ticket ticket, Offer offer, Person requester) => new(
        Withdrawn,
        requester.Email,
        $"{TicketMail.Tag(ticket)} Offer {offer.Number} withdrawn",
        $"""
        Hello {requester.Name},

        We withdrew offer {offer.Number} ({offer.Title}) on {ticket.Number}: {offer.WithdrawReason}
        """,
        TicketId: ticket.Id);

    public static OutboundMail ExpiredTo(Ticket ticket, Offer offer, Person engineer) => new(
        Expired,
        engineer.Email,
        $"{TicketMail.Tag(ticket)} Offer {offer.Number} expired",
        $"""
        Hello {engineer.Name},

        Offer {offer.Number} ({offer.Title}, {Price(offer)}) on {ticket.Number} "{ticket.Subject}" expired on {OfferLifecycle.Describe(offer.ExpiresUtc)} without an answer.
        Follow up with the customer, or make a new offer if they still need the work.
        """,
        TicketId: ticket.Id);
}
