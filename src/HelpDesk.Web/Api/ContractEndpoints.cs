using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Areas.Manage.Pages.Contracts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// Contracts under <c>/api/contracts</c>, for managers, thin over the use cases the contract pages use
/// (<see cref="SaveContract"/>, <see cref="RenewContract"/>, <see cref="CancelContract"/>,
/// <see cref="ReinstateContract"/>): the same rules (422 naming the field), versions (409 when stale) and audit
/// trail, with the signed-in manager as the one who did it.
/// </summary>
public static class ContractEndpoints
{
    private static readonly ListCursor Cursor = new("contracts.");

    public static IEndpointRouteBuilder MapContractEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var contracts = api.MapGroup("/contracts").WithTags("Contracts").RequireAuthorization(Hosting.Areas.Manage).RequireScope(ApiScopes.ManageContracts);
        contracts.MapGet("/", ListAsync)
            .WithSummary("Contracts, newest first, a page at a time (pass the answer's next as after). Filter by organisationId, state (Pending, Upcoming, Active, Expired, Renewed, Cancelled: how it stands today), productId and endingBefore (yyyy-mm-dd: ends before that day).")
            .Produces<ContractListDto>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        contracts.MapGet("/{id:int}", GetAsync)
            .WithSummary("One contract: its terms, status and state today, the contract it renews and the one renewing it, and its history (who created, changed, cancelled or reinstated it).")
            .Produces<ContractDetailDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        contracts.MapGet("/{id:int}/usage", UsageAsync)
            .WithSummary("The contract's incidents: used, allowed (the plan's allowance plus incidents bought; null when unlimited), left, and each ticket that took one, those given back with why.")
            .Produces<ContractUsageDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        contracts.MapPost("/", CreateAsync)
            .WithSummary("Create a contract for an organisation: plan, products, first and last day (dates in its time zone), value and time zone. Refused (422) when an active contract of the organisation already covers one of the products on one of those days.")
            .Produces<ContractDto>(StatusCodes.Status201Created)
            .ProducesChangeProblems();
        contracts.MapPost("/{id:int}", UpdateAsync)
            .WithSummary("Change a contract's terms: send every field as on create, with the version you read. A cancelled contract cannot be changed.")
            .Produces<ContractDto>()
            .ProducesChangeProblems();
        contracts.MapPost("/{id:int}/renew", RenewAsync)
            .WithSummary("Create the renewal of a contract: filled in from it (the next term of the same length, same plan, products, value and zones); any field sent replaces what was filled in.")
            .Produces<ContractDto>(StatusCodes.Status201Created)
            .ProducesChangeProblems();
        contracts.MapPost("/{id:int}/cancel", CancelAsync)
            .WithSummary("Cancel a contract, with the version you read and an optional reason kept in its history: from then on it entitles no one. It can be reinstated.")
            .Produces<ContractDto>()
            .ProducesChangeProblems();
        contracts.MapPost("/{id:int}/reinstate", ReinstateAsync)
            .WithSummary("Undo a cancellation, with the version you read; refused (422) when another contract now covers the same products on the same days.")
            .Produces<ContractDto>()
            .ProducesChangeProblems();
        return api;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, IContractStore store, TimeProvider clock, string? organisationId, string? state, string? productId, string? endingBefore, string? limit, string? after)
    {
        var errors = new List<FieldError>();
        var organisation = QueryValues.Id(organisationId, "organisationId", "The organisation is given by its id, a number.", errors);
        var product = QueryValues.Id(productId, "productId", "The product is given by its id, a number.", errors);
        ContractState? stateFilter = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (Enum.GetNames<ContractState>().FirstOrDefault(n => string.Equals(n, state.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                stateFilter = Enum.Parse<ContractState>(name);
            }
            else
            {
                errors.Add(new("state", $"'{state}' is not a contract state; use one of {string.Join(", ", Enum.GetNames<ContractState>())}."));
            }
        }

        DateOnly? ending = null;
        if (!string.IsNullOrWhiteSpace(endingBefore))
        {
            if (DateOnly.TryParseExact(endingBefore.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                ending = day;
            }
            else
            {
                errors.Add(new("endingBefore", $"'{endingBefore}' is not a date; write it as yyyy-mm-dd."));
            }
        }

        var (take, before) = Cursor.Read(limit, after, errors);
        if (errors.Count > 0)
        {
            return TicketEndpoints.MalformedInput(errors);
        }

        var now = clock.UtcNow();
        var found = await store.ListContractPageAsync(
            new ContractListQuery
            {
                OrganisationId = organisation,
                ProductId = product,
                EndingBefore = ending,
                State = stateFilter,
                BeforeId = before,
                Take = take,
                NowUtc = now,
            },
            context.RequestAborted);
        IReadOnlyList<Contract> known = [.. found.Contracts, .. found.Renewals];
        var page = found.Contracts.Take(take).ToList();
        return TypedResults.Ok(new ContractListDto(
            [.. page.Select(c => ContractDto.From(c, now, known))],
            found.Contracts.Count > take ? Cursor.Encode(page[^1].Id) : null));
    }

    private static async Task<IResult> GetAsync(int id, HttpContext context, IContractStore store, IManageAudit audit, TimeProvider clock)
    {
        var contract = await store.GetContractAsync(id, context.RequestAborted);
        if (contract is null)
        {
            return NotFound(id);
        }

        var history = await audit.ListAsync(AuditSubjects.Contract, id, context.RequestAborted);
        return TypedResults.Ok(new ContractDetailDto(await DtoAsync(contract, store, clock, context.RequestAborted), [.. history.Select(AuditLineDto.From)]));
    }

    private static async Task<IResult> UsageAsync(int id, HttpContext context, IContractStore store)
    {
        var contract = await store.GetContractAsync(id, context.RequestAborted);
        return contract is null
            ? NotFound(id)
            : TypedResults.Ok(ContractUsageDto.From(await ContractUsage.ReadAsync(store, contract, context.RequestAborted)));
    }

    private static async Task<IResult> CreateAsync(
        SaveContractBody input, HttpContext context, SaveContract save, HelpDeskUserManager users, IContractStore store, TimeProvider clock)
    {
        var result = await save.HandleAsync(input.ToRequest(0, users.IdOf(context.User)), context.RequestAborted);
        return await CreatedAsync(result, store, clock, context.RequestAborted);
    }

    private static async Task<IResult> UpdateAsync(
        int id, SaveContractBody input, HttpContext context, SaveContract save, HelpDeskUserManager users, IContractStore store, TimeProvider clock)
    {
        if (ManageApi.VersionMissing(input.Version, "contract") is { } missing)
        {
            return missing;
        }

        var result = await save.HandleAsync(input.ToRequest(id, users.IdOf(context.User)), context.RequestAborted);
        return await OkAsync(result, store, clock, context.RequestAborted);
    }

    private static async Task<IResult> RenewAsync(
        int id, RenewContractBody? input, HttpContext context, RenewContract renew, SaveContract save, HelpDeskUserManager users, IContractStore store, TimeProvider clock)
    {
        var prefilled = await renew.HandleAsync(id, context.RequestAborted);
        if (!prefilled.Succeeded)
        {
            return ResultResponses.Problem(prefilled);
        }

        var body = input ?? new RenewContractBody(null, null, null, null, null, null, null, null);
        var result = await save.HandleAsync(body.Over(prefilled.Value!, users.IdOf(context.User)), context.RequestAborted);
        return await CreatedAsync(result, store, clock, context.RequestAborted);
    }

    private static async Task<IResult> CancelAsync(
        int id, CancelContractBody input, HttpContext context, CancelContract cancel, HelpDeskUserManager users, IContractStore store, TimeProvider clock)
    {
        if (ManageApi.VersionMissing(input.Version, "contract") is { } missing)
        {
            return missing;
        }

        var result = await cancel.HandleAsync(id, input.Version!.Value, users.IdOf(context.User), input.Reason, context.RequestAborted);
        return await OkAsync(result, store, clock, context.RequestAborted);
    }

    private static async Task<IResult> ReinstateAsync(
        int id, ReinstateContractBody input, HttpContext context, ReinstateContract reinstate, HelpDeskUserManager users, IContractStore store, TimeProvider clock)
    {
        if (ManageApi.VersionMissing(input.Version, "contract") is { } missing)
        {
            return missing;
        }

        var result = await reinstate.HandleAsync(id, input.Version!.Value, users.IdOf(context.User), context.RequestAborted);
        return await OkAsync(result, store, clock, context.RequestAborted);
    }

    private static async Task<IResult> OkAsync(Result<Contract> result, IContractStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        result.Succeeded ? TypedResults.Ok(await DtoAsync(result.Value!, store, clock, cancellationToken)) : ResultResponses.Problem(result);

    private static async Task<IResult> CreatedAsync(Result<Contract> result, IContractStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        result.Succeeded
            ? TypedResults.Created($"/api/contracts/{result.Value!.Id}", await DtoAsync(result.Value, store, clock, cancellationToken))
            : ResultResponses.Problem(result);

    /// <summary>A contract read with its organisation's others, which say whether it is renewed.</summary>
    private static async Task<ContractDto> DtoAsync(Contract contract, IContractStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        ContractDto.From(contract, clock.UtcNow(), await store.ListContractsAsync(contract.OrganisationId, cancellationToken));

    private static IResult NotFound(int id) =>
        ResultResponses.Problem(Result<Contract>.NotFound($"There is no contract {Contract.FormatNumber(id)}."));
}
