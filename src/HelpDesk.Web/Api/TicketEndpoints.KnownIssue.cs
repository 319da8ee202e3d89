using HelpDesk.Core.Accounts;
using HelpDesk.Core.KnownIssues;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

public static partial class TicketEndpoints
{
    private static void MapKnownIssue(RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{number}/known-issue", LinkKnownIssueAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithTags("Known issues")
            .WithSummary("Staff: link the ticket to a known issue (knownIssueId), replacing any earlier link, or unlink it with knownIssueId null. A ticket links to at most one known issue.")
            .Produces<KnownIssueDto>()
            .ProducesChangeProblems();
    }

    private static async Task<IResult> LinkKnownIssueAsync(string number, LinkKnownIssueBody input, HttpContext context, CurrentActor actors, LinkTicketToKnownIssue link)
    {
        var start = await BeginAsync(number, context, actors, staffOnly: true);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        var result = await link.HandleAsync(new LinkTicketRequest(actor, id, input.KnownIssueId), context.RequestAborted);
        if (!result.Succeeded)
        {
            return ResultResponses.Problem(result);
        }

        return result.Value is { } issue ? TypedResults.Ok(KnownIssueDto.From(issue)) : TypedResults.NoContent();
    }
}
