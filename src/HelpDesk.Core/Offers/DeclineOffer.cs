using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

public sealed record DeclineOfferRequest(TicketActor Actor, int OfferId, string? Reason);

/// <summary>A customer who may buy declines an offer, with a reason if they give one; the engineer who sent it hears.</summary>
public sealed class DeclineOffer(IOfferStore offers, ITicketStore tickets, IOrganisationStore organisations, IBuyingRights rights, IPeopleDirectory people, TimeProvider clock)
{
    public const int ReasonMaxLength = 1000;

    public async Task<Result<Offer>> HandleAsync(DeclineOfferRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = request.Actor;
        var offer = await OfferDecisions.LoadAsync(offers, request.OfferId, actor, cancellationToken);
        if (offer is null || !actor.IsCustomer || actor.UserId is not int userId)
        {
            return offer is null ? OfferDecisions.NoSuchOffer<Offer>(request.OfferId) : Result<Offer>.Invalid("", "Only the customer can decline an offer; withdraw it instead.");
        }

        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason is { Length: > ReasonMaxLength })
        {
            return Result<Offer>.Invalid("reason", $"Keep the reason under {ReasonMaxLength:N0} characters.");
        }

        var now = clock.UtcNow();
        var move = OfferLifecycle.Check(offer, OfferAction.Decline, now);
        if (!move.Allowed)
        {
            return Result<Offer>.Invalid("", move.Why);
        }

        var ticket = await tickets.GetAsync(offer.TicketId, actor.Scope, cancellationToken);
        var organisation = await organisations.GetAsync(offer.OrganisationId, cancellationToken);
        if (ticket is null || organisation is null)
        {
            return OfferDecisions.NoSuchOffer<Offer>(request.OfferId);
        }

        if (OfferDecisions.MayNotDecide(await rights.FindAsync(userId, cancellationToken), offer, ticket, organisation.Name) is { } refused)
        {
            return Result<Offer>.Invalid("", refused);
        }

        var declined = offer with { Status = OfferStatus.Declined, DecidedById = userId, DecidedUtc = now, DeclineReason = reason };
        var engineer = await people.FindAsync(offer.SentById, cancellationToken);
        var saved = await offers.DecideAsync(
            new OfferDecisionWrite(
                declined,
                userId,
                [new AuditChange("offer", nameof(OfferStatus.Sent), $"Declined {offer.Number}{(reason is null ? "" : $": {reason}")}")],
                engineer is null ? [] : [OfferMail.DeclinedTo(ticket, declined, engineer)],
                now),
            cancellationToken);
        return saved is null ? await OfferDecisions.LostAsync<Offer>(offers, offer, OfferAction.Decline, now, cancellationToken) : Result<Offer>.Ok(saved);
    }
}
