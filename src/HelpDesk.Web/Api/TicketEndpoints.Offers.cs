using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Offers;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

public static partial class TicketEndpoints
{
    private static void MapOffers(RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{number}/offers", MakeOfferAsync)
            .RequireScope(ApiScopes.ManageServices)
            .WithTags("Offers")
            .WithSummary("Staff: send the customer an offer from a published offering version (see GET /api/services/offerings): the size for work priced by size, blanks the ticket cannot fill, an expiry (Offers:ExpiryDays by default) and, on an entitled ticket, the reason.")
            .Produces<OfferDetailDto>(StatusCodes.Status201Created)
            .ProducesChangeProblems();
    }

    private static async Task<IResult> MakeOfferAsync(string number, MakeOfferBody input, HttpContext context, CurrentActor actors, MakeOffer makeOffer)
    {
        var start = await BeginAsync(number, context, actors, staffOnly: true);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        if (input.OfferingVersionId is not int versionId)
        {
            return ResultResponses.Problem(Result<Offer>.Invalid("offeringVersionId", "Choose the offering: give the versionId of a published offering as offeringVersionId."));
        }

        var result = await makeOffer.HandleAsync(
            new MakeOfferRequest(actor, id, versionId)
            {
                Size = input.Size,
                Blanks = input.Blanks ?? new Dictionary<string, string?>(),
                ExpiresOn = input.ExpiresOn,
                Reason = input.Reason,
            },
            context.RequestAborted);
        return result.Succeeded
            ? TypedResults.Created($"/api/offers/{result.Value!.Id}", OfferDetailDto.From(result.Value, acceptance: null, staff: true))
            : ResultResponses.Problem(result);
    }
}
