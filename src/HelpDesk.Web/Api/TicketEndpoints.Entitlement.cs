using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

public static partial class TicketEndpoints
{
    private static void MapEntitlement(RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{number}/entitlement/override", OverrideAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: override the entitlement verdict with a reason the customer reads; send the version you read. The intake verdict is kept beside it.")
            .Produces<TicketDto>()
            .ProducesChangeProblems();
    }

    private static async Task<IResult> OverrideAsync(
        string number, OverrideEntitlementBody input, HttpContext context, CurrentActor actors, OverrideEntitlement overrideEntitlement, IPeopleDirectory people)
    {
        var start = await BeginAsync(number, context, actors, staffOnly: true);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        var errors = new List<FieldError>();
        if (input.Verdict is null)
        {
            errors.Add(new("verdict", "Give the verdict: " + string.Join(", ", Enum.GetNames<Verdict>()) + "."));
        }

        RequireVersion(errors, input.Version);
        if (errors.Count > 0)
        {
            return ResultResponses.Problem(Result<Ticket>.Invalid(errors));
        }

        var result = await overrideEntitlement.HandleAsync(
            new OverrideEntitlementRequest(actor, id, input.Verdict!.Value, input.Reason, input.Version),
            context.RequestAborted);
        if (!result.Succeeded)
        {
            return ResultResponses.Problem(result);
        }

        var by = await people.FindAsync(actor.UserId!.Value, context.RequestAborted);
        return TypedResults.Ok(TicketDto.From(result.Value!, EntitlementView.Of(result.Value!, by?.Name), staff: true));
    }
}
