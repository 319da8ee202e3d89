using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

/// <summary>
/// The recurring job that marks Sent offers past their expiry Expired and tells the engineer who sent each. An offer
/// answered at the same moment keeps its answer: the conditional write simply loses.
/// </summary>
public sealed class OfferExpiry(IOfferStore offers, ITicketStore tickets, IPeopleDirectory people, TimeProvider clock)
{
    private const int Batch = 500;

    /// <returns>How many offers expired.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow();
        var expired = 0;
        foreach (var id in await offers.ListExpiredAsync(now, Batch, cancellationToken))
        {
            var offer = await offers.GetAsync(id, null, cancellationToken);
            if (offer is null || !OfferLifecycle.Check(offer, OfferAction.Expire, now).Allowed)
            {
                continue;
            }

            var ticket = await tickets.GetAsync(offer.TicketId, TicketScope.Staff, cancellationToken);
            var engineer = await people.FindAsync(offer.SentById, cancellationToken);
            var changed = offer with { Status = OfferStatus.Expired, DecidedUtc = now };
            var write = new OfferDecisionWrite(
                changed,
                null,
                [new AuditChange("offer", nameof(OfferStatus.Sent), $"{offer.Number} expired on {OfferLifecycle.Describe(offer.ExpiresUtc)} without an answer.")],
                ticket is null || engineer is null ? [] : [OfferMail.ExpiredTo(ticket, changed, engineer)],
                now);
            if (await offers.DecideAsync(write, cancellationToken) is not null)
            {
                expired++;
            }
        }

        return expired;
    }
}
