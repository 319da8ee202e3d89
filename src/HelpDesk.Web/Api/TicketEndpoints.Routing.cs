using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

public static partial class TicketEndpoints
{
    private static void MapRouting(RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{number}/escalate", EscalateAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: send the ticket up a tier (3 at most) with a reason; the router chooses again among that tier's engineers or queues it. Send the version you read.")
            .Produces<TicketDto>()
            .ProducesChangeProblems();

        tickets.MapPost("/{number}/handback", HandBackAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: hand an assigned ticket back with a reason; the router chooses again, leaving out the engineer it had. Send the version you read.")
            .Produces<TicketDto>()
            .ProducesChangeProblems();

        tickets.MapPost("/{number}/reassign", ReassignAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Managers: give the ticket to engineerId (capacity may be exceeded), or with engineerId null let the router choose someone other than the assignee. Send the version you read.")
            .Produces<TicketDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesChangeProblems();
    }

    private static Task<IResult> EscalateAsync(
        string number, EscalateBody input, HttpContext context, CurrentActor actors, EscalateTicket escalate, IPeopleDirectory people) =>
        RerouteAsync(number, input.Version, managersOnly: false, context, actors, people, (id, actor, ct) =>
            escalate.HandleAsync(new EscalateTicketRequest(actor, id, input.Reason, input.Version), ct));

    private static Task<IResult> HandBackAsync(
        string number, HandBackBody input, HttpContext context, CurrentActor actors, HandBackTicket handBack, IPeopleDirectory people) =>
        RerouteAsync(number, input.Version, managersOnly: false, context, actors, people, (id, actor, ct) =>
            handBack.HandleAsync(new HandBackTicketRequest(actor, id, input.Reason, input.Version), ct));

    private static Task<IResult> ReassignAsync(
        string number, ReassignBody input, HttpContext context, CurrentActor actors, ReassignTicket reassign, IPeopleDirectory people) =>
        RerouteAsync(number, input.Version, managersOnly: true, context, actors, people, (id, actor, ct) =>
            reassign.HandleAsync(new ReassignTicketRequest(actor, id, input.EngineerId, input.Reason, input.Version), ct));

    /// <summary>
    /// What the three share: staff only (managers only for reassignment), the version the caller read, the change,
    /// and the ticket as staff see it or the problem.
    /// </summary>
    private static async Task<IResult> RerouteAsync(
        string number,
        int? version,
        bool managersOnly,
        HttpContext context,
        CurrentActor actors,
        IPeopleDirectory people,
        Func<int, TicketActor, CancellationToken, Task<Result<Ticket>>> change)
    {
        var start = await BeginAsync(number, context, actors, staffOnly: true);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        // An engineer knows the ticket exists; what they may not do is override the router and a colleague's work.
        if (managersOnly && !context.User.IsInRole(Roles.Manager))
        {
            return TypedResults.Problem(
                "Only managers reassign tickets. Hand the ticket back instead, or escalate it, and the router chooses again.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Managers only");
        }

        if (VersionMissing(version) is { } missing)
        {
            return missing;
        }

        var result = await change(id, actor, context.RequestAborted);
        return await RoutedOrProblemAsync(result, people, context.RequestAborted);
    }

    private static IResult? VersionMissing(int? version)
    {
        var errors = new List<FieldError>();
        RequireVersion(errors, version);
        return errors.Count > 0 ? ResultResponses.Problem(Result<Ticket>.Invalid(errors)) : null;
    }

    /// <summary>The ticket as staff see it, with where the router put it and why.</summary>
    private static async Task<IResult> RoutedOrProblemAsync(Result<Ticket> result, IPeopleDirectory people, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return ResultResponses.Problem(result);
        }

        var ticket = result.Value!;
        var assignee = ticket.AssigneeId is int assigneeId ? await people.FindAsync(assigneeId, cancellationToken) : null;
        return TypedResults.Ok(TicketDto.From(ticket, staff: true, assigneeName: assignee?.Name));
    }
}
