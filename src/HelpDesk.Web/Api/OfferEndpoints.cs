using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// Services offers under <c>/api/offers</c> and the catalogue's published offerings under
/// <c>/api/services/offerings</c>, thin over the offer use cases. A customer reaches only their organisation's offers:
/// another organisation's offer answers 404 exactly as one that does not exist, and so do staff-only routes. A
/// refusal known before anything is written (accepting an offer already decided, expired or withdrawn, without the
/// right to buy) answers 422 with the reason; losing a race to another decision at the same moment answers 409 saying
/// what happened instead.
/// </summary>
public static class OfferEndpoints
{
    /// <summary>Where a page of offers ended: the last offer's id.</summary>
    private static readonly ListCursor Cursor = new("offers.");

    public static IEndpointRouteBuilder MapOfferEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGroup("/services").WithTags("Offers").RequireAuthorization()
            .MapGet("/offerings", OfferingsAsync)
            .RequireScope(ApiScopes.ManageServices)
            .WithSummary("The published, active offerings of the services catalogue, with the version new offers are made from.")
            .Produces<IReadOnlyList<OfferingDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var offers = api.MapGroup("/offers").WithTags("Offers").RequireAuthorization();
        offers.MapGet("/", ListAsync)
            .RequireScope(ApiScopes.ReadTickets)
            .WithSummary("List offers, newest first, a page at a time (pass the answer's next as after). Customers see their organisation's; staff filter by organisationId. Filter by status (Sent, Accepted, Declined, Expired, Withdrawn) and ticket.")
            .Produces<OfferListDto>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        offers.MapGet("/{id}", GetAsync)
            .RequireScope(ApiScopes.ReadTickets)
            .WithSummary("One offer (id 42 or O-0042) with its terms as the customer sees them, their SHA-256 and, once accepted, the acceptance record.")
            .Produces<OfferDetailDto>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        offers.MapPost("/{id}/accept", AcceptAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("The requester, or a customer of the organisation with the right to buy, accepts with their typed name; the client address and user agent are recorded. Refused (422) when already decided, expired or withdrawn; 409 when another decision won at the same moment.")
            .Produces<AcceptedOfferDto>()
            .ProducesChangeProblems();

        offers.MapPost("/{id}/decline", DeclineAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("The requester, or a customer with the right to buy, declines, with an optional reason.")
            .Produces<OfferDto>()
            .ProducesChangeProblems();

        offers.MapPost("/{id}/withdraw", WithdrawAsync)
            .RequireScope(ApiScopes.ManageServices)
            .WithSummary("Staff: withdraw an offer the customer has not answered, saying why (the customer reads it).")
            .Produces<OfferDto>()
            .ProducesChangeProblems();
        return api;
    }

    private static async Task<IResult> OfferingsAsync(HttpContext context, CurrentActor actors, IOfferingStore offerings, Currency currency)
    {
        if (await actors.ResolveAsync(context.User) is null)
        {
            return TicketEndpoints.NoActor(context);
        }

        var entries = await offerings.ListAsync(context.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<OfferingDto>>([.. entries.Where(e => e.Offerable).Select(e => OfferingDto.From(e, currency))]);
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, CurrentActor actors, IOfferStore store, string? status, string? organisationId, string? ticket, string? limit, string? after)
    {
        if (await actors.ResolveAsync(context.User) is not { } actor)
        {
            return TicketEndpoints.NoActor(context);
        }

        var errors = new List<FieldError>();
        OfferStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.GetNames<OfferStatus>().FirstOrDefault(n => string.Equals(n, status.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                statusFilter = Enum.Parse<OfferStatus>(name);
            }
            else
            {
                errors.Add(new("status", $"'{status}' is not an offer status; use one of {string.Join(", ", Enum.GetNames<OfferStatus>())}."));
            }
        }

        int? organisation = actor.IsCustomer ? actor.OrganisationId : null;
        if (!actor.IsCustomer && !string.IsNullOrWhiteSpace(organisationId))
        {
            if (int.TryParse(organisationId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                organisation = id;
            }
            else
            {
                errors.Add(new("organisationId", "The organisation is given by its id, a number."));
            }
        }

        int? ticketId = null;
        if (!string.IsNullOrWhiteSpace(ticket))
        {
            if (TicketNumber.TryParse(ticket, out var id))
            {
                ticketId = id;
            }
            else
            {
                errors.Add(new("ticket", "That is not a ticket number; use the form HD-42 or 42."));
            }
        }

        var (take, before) = Cursor.Read(limit, after, errors);
        if (errors.Count > 0)
        {
            return TicketEndpoints.MalformedInput(errors);
        }

        var page = await store.PageAsync(
            new OfferQuery { OrganisationId = organisation, Status = statusFilter, TicketId = ticketId, BeforeId = before, Take = take },
            context.RequestAborted);
        return TypedResults.Ok(new OfferListDto(
            [.. page.Items.Select(s => OfferDto.From(s, staff: !actor.IsCustomer))],
            page.NextBeforeId is int next ? Cursor.Encode(next) : null));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, CurrentActor actors, IOfferStore store)
    {
        var start = await BeginAsync(id, context, actors);
        if (start.Call is not (var offerId, var actor))
        {
            return start.Problem;
        }

        var scope = actor.IsCustomer ? actor.OrganisationId ?? -1 : (int?)null;
        var offer = await store.GetAsync(offerId, scope, context.RequestAborted);
        if (offer is null)
        {
            return NotFound(offerId);
        }

        var acceptance = offer.Status == OfferStatus.Accepted ? await store.GetAcceptanceAsync(offerId, scope, context.RequestAborted) : null;
        return TypedResults.Ok(OfferDetailDto.From(offer, acceptance, staff: !actor.IsCustomer));
    }

    private static async Task<IResult> AcceptAsync(string id, AcceptOfferBody input, HttpContext context, CurrentActor actors, AcceptOffer accept, IOfferStore store)
    {
        var start = await BeginAsync(id, context, actors);
        if (start.Call is not (var offerId, var actor))
        {
            return start.Problem;
        }

        var result = await accept.HandleAsync(
            new AcceptOfferRequest(actor, offerId, input.TypedName, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString())
            {
                ShownTermsSha256 = input.TermsSha256,
            },
            context.RequestAborted);
        if (!result.Succeeded)
        {
            return ResultResponses.Problem(result);
        }

        var accepted = result.Value!;
        var acceptance = await store.GetAcceptanceAsync(offerId, actor.OrganisationId, context.RequestAborted);
        return TypedResults.Ok(new AcceptedOfferDto(
            OfferDetailDto.From(accepted.Offer, acceptance, staff: !actor.IsCustomer),
            accepted.EngagementId,
            accepted.PendingContractId));
    }

    private static async Task<IResult> DeclineAsync(string id, DeclineOfferBody? input, HttpContext context, CurrentActor actors, DeclineOffer decline)
    {
        var start = await BeginAsync(id, context, actors);
        if (start.Call is not (var offerId, var actor))
        {
            return start.Problem;
        }

        var result = await decline.HandleAsync(new DeclineOfferRequest(actor, offerId, input?.Reason), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(OfferDto.From(result.Value!, staff: !actor.IsCustomer)) : ResultResponses.Problem(result);
    }

    private static async Task<IResult> WithdrawAsync(string id, WithdrawOfferBody input, HttpContext context, CurrentActor actors, WithdrawOffer withdraw)
    {
        var start = await BeginAsync(id, context, actors, staffOnly: true);
        if (start.Call is not (var offerId, var actor))
        {
            return start.Problem;
        }

        var result = await withdraw.HandleAsync(new WithdrawOfferRequest(actor, offerId, input.Reason), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(OfferDto.From(result.Value!, staff: true)) : ResultResponses.Problem(result);
    }

    /// <summary>The same answer for an offer that does not exist and one the caller may not see.</summary>
    private static IResult NotFound(int offerId) =>
        ResultResponses.Problem(Result<Offer>.NotFound($"There is no offer {Offer.FormatNumber(offerId)}."));

    /// <summary>What every route of one offer does first: read its id and find who is asking. Staff-only routes answer a customer as a missing offer.</summary>
    private static async Task<OfferCallStart> BeginAsync(string id, HttpContext context, CurrentActor actors, bool staffOnly = false)
    {
        if (!TryParseId(id, out var offerId))
        {
            return new(null, TicketEndpoints.MalformedInput([new FieldError("id", "That is not an offer; use its number, O-0042, or its id, 42.")]));
        }

        if (await actors.ResolveAsync(context.User) is not { } actor)
        {
            return new(null, TicketEndpoints.NoActor(context));
        }

        return staffOnly && actor.IsCustomer ? new(null, NotFound(offerId)) : new(new OfferCall(offerId, actor), Results.Empty);
    }

    /// <summary>An offer is named by its id (42) or its number (O-0042).</summary>
    internal static bool TryParseId(string? text, out int id)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.StartsWith("O-", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[2..];
        }

        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }

    private sealed record OfferCall(int Id, TicketActor Actor);

    private sealed record OfferCallStart(OfferCall? Call, IResult Problem);
}
