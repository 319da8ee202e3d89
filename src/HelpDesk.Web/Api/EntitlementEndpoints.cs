using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// <c>/api/entitlement</c>: what a request would be judged before it is filed. A customer asks for their own
/// organisation only; the organisation is read from their account, never from the request.
/// </summary>
public static class EntitlementEndpoints
{
    public static IEndpointRouteBuilder MapEntitlementEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var entitlement = api.MapGroup("/entitlement").WithTags("Entitlement").RequireAuthorization();

        entitlement.MapPost("/check", CheckAsync)
            .RequireScope(ApiScopes.ReadTickets)
            .WithSummary("Customers: the verdict and SLA due times a request would get if filed now through the API, without filing it.")
            .Produces<EntitlementCheckDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> CheckAsync(EntitlementCheckBody input, HttpContext context, CurrentActor actors, CoverageChecks coverage, TimeProvider clock)
    {
        if (await actors.ResolveAsync(context.User) is not { IsCustomer: true } customer)
        {
            return TypedResults.Problem(
                "The check answers for the signed-in customer's organisation; staff see the verdict on each ticket.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Only customers check their coverage");
        }

        var errors = new List<FieldError>();
        TicketRules.Severity(errors, input.Severity ?? (int)Severity.Normal);
        if (errors.Count > 0)
        {
            return ResultResponses.Problem(Result<EntitlementCheckDto>.Invalid(errors));
        }

        var view = await coverage.CheckAsync(
            customer,
            new CoverageQuestion(input.Product, input.Release, input.Environment, input.Category, input.ModifiedSource ?? false, (Severity)(input.Severity ?? (int)Severity.Normal)),
            TicketChannel.Api,
            context.RequestAborted);
        return TypedResults.Ok(new EntitlementCheckDto(EntitlementDto.From(view, staff: false), SlaDto.From(view, clock.UtcNow())));
    }
}
