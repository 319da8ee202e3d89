using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// Support plans under <c>/api/plans</c> and holiday calendars under <c>/api/holiday-calendars</c>, for managers,
/// thin over the same use cases as the Plans and Calendars pages (<see cref="SavePlan"/>,
/// <see cref="SaveHolidayCalendar"/>): the same rules answer 422 naming the field, a stale version 409, and the same
/// audit line names the signed-in manager. Both lists
/// are short catalogues and come whole.
/// </summary>
public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var plans = api.MapGroup("/plans").WithTags("Plans").RequireAuthorization(Hosting.Areas.Manage).RequireScope(ApiScopes.ManageContracts);
        plans.MapGet("/", ListPlansAsync)
            .WithSummary("Every support plan with what it promises: channels, hours, allowance, SLA targets and list price.")
            .Produces<IReadOnlyList<PlanDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        plans.MapGet("/{id:int}", GetPlanAsync)
            .WithSummary("One plan, with the version to send when changing it.")
            .Produces<PlanDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPost("/", CreatePlanAsync)
            .WithSummary("Create a plan: code, name, list price, channels, hours (or aroundTheClock), a target per severity.")
            .Produces<PlanDto>(StatusCodes.Status201Created)
            .ProducesChangeProblems();
        plans.MapPost("/{id:int}", UpdatePlanAsync)
            .WithSummary("Change a plan: send every field as on create, with the version you read.")
            .Produces<PlanDto>()
            .ProducesChangeProblems();

        var calendars = api.MapGroup("/holiday-calendars").WithTags("Plans").RequireAuthorization(Hosting.Areas.Manage).RequireScope(ApiScopes.ManageContracts);
        calendars.MapGet("/", ListCalendarsAsync)
            .WithSummary("Every holiday calendar with its days.")
            .Produces<IReadOnlyList<CalendarDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        calendars.MapGet("/{id:int}", GetCalendarAsync)
            .WithSummary("One holiday calendar, with the version to send when changing it.")
            .Produces<CalendarDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        calendars.MapPost("/", CreateCalendarAsync)
            .WithSummary("Create a holiday calendar: a unique name and the days support is closed, each once.")
            .Produces<CalendarDto>(StatusCodes.Status201Created)
            .ProducesChangeProblems();
        calendars.MapPost("/{id:int}", UpdateCalendarAsync)
            .WithSummary("Change a holiday calendar: its name and the whole list of days, with the version you read.")
            .Produces<CalendarDto>()
            .ProducesChangeProblems();
        return api;
    }

    private static async Task<IResult> ListPlansAsync(HttpContext context, IContractStore contracts) =>
        TypedResults.Ok<IReadOnlyList<PlanDto>>([.. (await contracts.ListPlansAsync(context.RequestAborted)).Select(PlanDto.From)]);

    private static async Task<IResult> GetPlanAsync(int id, HttpContext context, IContractStore contracts) =>
        await contracts.GetPlanAsync(id, context.RequestAborted) is { } plan
            ? TypedResults.Ok(PlanDto.From(plan))
            : ResultResponses.Problem(Result<Plan>.NotFound("That plan does not exist."));

    private static async Task<IResult> CreatePlanAsync(SavePlanBody input, HttpContext context, SavePlan save, HelpDeskUserManager users)
    {
        var result = await save.HandleAsync(input.ToRequest(0) with { ActorId = users.IdOf(context.User) }, context.RequestAborted);
        return result.Succeeded ? TypedResults.Created($"/api/plans/{result.Value!.Id}", PlanDto.From(result.Value)) : ResultResponses.Problem(result);
    }

    private static async Task<IResult> UpdatePlanAsync(int id, SavePlanBody input, HttpContext context, SavePlan save, HelpDeskUserManager users)
    {
        if (ManageApi.VersionMissing(input.Version, "plan") is { } missing)
        {
            return missing;
        }

        var result = await save.HandleAsync(input.ToRequest(id) with { ActorId = users.IdOf(context.User) }, context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(PlanDto.From(result.Value!)) : ResultResponses.Problem(result);
    }

    private static async Task<IResult> ListCalendarsAsync(HttpContext context, IContractStore contracts) =>
        TypedResults.Ok<IReadOnlyList<CalendarDto>>([.. (await contracts.ListCalendarsAsync(context.RequestAborted)).Select(CalendarDto.From)]);

    private static async Task<IResult> GetCalendarAsync(int id, HttpContext context, IContractStore contracts) =>
        await contracts.GetCalendarAsync(id, context.RequestAborted) is { } calendar
            ? TypedResults.Ok(CalendarDto.From(calendar))
            : ResultResponses.Problem(Result<HolidayCalendar>.NotFound("That holiday calendar does not exist."));

    private static async Task<IResult> CreateCalendarAsync(SaveCalendarBody input, HttpContext context, SaveHolidayCalendar save, HelpDeskUserManager users)
    {
        var result = await save.HandleAsync(input.ToRequest(0) with { ActorId = users.IdOf(context.User) }, context.RequestAborted);
        return result.Succeeded
            ? TypedResults.Created($"/api/holiday-calendars/{result.Value!.Id}", CalendarDto.From(result.Value))
            : ResultResponses.Problem(result);
    }

    private static async Task<IResult> UpdateCalendarAsync(int id, SaveCalendarBody input, HttpContext context, SaveHolidayCalendar save, HelpDeskUserManager users)
    {
        if (ManageApi.VersionMissing(input.Version, "holiday calendar") is { } missing)
        {
            return missing;
        }

        var result = await save.HandleAsync(input.ToRequest(id) with { ActorId = users.IdOf(context.User) }, context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(CalendarDto.From(result.Value!)) : ResultResponses.Problem(result);
    }
}
