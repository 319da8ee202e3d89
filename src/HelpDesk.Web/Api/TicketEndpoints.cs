using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

/// <summary>
/// Tickets under <c>/api/tickets</c>, with the same rules as the pages: every call runs a Core use case or a read in
/// the caller's scope, so a customer reaches only their organisation's tickets and never internal notes or time.
/// Anything staff-only, and any ticket out of scope, answers 404 exactly as a ticket that does not exist.
/// </summary>
public static partial class TicketEndpoints
{
    private const int DefaultLimit = 25;
    private const int MaxLimit = 100;

    /// <summary>The header that makes filing and replying safe to repeat (see <see cref="RequestKeys"/>).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapTicketEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var tickets = api.MapGroup("/tickets").WithTags("Tickets").RequireAuthorization();

        tickets.MapPost("/", FileAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("File a ticket. Customers file for themselves; staff give requesterId, a customer whose organisation the ticket belongs to. With an Idempotency-Key header a repeat answers 201 with the ticket the first filed, and files nothing.")
            .Produces<TicketDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        tickets.MapGet("/", ListAsync)
            .RequireScope(ApiScopes.ReadTickets)
            .WithSummary("List tickets, newest activity first (sort=due: the next SLA due time first), a page at a time; pass the answer's next as after for the following page. Staff filter by assignee (me, none, an id) and skill queue (queue=keel/tier-2).")
            .Produces<TicketListDto>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        tickets.MapGet("/{number}", GetAsync)
            .RequireScope(ApiScopes.ReadTickets)
            .WithSummary("One ticket with its conversation and attachments; for staff also its audit trail and time.")
            .Produces<TicketDetailDto>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tickets.MapPost("/{number}/messages", PostMessageAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Reply, or (staff) add an internal note; it is added whatever changed since you read the ticket, unless you send the version you read. Staff may set a status with it, sending the version. With an Idempotency-Key header a repeat answers with the ticket, and adds nothing.")
            .Produces<TicketDto>()
            .ProducesChangeProblems();

        tickets.MapPost("/{number}/status", ChangeStatusAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Change the status; send the version you read.")
            .Produces<TicketDto>()
            .ProducesChangeProblems();

        tickets.MapPost("/{number}/assignee", AssignAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: assign the ticket to an engineer, or to nobody with assigneeId null; send the version you read.")
            .Produces<TicketDto>()
            .ProducesChangeProblems();

        tickets.MapPost("/{number}/time", LogTimeAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: log time worked on the ticket.")
            .Produces<TimeEntryDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        tickets.MapPost("/{number}/rating", RateAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("The requester rates the resolution of a resolved ticket, 1 to 5, once per resolution.")
            .Produces<RatingDto>(StatusCodes.Status201Created)
            .ProducesChangeProblems();

        MapAttachments(tickets);
        MapEntitlement(tickets);
        MapRouting(tickets);
        MapClassification(tickets);
        MapOffers(tickets);
        MapKnownIssue(tickets);
        return api;
    }

    private static async Task<IResult> FileAsync(
        FileTicketBody input, HttpContext context, CurrentActor actors, IPeopleDirectory people, FileTicket fileTicket)
    {
        if (await ActorAsync(context, actors) is not { } actor)
        {
            return NoActor(context);
        }

        int requesterId;
        int organisationId;
        if (actor.IsCustomer)
        {
            requesterId = actor.UserId!.Value;
            organisationId = actor.OrganisationId!.Value;
        }
        else
        {
            var requester = input.RequesterId is int id ? await people.FindAsync(id, context.RequestAborted) : null;
            if (requester is null || requester.IsStaff || requester.OrganisationId is null)
            {
                return ResultResponses.Problem(Result<Ticket>.Invalid(
                    "requesterId",
                    input.RequesterId is null
                        ? "Staff file tickets for a customer: give the customer's id as requesterId."
                        : "requesterId must be a customer who belongs to an organisation."));
            }

            requesterId = requester.Id;
            organisationId = requester.OrganisationId.Value;
        }

        var result = await fileTicket.HandleAsync(
            new FileTicketRequest
            {
                RequesterId = requesterId,
                OrganisationId = organisationId,
                Channel = TicketChannel.Api,
                Subject = input.Subject,
                Body = input.Body,
                Severity = input.Severity ?? (int)Severity.Normal,
                Product = input.Product,
                ProductRelease = input.ProductRelease,
                Environment = input.Environment,
                Category = input.Category,
                ModifiedSource = input.ModifiedSource ?? false,
                Language = input.Language,
                Key = KeyOf(context, actor),
            },
            context.RequestAborted);
        return result.Succeeded
            ? TypedResults.Created(Location(result.Value!.Id), TicketDto.From(result.Value, staff: !actor.IsCustomer))
            : ResultResponses.Problem(result);
    }

    /// <summary>The caller's Idempotency-Key header as their key for the request; null when they sent none.</summary>
    private static RequestKey? KeyOf(HttpContext context, TicketActor actor) =>
        context.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var values) && actor.UserId is int userId
            ? new RequestKey(userId, values.ToString())
            : null;

    private static async Task<IResult> ListAsync(
        HttpContext context,
        CurrentActor actors,
        ITicketStore store,
        string[]? status,
        string? severity,
        string? organisationId,
        string? product,
        string? assignee,
        string? queue,
        string? q,
        string? sort,
        string? limit,
        string? after)
    {
        if (await ActorAsync(context, actors) is not { } actor)
        {
            return NoActor(context);
        }

        var parsed = TicketListParameters.Parse(actor, status, severity, organisationId, product, assignee, queue, q, sort, limit, after, DefaultLimit, MaxLimit);
        if (parsed.Errors.Count > 0)
        {
            return MalformedInput(parsed.Errors);
        }

        var page = await store.ListAsync(parsed.Query!, context.RequestAborted);
        return TypedResults.Ok(new TicketListDto([.. page.Items.Select(row => TicketSummaryDto.From(row, staff: !actor.IsCustomer))], page.Next));
    }

    private static async Task<IResult> GetAsync(string number, HttpContext context, CurrentActor actors, TicketViews views, TimeProvider clock)
    {
        var start = await BeginAsync(number, context, actors);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        var view = await views.LoadAsync(id, actor, context.RequestAborted);
        return view is null
            ? NotFound(id)
            : TypedResults.Ok(TicketDetailDto.From(view, staff: !actor.IsCustomer, clock.UtcNow()));
    }

    private static async Task<IResult> PostMessageAsync(
        string number, PostMessageBody input, HttpContext context, CurrentActor actors, ReplyToTicket reply)
    {
        var start = await BeginAsync(number, context, actors);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        // The message itself is an append; a status set with it changes the ticket, and needs the version read.
        if (input.Status is not null && VersionMissing(input.Version) is { } missing)
        {
            return missing;
        }

        var result = await reply.HandleAsync(
            new ReplyToTicketRequest
            {
                Actor = actor,
                TicketId = id,
                Body = input.Body,
                Kind = input.Kind ?? MessageKind.Reply,
                Status = input.Status,
                ExpectedVersion = input.Version,
                Key = KeyOf(context, actor),
            },
            context.RequestAborted);
        return TicketOrProblem(result);
    }

    private static async Task<IResult> ChangeStatusAsync(
        string number, ChangeStatusBody input, HttpContext context, CurrentActor actors, ChangeTicketStatus changeStatus)
    {
        var start = await BeginAsync(number, context, actors);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        var errors = new List<FieldError>();
        if (input.Status is null)
        {
            errors.Add(new("status", "Give the status to move the ticket to."));
        }

        RequireVersion(errors, input.Version);
        if (errors.Count > 0)
        {
            return ResultResponses.Problem(Result<Ticket>.Invalid(errors));
        }

        var result = await changeStatus.HandleAsync(new ChangeTicketStatusRequest(actor, id, input.Status!.Value, input.Version), context.RequestAborted);
        return TicketOrProblem(result);
    }

    private static async Task<IResult> AssignAsync(
        string number, AssignBody input, HttpContext context, CurrentActor actors, AssignTicket assign)
    {
        // Staff-only: a customer learns nothing, not even which input would be wrong.
        var start = await BeginAsync(number, context, actors, staffOnly: true);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        var errors = new List<FieldError>();
        RequireVersion(errors, input.Version);
        if (errors.Count > 0)
        {
            return ResultResponses.Problem(Result<Ticket>.Invalid(errors));
        }

        var result = await assign.HandleAsync(new AssignTicketRequest(actor, id, input.AssigneeId, input.Version), context.RequestAborted);
        return TicketOrProblem(result);
    }

    private static async Task<IResult> LogTimeAsync(
        string number, LogTimeBody input, HttpContext context, CurrentActor actors, LogTime logTime)
    {
        var start = await BeginAsync(number, context, actors, staffOnly: true);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        var errors = new List<FieldError>();
        if (input.Minutes is null)
        {
            errors.Add(new("minutes", "Give the minutes worked."));
        }

        if (input.WorkDate is null)
        {
            errors.Add(new("workDate", "Give the day worked, as yyyy-MM-dd."));
        }

        if (errors.Count > 0)
        {
            return ResultResponses.Problem(Result<TimeEntry>.Invalid(errors));
        }

        var result = await logTime.HandleAsync(
            new LogTimeRequest(actor, id, input.Minutes!.Value, input.WorkDate!.Value, input.Note, input.Billable ?? true),
            context.RequestAborted);
        return result.Succeeded
            ? TypedResults.Created(Location(id), TimeEntryDto.From(result.Value!))
            : ResultResponses.Problem(result);
    }

    private static async Task<IResult> RateAsync(
        string number, RateBody input, HttpContext context, CurrentActor actors, RateTicket rate)
    {
        var start = await BeginAsync(number, context, actors);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        if (input.Score is null)
        {
            return ResultResponses.Problem(Result<TicketRating>.Invalid("score", "Give a score from 1 (very dissatisfied) to 5 (very satisfied)."));
        }

        var result = await rate.HandleAsync(new RateTicketRequest(actor, id, input.Score.Value, input.Comment), context.RequestAborted);
        return result.Succeeded
            ? TypedResults.Created(Location(id), RatingDto.From(result.Value!))
            : ResultResponses.Problem(result);
    }

    private static string Location(int ticketId) => $"/api/tickets/{TicketNumber.Format(ticketId)}";

    private static IResult TicketOrProblem(Result<Ticket> result) =>
        result.Succeeded ? TypedResults.Ok(TicketDto.From(result.Value!)) : ResultResponses.Problem(result);

    private static void RequireVersion(List<FieldError> errors, int? version)
    {
        if (version is null)
        {
            errors.Add(new("version", "Send the version of the ticket you read, so a change made meanwhile is not overwritten."));
        }
    }

    /// <summary>The same answer for a ticket that does not exist and one the caller may not see.</summary>
    private static IResult NotFound(int ticketId) =>
        ResultResponses.Problem(Result<Ticket>.NotFound($"There is no ticket {TicketNumber.Format(ticketId)}."));

    /// <summary>
    /// What every route of one ticket does first: read the number and find who is asking. A staff-only route
    /// answers a customer exactly as it answers a missing ticket, so it tells them nothing.
    /// </summary>
    private static async Task<TicketCallStart> BeginAsync(string number, HttpContext context, CurrentActor actors, bool staffOnly = false)
    {
        if (!TicketNumber.TryParse(number, out var id))
        {
            return new(null, MalformedInput([new FieldError("number", "That is not a ticket number; use the form HD-42 or 42.")]));
        }

        if (await ActorAsync(context, actors) is not { } actor)
        {
            return new(null, NoActor(context));
        }

        return staffOnly && actor.IsCustomer ? new(null, NotFound(id)) : new(new TicketCall(id, actor), Results.Empty);
    }

    private sealed record TicketCall(int Id, TicketActor Actor);

    /// <param name="Problem">The answer to give when <paramref name="Call"/> is null.</param>
    private sealed record TicketCallStart(TicketCall? Call, IResult Problem);

    /// <summary>Input that cannot even be read (a malformed number, token or parameter): 400, naming the field.</summary>
    internal static ProblemHttpResult MalformedInput(IReadOnlyList<FieldError> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is malformed; see errors",
            Detail = string.Join(" ", errors.Select(e => e.Message)),
        });

    private static Task<TicketActor?> ActorAsync(HttpContext context, CurrentActor actors) => actors.ResolveAsync(context.User);

    /// <summary>Signed in, but not someone who may act on tickets: a customer awaiting placement, or an admin only.</summary>
    internal static ProblemHttpResult NoActor(HttpContext context)
    {
        var detail = context.User.IsInRole(Roles.Customer)
            ? "Your account is not yet placed in an organisation, so it cannot file or see tickets. A manager places new accounts; ask your organisation's contact or reply to your confirmation mail."
            : "Your account has no role that works with tickets.";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed to work with tickets");
    }
}

internal static class TicketEndpointMetadata
{
    /// <summary>What a change to an existing ticket can answer besides success: unreadable input, not found, stale, invalid.</summary>
    public static RouteHandlerBuilder ProducesChangeProblems(this RouteHandlerBuilder builder) => builder
        .ProducesValidationProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
