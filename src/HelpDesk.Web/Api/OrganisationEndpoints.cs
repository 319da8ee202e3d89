using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Data.Accounts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Mail;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// Customer organisations and their people under <c>/api/organisations</c>, for managers, through the same use cases
/// as the manage pages: adding and changing an organisation, and placing a customer's account in one. Inviting a
/// customer contact is an administrator's, as on the user pages.
/// </summary>
public static class OrganisationEndpoints
{
    private static readonly ListCursor Organisations = new("organisations.");
    private static readonly ListCursor People = new("people.");

    public static IEndpointRouteBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/organisations").WithTags("Organisations")
            .RequireAuthorization(Hosting.Areas.Manage).RequireScope(ApiScopes.ManageOrganisations);

        group.MapGet("/", ListAsync)
            .WithSummary("List organisations in the order they were added, a page at a time (pass the answer's next as after). Filter by name (part of it), region and segment.")
            .Produces<OrganisationListDto>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync)
            .WithSummary("Add an organisation: name, region, segment and the email domains that place its people.")
            .Produces<OrganisationDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:int}", GetAsync)
            .WithSummary("One organisation with its email domains and version.")
            .Produces<OrganisationDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:int}", UpdateAsync)
            .WithSummary("Change an organisation's name, region, segment and email domains (the full list); send the version you read (409 when someone changed it meanwhile).")
            .Produces<OrganisationDto>()
            .ProducesChangeProblems();

        group.MapGet("/{id:int}/people", ListPeopleAsync)
            .WithSummary("The organisation's people in the order they were added, a page at a time (pass the answer's next as after).")
            .Produces<PersonListDto>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}/people/{personId:int}", GetPersonAsync)
            .WithSummary("One person of the organisation.")
            .Produces<PersonDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/placements", AwaitingAsync)
            .WithSummary("Customers' accounts that have confirmed their address but belong to no organisation yet.")
            .Produces<IReadOnlyList<PersonDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/{id:int}/placements", PlaceAsync)
            .WithSummary("Place a customer's account that belongs to no organisation yet in this one: they then see every ticket of the organisation and file for it. A placed account stays placed (409 when it already is).")
            .Produces<PersonDto>()
            .ProducesChangeProblems();

        // Inviting is an administrator's, as on the user pages: managers place accounts, administrators create them.
        api.MapPost("/organisations/{id:int}/people", InviteAsync)
            .WithTags("Organisations")
            .RequireAuthorization(Hosting.Areas.Admin).RequireScope(ApiScopes.ManageOrganisations)
            .WithSummary("Administrators: invite a customer contact of the organisation (email, name); they get a mail with a link to choose their password.")
            .Produces<PersonDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, IOrganisationStore store, string? name, string? region, string? segment, string? limit, string? after)
    {
        var errors = new List<FieldError>();
        var regionFilter = EnumFilter<Region>(region, "region", errors);
        var segmentFilter = EnumFilter<CustomerSegment>(segment, "segment", errors);
        var (take, from) = Organisations.Read(limit, after, errors);
        if (errors.Count > 0)
        {
            return TicketEndpoints.MalformedInput(errors);
        }

        var text = name?.Trim() ?? "";
        var matching = (await store.ListAsync(context.RequestAborted))
            .Where(o => o.Id > (from ?? 0)
                && (text.Length == 0 || o.Name.Contains(text, StringComparison.OrdinalIgnoreCase))
                && (regionFilter is null || o.Region == regionFilter)
                && (segmentFilter is null || o.Segment == segmentFilter))
            .OrderBy(o => o.Id)
            .Take(take + 1)
            .ToList();
        var page = matching.Take(take).ToList();
        return TypedResults.Ok(new OrganisationListDto(
            [.. page.Select(OrganisationDto.From)],
            matching.Count > take ? Organisations.Encode(page[^1].Id) : null));
    }

    private static async Task<IResult> CreateAsync(OrganisationBody input, HttpContext context, CreateOrganisation create, HelpDeskUserManager users)
    {
        var result = await create.HandleAsync(new CreateOrganisationRequest(input.Name, input.Region, input.Segment, input.Domains, users.IdOf(context.User)), context.RequestAborted);
        return ManageApi.CreatedOrProblem(result, o => $"/api/organisations/{o.Id}", OrganisationDto.From);
    }

    private static async Task<IResult> GetAsync(int id, HttpContext context, IOrganisationStore store) =>
        await store.GetAsync(id, context.RequestAborted) is { } organisation ? TypedResults.Ok(OrganisationDto.From(organisation)) : Missing(id);

    private static async Task<IResult> UpdateAsync(int id, OrganisationBody input, HttpContext context, UpdateOrganisation update, HelpDeskUserManager users)
    {
        if (ManageApi.VersionMissing(input.Version, "organisation") is { } missing)
        {
            return missing;
        }

        var result = await update.HandleAsync(
            new UpdateOrganisationRequest(id, input.Version!.Value, input.Name, input.Region, input.Segment, input.Domains, users.IdOf(context.User)), context.RequestAborted);
        return ManageApi.OkOrProblem(result, OrganisationDto.From);
    }

    private static async Task<IResult> ListPeopleAsync(int id, HttpContext context, IOrganisationStore store, DapperUserStore users, string? limit, string? after)
    {
        var errors = new List<FieldError>();
        var (take, from) = People.Read(limit, after, errors);
        if (errors.Count > 0)
        {
            return TicketEndpoints.MalformedInput(errors);
        }

        if (await store.GetAsync(id, context.RequestAborted) is null)
        {
            return Missing(id);
        }

        var rows = await users.ListInOrganisationAsync(id, from ?? 0, take + 1, context.RequestAborted);
        var page = rows.Take(take).ToList();
        return TypedResults.Ok(new PersonListDto([.. page.Select(PersonDto.From)], rows.Count > take ? People.Encode(page[^1].Id) : null));
    }

    private static async Task<IResult> GetPersonAsync(int id, int personId, HelpDeskUserManager users)
    {
        var user = await users.FindByIdAsync(personId.ToString(CultureInfo.InvariantCulture));
        return user is not null && user.OrganisationId == id
            ? TypedResults.Ok(PersonDto.From(user))
            : ManageApi.Missing($"Organisation {id} has no person {personId}.");
    }

    private static async Task<IResult> AwaitingAsync(HttpContext context, DapperUserStore users) =>
        TypedResults.Ok<IReadOnlyList<PersonDto>>([.. (await users.ListAwaitingPlacementAsync(context.RequestAborted)).Select(PersonDto.From)]);

    private static async Task<IResult> PlaceAsync(int id, PlaceAccountBody input, HttpContext context, AccountPlacements placements, HelpDeskUserManager users)
    {
        if (input.AccountId is not int accountId)
        {
            return ResultResponses.Problem(Result<object>.Invalid("accountId", "Give the id of the customer's account to place."));
        }

        var result = await placements.PlaceAsync(accountId, id, users.IdOf(context.User), context.RequestAborted);
        return ManageApi.OkOrProblem(result, placed => PersonDto.From(placed.Account));
    }

    private static async Task<IResult> InviteAsync(int id, InvitePersonBody input, HttpContext context, IOrganisationStore store, AccountAdministration administration)
    {
        if (await store.GetAsync(id, context.RequestAborted) is null)
        {
            return Missing(id);
        }

        var result = await administration.InviteAsync(
            context.User.UserId(), new Invitation(input.Email ?? "", input.Name ?? "", IsCustomer: true, [], id), context.RequestAborted);
        return ManageApi.CreatedOrProblem(result, user => $"/api/organisations/{id}/people/{user.Id}", PersonDto.From);
    }

    private static TEnum? EnumFilter<TEnum>(string? text, string field, List<FieldError> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return Enum.Parse<TEnum>(name);
        }

        errors.Add(new(field, $"'{text}' is not a {field}; use one of {string.Join(", ", Enum.GetNames<TEnum>())}."));
        return null;
    }

    private static IResult Missing(int id) => ManageApi.Missing($"There is no organisation {id}.");
}
