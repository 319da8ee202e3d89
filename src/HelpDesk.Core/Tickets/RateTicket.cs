using HelpDesk.Core.Common;

namespace HelpDesk.Core.Tickets;

/// <param name="Resolution">The resolution a rating link was made for; a ticket resolved again since refuses it.</param>
public sealed record RateTicketRequest(TicketActor Actor, int TicketId, int Score, string? Comment, int? Resolution = null);

/// <summary>The requester's satisfaction rating (CSAT, 1–5) of a resolution; one rating per resolution.</summary>
public sealed class RateTicket(ITicketStore tickets, TimeProvider clock)
{
    public async Task<Result<TicketRating>> HandleAsync(RateTicketRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        if (request.Score is < 1 or > 5)
        {
            errors.Add(new("score", "Choose a rating from 1 (very dissatisfied) to 5 (very satisfied)."));
        }

        TicketRules.Optional(errors, "comment", request.Comment, TicketRules.CommentMaxLength, "comment");
        if (errors.Count > 0)
        {
            return Result<TicketRating>.Invalid(errors);
        }

        var loaded = await TicketChanges.LoadAsync(tickets, request.TicketId, request.Actor, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded.As<TicketRating>();
        }

        var ticket = loaded.Value!;
        if (!request.Actor.IsCustomer || request.Actor.UserId != ticket.RequesterId)
        {
            return Result<TicketRating>.Invalid("score", "Only the person who asked for help rates its resolution.");
        }

        if (ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed) || ticket.Resolutions == 0)
        {
            return Result<TicketRating>.Invalid("score", $"{ticket.Number} is not resolved yet; you can rate it once it is.");
        }

        if (request.Resolution is int resolution && resolution != ticket.Resolutions)
        {
            return Result<TicketRating>.Invalid("score", $"{ticket.Number} was reopened and resolved again since that mail; rate it from the newest one or on the portal.");
        }

        var rating = new TicketRating
        {
            TicketId = ticket.Id,
            Resolution = ticket.Resolutions,
            RaterId = request.Actor.UserId.Value,
            Score = request.Score,
            Comment = TicketRules.Clean(request.Comment),
            CreatedUtc = clock.UtcNow(),
        };
        return await tickets.AddRatingAsync(rating, cancellationToken)
            ? Result<TicketRating>.Ok(rating)
            : Result<TicketRating>.Conflict($"You already rated this resolution of {ticket.Number}. Thank you!");
    }
}
