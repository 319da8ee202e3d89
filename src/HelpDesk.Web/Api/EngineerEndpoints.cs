using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// Engineers' routing profiles under <c>/api/engineers</c>, for managers, thin over the engineer pages' use cases
/// (<see cref="SaveEngineerProfile"/>, <see cref="SetEngineerAvailability"/>, <see cref="AddCostRate"/>). An engineer
/// is named by their user id; anyone who is not staff answers 404. Cost rates are only added, never edited: a rate
/// starts today at the earliest, so time already logged keeps the rate it had.
/// </summary>
public static class EngineerEndpoints
{
    public static IEndpointRouteBuilder MapEngineerEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var engineers = api.MapGroup("/engineers").WithTags("Engineers").RequireAuthorization(Hosting.Areas.Manage).RequireScope(ApiScopes.ManageEngineers);
        engineers.MapGet("/", ListAsync)
            .WithSummary("Every engineer and manager: routed or not, and for the routed their tier, capacity, open tickets and availability.")
            .Produces<IReadOnlyList<EngineerSummaryDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        engineers.MapGet("/{id:int}", GetAsync)
            .WithSummary("One staff member's routing profile (null until they have one): skills with proficiency, languages, categories, tier, sourcing, capacity, availability and the hourly rate in force.")
            .Produces<EngineerDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        engineers.MapPost("/{id:int}", SaveAsync)
            .WithSummary("Give a staff member their profile (version 0) or change it (the version you read). Skills left out are removed. An available engineer pulls waiting tickets that fit at once.")
            .Produces<EngineerDto>()
            .ProducesChangeProblems();
        engineers.MapPost("/{id:int}/availability", AvailabilityAsync)
            .WithSummary("Mark an engineer away (available false) or back (true); back, they pull waiting tickets at once.")
            .Produces<EngineerDto>()
            .ProducesChangeProblems();
        engineers.MapGet("/{id:int}/rates", RatesAsync)
            .WithSummary("An engineer's hourly cost rates, oldest first, with the one in force today.")
            .Produces<CostRatesDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        engineers.MapPost("/{id:int}/rates", AddRateAsync)
            .WithSummary("Add an hourly cost rate from a day on (today or later). A rate that has started is never changed; one still to come is replaced by adding another on its day.")
            .Produces<CostRatesDto>(StatusCodes.Status201Created)
            .ProducesChangeProblems();
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IPeopleDirectory people, IRoutingStore routing)
    {
        var staff = await people.ListStaffAsync(context.RequestAborted);
        var loads = (await routing.LoadCandidatesAsync(context.RequestAborted)).ToDictionary(l => l.Engineer.UserId);
        return TypedResults.Ok<IReadOnlyList<EngineerSummaryDto>>([.. staff.Select(p => EngineerSummaryDto.From(p, loads.GetValueOrDefault(p.Id)))]);
    }

    private static async Task<IResult> GetAsync(int id, HttpContext context, IPeopleDirectory people, IEngineerStore engineers, TimeProvider clock)
    {
        var person = await people.FindAsync(id, context.RequestAborted);
        if (person is null || !person.IsStaff)
        {
            return NotStaff();
        }

        var profile = await engineers.GetAsync(id, context.RequestAborted);
        return TypedResults.Ok(Dto(person, profile, clock));
    }

    private static async Task<IResult> SaveAsync(int id, SaveEngineerBody input, HttpContext context, SaveEngineerProfile save, HelpDeskUserManager users, TimeProvider clock)
    {
        if (ManageApi.VersionMissing(input.Version, "profile") is { } missing)
        {
            return missing;
        }

        var result = await save.HandleAsync(input.ToInput(id) with { ActorId = users.IdOf(context.User) }, context.RequestAborted);
        return Answer(result, clock);
    }

    private static async Task<IResult> AvailabilityAsync(int id, EngineerAvailabilityBody input, HttpContext context, SetEngineerAvailability availability, HelpDeskUserManager users, TimeProvider clock)
    {
        if (input.Available is not bool available)
        {
            return ManageApi.Required("available", "Send available: false to mark the engineer away, true to bring them back.");
        }

        return Answer(await availability.HandleAsync(id, available, users.IdOf(context.User), context.RequestAborted), clock);
    }

    private static async Task<IResult> RatesAsync(int id, HttpContext context, IEngineerStore engineers, TimeProvider clock) =>
        await engineers.GetAsync(id, context.RequestAborted) is { } profile
            ? TypedResults.Ok(CostRatesDto.From(profile, Today(clock)))
            : NoProfile();

    private static async Task<IResult> AddRateAsync(int id, AddCostRateBody input, HttpContext context, AddCostRate addRate, HelpDeskUserManager users, TimeProvider clock)
    {
        if (input.EffectiveFrom is not DateOnly from)
        {
            return ManageApi.Required("effectiveFrom", "Give the day the rate starts, as yyyy-mm-dd.");
        }

        var result = await addRate.HandleAsync(id, from, input.Hourly, users.IdOf(context.User), context.RequestAborted);
        return result.Succeeded
            ? TypedResults.Created($"/api/engineers/{id}/rates", CostRatesDto.From(result.Value!, Today(clock)))
            : ResultResponses.Problem(result);
    }

    private static IResult Answer(Result<EngineerProfile> result, TimeProvider clock) =>
        result.Succeeded
            ? TypedResults.Ok(Dto(new Person { Id = result.Value!.UserId, Name = result.Value.Name, Email = result.Value.Email, IsStaff = true }, result.Value, clock))
            : ResultResponses.Problem(result);

    private static EngineerDto Dto(Person person, EngineerProfile? profile, TimeProvider clock) =>
        new(person.Id, person.Name, person.Email, profile is not null, profile is null ? null : EngineerProfileDto.From(profile, Today(clock)));

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.UtcNow());

    private static IResult NotStaff() =>
        ResultResponses.Problem(Result<EngineerProfile>.NotFound("There is no engineer or manager with that id."));

    private static IResult NoProfile() =>
        ResultResponses.Problem(Result<EngineerProfile>.NotFound("That engineer has no routing profile, so no rates; add the profile first."));
}
