using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

public sealed record WithdrawOfferRequest(TicketActor Actor, int OfferId, string? Reason);

/// <summary>An engineer withdraws an offer the customer has not answered, saying why; the customer is told.</summary>
public sealed class WithdrawOffer(IOfferStore offers, ITicketStore tickets, IPeopleDirectory people, TimeProvider clock)
{
    public const int ReasonMaxLength = 1000;

    public async Task<Result<Offer>> HandleAsync(WithdrawOfferRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Actor.Kind != ActorKind.Staff || request.Actor.UserId is not int userId)
        {
            return OfferDecisions.NoSuchOffer<Offer>(request.OfferId);
        }

        var offer = await offers.GetAsync(request.OfferId, null, cancellationToken);
        if (offer is null)
        {
            return OfferDecisions.NoSuchOffer<Offer>(request.OfferId);
        }

        var reason = (request.Reason ?? "").Trim();
        if (reason.Length == 0)
        {
            return Result<Offer>.Invalid("reason", "Say why you withdraw the offer; the customer reads it.");
        }

        if (reason.Length > ReasonMaxLength)
        {
            return Result<Offer>.Invalid("reason", $"Keep the reason under {ReasonMaxLength:N0} characters.");
        }

        var now = clock.UtcNow();
        var move = OfferLifecycle.Check(offer, OfferAction.Withdraw, now);
        if (!move.Allowed)
        {
            return Result<Offer>.Invalid("", move.Why);
        }

        var ticket = await tickets.GetAsync(offer.TicketId, TicketScope.Staff, cancellationToken);
        if (ticket is null)
        {
            return OfferDecisions.NoSuchOffer<Offer>(request.OfferId);
        }

        var withdrawn = offer with { Status = OfferStatus.Withdrawn, DecidedById = userId, DecidedUtc = now, WithdrawReason = reason };
        var requester = await people.FindAsync(ticket.RequesterId, cancellationToken);
        var saved = await offers.DecideAsync(
            new OfferDecisionWrite(
                withdrawn,
                userId,
                [new AuditChange("offer", nameof(OfferStatus.Sent), $"Withdrew {offer.Number}: {reason}")],
                requester is null ? [] : [OfferMail.WithdrawnTo(ticket, withdrawn, requester)],
                now),
            cancellationToken);
        return saved is null ? await OfferDecisions.LostAsync<Offer>(offers, offer, OfferAction.Withdraw, now, cancellationToken) : Result<Offer>.Ok(saved);
    }
}
