using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// Known issues under <c>/api/known-issues</c>. Staff (engineers and managers) see the ranked list with its figures and
/// reasons, create and change issues, and tell the customers of a fix. A customer sees known issues only through their
/// organisation's tickets: the list holds just the issues linked to those tickets, with the public fields, and any
/// other issue answers 404 exactly as one that does not exist.
/// </summary>
public static class KnownIssueEndpoints
{
    public static IEndpointRouteBuilder MapKnownIssueEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var issues = api.MapGroup("/known-issues").WithTags("Known issues").RequireAuthorization();
        issues.MapGet("/", ListAsync)
            .RequireScope(ApiScopes.ReadTickets)
            .WithSummary("Staff: the known issues ranked most costly first (labour spent on linked tickets, then contract value at stake, customers affected, open tickets, lowest CSAT), each with its reasons; filter by productId and status. Customers: the known issues linked to their organisation's tickets, public fields only.")
            .Produces<IReadOnlyList<KnownIssueRankDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        issues.MapPost("/", CreateAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: create a known issue (title, productId, affectedReleases, kind, status with statusRelease for a planned or shipped fix, publicNote).")
            .Produces<KnownIssueDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        issues.MapGet("/{id:int}", GetAsync)
            .RequireScope(ApiScopes.ReadTickets)
            .WithSummary("One known issue; for staff with its linked tickets. A customer sees it only when it is linked to one of their organisation's tickets.")
            .Produces<KnownIssueDetailDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        issues.MapPost("/{id:int}", ChangeAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: change a known issue; send every field and the version you read (409 when someone changed it meanwhile).")
            .Produces<KnownIssueDto>()
            .ProducesChangeProblems();

        issues.MapPost("/{id:int}/notices", TellCustomersAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: when the issue is fixed, post a public reply on each linked open ticket, mailed to its requester. Each ticket is told once, however often this is called.")
            .Produces<FixNoticeDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ListAsync(
        int? productId, KnownIssueStatus? status, HttpContext context, CurrentActor actors, KnownIssueList list, IKnownIssueStore store)
    {
        if (await actors.ResolveAsync(context.User) is not { } actor)
        {
            return TicketEndpoints.NoActor(context);
        }

        if (actor.IsCustomer)
        {
            var own = await store.ListForOrganisationAsync(actor.OrganisationId!.Value, context.RequestAborted);
            return TypedResults.Ok(own.Select(PublicKnownIssueDto.From).ToList());
        }

        var ranked = await list.RankAsync(new KnownIssueFilter(productId, status), context.RequestAborted);
        return TypedResults.Ok(ranked.Select(KnownIssueRankDto.From).ToList());
    }

    private static async Task<IResult> GetAsync(int id, HttpContext context, CurrentActor actors, IKnownIssueStore store)
    {
        if (await actors.ResolveAsync(context.User) is not { } actor)
        {
            return TicketEndpoints.NoActor(context);
        }

        if (actor.IsCustomer)
        {
            var own = (await store.ListForOrganisationAsync(actor.OrganisationId!.Value, context.RequestAborted)).FirstOrDefault(i => i.Id == id);
            return own is null ? Missing(id) : TypedResults.Ok(new KnownIssueDetailDto(KnownIssueDto.From(own), []));
        }

        var issue = await store.GetAsync(id, context.RequestAborted);
        if (issue is null)
        {
            return Missing(id);
        }

        var linked = await store.LinkedTicketsAsync([id], context.RequestAborted);
        return TypedResults.Ok(new KnownIssueDetailDto(KnownIssueDto.From(issue), [.. linked.Select(LinkedTicketDto.From)]));
    }

    private static async Task<IResult> CreateAsync(KnownIssueBody input, HttpContext context, CurrentActor actors, SaveKnownIssue save)
    {
        if (await StaffAsync(context, actors) is not { } actor)
        {
            return StaffOnly(context);
        }

        var result = await save.HandleAsync(new SaveKnownIssueRequest(actor, null, input.ToDraft()), context.RequestAborted);
        return result.Succeeded
            ? TypedResults.Created($"/api/known-issues/{result.Value!.Id}", KnownIssueDto.From(result.Value))
            : ResultResponses.Problem(result);
    }

    private static async Task<IResult> ChangeAsync(int id, KnownIssueBody input, HttpContext context, CurrentActor actors, SaveKnownIssue save)
    {
        if (await actors.ResolveAsync(context.User) is not { } actor)
        {
            return TicketEndpoints.NoActor(context);
        }

        var result = await save.HandleAsync(new SaveKnownIssueRequest(actor, id, input.ToDraft(), input.Version), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(KnownIssueDto.From(result.Value!)) : ResultResponses.Problem(result);
    }

    private static async Task<IResult> TellCustomersAsync(int id, HttpContext context, CurrentActor actors, TellCustomersOfFix tell)
    {
        if (await actors.ResolveAsync(context.User) is not { } actor)
        {
            return TicketEndpoints.NoActor(context);
        }

        var result = await tell.HandleAsync(actor, id, context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(FixNoticeDto.From(result.Value!)) : ResultResponses.Problem(result);
    }

    private static async Task<TicketActor?> StaffAsync(HttpContext context, CurrentActor actors) =>
        await actors.ResolveAsync(context.User) is { Kind: ActorKind.Staff } actor ? actor : null;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult StaffOnly(HttpContext context) => context.User.IsInRole(Core.Accounts.Roles.Customer)
        ? TypedResults.Problem("Engineers and managers keep the known issues; customers see those linked to their tickets.", statusCode: StatusCodes.Status403Forbidden, title: "Not allowed")
        : TicketEndpoints.NoActor(context);

    private static IResult Missing(int id) => ResultResponses.Problem(Result<KnownIssue>.NotFound($"There is no known issue {id}."));
}
