using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

/// <summary>What deciding on an offer shares: loading it as the actor may see it, who may decide, and the lost race.</summary>
internal static class OfferDecisions
{
    public static Result<T> NoSuchOffer<T>(int offerId) => Result<T>.NotFound($"There is no offer {Offer.FormatNumber(offerId)}.");

    /// <summary>A customer sees only their organisation's offers; staff see every one.</summary>
    public static Task<Offer?> LoadAsync(IOfferStore offers, int offerId, TicketActor actor, CancellationToken cancellationToken) =>
        offers.GetAsync(offerId, actor.IsCustomer ? actor.OrganisationId ?? -1 : null, cancellationToken);

    /// <summary>
    /// Who may accept or decline for the organisation: the ticket's requester, or a customer of the organisation with
    /// the right to buy. Null when <paramref name="buyer"/> may; otherwise why not, in words.
    /// </summary>
    public static string? MayNotDecide(Buyer? buyer, Offer offer, Ticket ticket, string organisationName)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(ticket);
        if (buyer is null || buyer.OrganisationId != offer.OrganisationId)
        {
            return $"There is no offer {offer.Number}.";
        }

        return buyer.Id == ticket.RequesterId || buyer.CanBuyServices
            ? null
            : $"Only the person who raised {ticket.Number} or someone with the right to buy services for {organisationName} can accept or decline offer {offer.Number}. Ask your organisation's admin contact to give you the right to buy.";
    }

    /// <summary>After a conditional write lost: what happened to the offer instead, as the refusal to show.</summary>
    public static async Task<Result<T>> LostAsync<T>(IOfferStore offers, Offer offer, OfferAction action, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var now = await offers.GetAsync(offer.Id, null, cancellationToken);
        if (now is null || now.Status == OfferStatus.Sent)
        {
            return Result<T>.Conflict($"Someone else changed offer {offer.Number} at the same moment; reload it and try again.");
        }

        return Result<T>.Conflict(OfferLifecycle.Check(now, action, nowUtc).Why);
    }
}
