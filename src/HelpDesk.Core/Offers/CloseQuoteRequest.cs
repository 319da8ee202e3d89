using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

public sealed record CloseQuoteRequestRequest(TicketActor Actor, int QuoteRequestId, int Version);

/// <summary>Staff close an open quote request they will not answer with an offer; the ticket's audit trail says so.</summary>
public sealed class CloseQuoteRequest(IOfferStore offers, TimeProvider clock)
{
    public async Task<Result<QuoteRequest>> HandleAsync(CloseQuoteRequestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var quote = request.Actor.Kind == ActorKind.Staff ? await offers.GetQuoteRequestAsync(request.QuoteRequestId, cancellationToken) : null;
        if (quote is null || request.Actor.UserId is not int userId)
        {
            return Result<QuoteRequest>.NotFound("There is no such quote request.");
        }

        if (quote.Status != QuoteRequestStatus.Open)
        {
            return Result<QuoteRequest>.Invalid("", $"The quote request on {TicketNumber.Format(quote.TicketId)} is already {quote.Status.ToString().ToLowerInvariant()}.");
        }

        var closed = await offers.CloseQuoteRequestAsync(quote.Id, request.Version, userId, clock.UtcNow(), cancellationToken);
        return closed is null
            ? Result<QuoteRequest>.Conflict($"Someone else changed the quote request on {TicketNumber.Format(quote.TicketId)}; reload and try again.")
            : Result<QuoteRequest>.Ok(closed);
    }
}
