using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

public sealed record RequestQuoteRequest(TicketActor Actor, int TicketId, string? Note);

/// <summary>
/// "We will quote this": puts a ticket in the managers' pipeline when no offering fits. An engineer may ask on any
/// ticket and says what to quote; a customer may ask on their own ticket when it is not covered and no offer waits
/// for their answer. A ticket has at most one open request.
/// </summary>
public sealed class RequestQuote(IOfferStore offers, ITicketStore tickets, TimeProvider clock)
{
    public const int NoteMaxLength = 2000;

    public async Task<Result<QuoteRequest>> HandleAsync(RequestQuoteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = request.Actor;
        if (actor.Kind == ActorKind.System || actor.UserId is not int userId)
        {
            return Result<QuoteRequest>.NotFound($"There is no ticket {TicketNumber.Format(request.TicketId)}.");
        }

        var ticket = await tickets.GetAsync(request.TicketId, actor.Scope, cancellationToken);
        if (ticket is null)
        {
            return Result<QuoteRequest>.NotFound($"There is no ticket {TicketNumber.Format(request.TicketId)}.");
        }

        var note = (request.Note ?? "").Trim();
        if (note.Length > NoteMaxLength)
        {
            return Result<QuoteRequest>.Invalid("note", $"Keep the note under {NoteMaxLength:N0} characters.");
        }

        if (!actor.IsCustomer && note.Length == 0)
        {
            return Result<QuoteRequest>.Invalid("note", "Say what the managers should quote: the work, its size, anything the customer asked for.");
        }

        if (actor.IsCustomer)
        {
            if (ticket.Verdict is null or Verdict.Entitled)
            {
                return Result<QuoteRequest>.Invalid("", $"{ticket.Number} is covered by your support, so there is nothing to quote.");
            }

            if ((await offers.ListForTicketAsync(ticket.Id, ticket.OrganisationId, cancellationToken)).FirstOrDefault(o => o.Status == OfferStatus.Sent) is { } waiting)
            {
                return Result<QuoteRequest>.Invalid("", $"Offer {waiting.Number} on {ticket.Number} is waiting for your answer; accept or decline it first.");
            }
        }

        if (await offers.ListQuoteRequestsAsync(ticket.Id, QuoteRequestStatus.Open, cancellationToken) is [var open, ..])
        {
            return Result<QuoteRequest>.Invalid("", $"A quote for {ticket.Number} was already requested on {EntitlementWording.Date(DateOnly.FromDateTime(open.CreatedUtc))}; the managers will answer it.");
        }

        var now = clock.UtcNow();
        var saved = await offers.CreateQuoteRequestAsync(
            new QuoteRequest
            {
                TicketId = ticket.Id,
                OrganisationId = ticket.OrganisationId,
                RequestedById = userId,
                FromCustomer = actor.IsCustomer,
                Note = note,
                Status = QuoteRequestStatus.Open,
                CreatedUtc = now,
            },
            new AuditChange("quote-request", null, note.Length == 0 ? "Asked for a quote." : $"Asked for a quote: {note}"),
            cancellationToken);
        return Result<QuoteRequest>.Ok(saved);
    }
}
