using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Mail;
using HelpDesk.Web.Scope;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// A product's Scope of Support under <c>/api/scope</c>, for managers, through the same use cases as the scope pages:
/// read any published version, create and edit the draft, discard it, preview what it would change, publish it and
/// compare two versions. The refusals, versions and audit lines are the pages'.
/// </summary>
public static class ScopeEndpoints
{
    public static IEndpointRouteBuilder MapScopeEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/scope").WithTags("Scope of Support")
            .RequireAuthorization(Hosting.Areas.Manage).RequireScope(ApiScopes.ManageScope);

        group.MapGet("/{productId:int}", OverviewAsync)
            .WithSummary("A product's published versions, newest first, the number of the one in force today, and its draft if it has one.")
            .Produces<ScopeOverviewDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{productId:int}/versions/{number:int}", VersionAsync)
            .WithSummary("One published version: its settings and its text, clause by clause, as customers read it.")
            .Produces<ScopeVersionDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{productId:int}/compare", CompareAsync)
            .WithSummary("What changed between two published versions (from, to), clause by clause, and which settings differ.")
            .Produces<ScopeComparison>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{productId:int}/draft", async (int productId, HttpContext context, IScopeStore store, SaveScopeDraft save) =>
                await store.GetProductAsync(productId, context.RequestAborted) is { } product
                    ? TypedResults.Ok(ScopeDraftDto.From(await save.OpenAsync(product, context.RequestAborted)))
                    : NoProduct(productId))
            .WithSummary("The product's draft; without one, a copy of the newest published version to start one from (saved false, version 0).")
            .Produces<ScopeDraftDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{productId:int}/draft", SaveDraftAsync)
            .WithSummary("Create the draft (version 0) or change it (the version you read; 409 when someone changed it meanwhile). Send every setting, as the edit form does.")
            .Produces<ScopeDraftDto>()
            .ProducesChangeProblems();
        group.MapGet("/{productId:int}/draft/preview", PreviewAsync)
            .WithSummary($"The draft as customers will read it once published, and the tickets of the last {DraftWhatIf.Months} months whose verdict it would change, applied now or at renewal.")
            .Produces<ScopePreviewDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{productId:int}/draft/publish", PublishAsync)
            .WithSummary("Publish the draft you reviewed (its version): it gets the next number and never changes again. It may not take effect before today.")
            .Produces<ScopeVersionSummaryDto>()
            .ProducesChangeProblems();
        group.MapPost("/{productId:int}/draft/discard", DiscardAsync)
            .WithSummary("Discard the draft (its version); the published versions stay as they are. The product's audit trail says who did.")
            .Produces<ScopeDraftDto>()
            .ProducesChangeProblems();
        return api;
    }

    private static IResult NoProduct(int productId) => ManageApi.Missing($"There is no product {productId}.");

    private static async Task<ProductScope?> LoadAsync(int productId, HttpContext context, IScopeStore store, PublishedScopes scopes) =>
        await store.GetProductAsync(productId, context.RequestAborted) is { } product
            ? await scopes.LoadAsync(product, context.RequestAborted)
            : null;

    private static async Task<IResult> OverviewAsync(int productId, HttpContext context, IScopeStore store, PublishedScopes scopes)
    {
        if (await LoadAsync(productId, context, store, scopes) is not { } scope)
        {
            return NoProduct(productId);
        }

        var draft = await store.GetDraftAsync(productId, context.RequestAborted);
        return TypedResults.Ok(new ScopeOverviewDto(
            ProductDto.From(scope.Product),
            scope.Current?.Number,
            [.. scope.Published.OrderByDescending(v => v.Number).Select(ScopeVersionSummaryDto.From)],
            draft is null ? null : ScopeDraftDto.From(draft)));
    }

    private static async Task<IResult> VersionAsync(int productId, int number, HttpContext context, IScopeStore store, PublishedScopes scopes)
    {
        if (await LoadAsync(productId, context, store, scopes) is not { } scope)
        {
            return NoProduct(productId);
        }

        return scope.Version(number) is { } version
            ? TypedResults.Ok(new ScopeVersionDto(ScopeVersionSummaryDto.From(version), ScopeSettingsDto.From(version), scope.Document(version)))
            : NoVersion(scope, number);
    }

    private static IResult NoVersion(ProductScope scope, int number) =>
        ManageApi.Missing($"{scope.Product.Name} has no published version {number}; its versions are numbered 1 to {scope.Published.Count}.");

    private static async Task<IResult> CompareAsync(int productId, int? from, int? to, HttpContext context, IScopeStore store, PublishedScopes scopes)
    {
        var errors = new List<FieldError>();
        if (from is null)
        {
            errors.Add(new("from", "Name the older version to compare (from, its number)."));
        }

        if (to is null)
        {
            errors.Add(new("to", "Name the newer version to compare (to, its number)."));
        }

        if (errors.Count > 0)
        {
            return ResultResponses.Problem(Result<object>.Invalid(errors));
        }

        if (await LoadAsync(productId, context, store, scopes) is not { } scope)
        {
            return NoProduct(productId);
        }

        if (scope.Version(from!.Value) is not { } older)
        {
            return NoVersion(scope, from.Value);
        }

        return scope.Version(to!.Value) is { } newer
            ? TypedResults.Ok(ScopeComparison.Compare(scope.Document(older), scope.Document(newer)))
            : NoVersion(scope, to.Value);
    }

    private static async Task<IResult> SaveDraftAsync(int productId, ScopeDraftBody input, HttpContext context, SaveScopeDraft save)
    {
        if (ManageApi.VersionMissing(input.Version, "draft scope") is { } missing)
        {
            return missing;
        }

        return ManageApi.OkOrProblem(await save.HandleAsync(input.ToRequest(productId), context.RequestAborted), ScopeDraftDto.From);
    }

    private static async Task<IResult> PreviewAsync(
        int productId, HttpContext context, IScopeStore store, PublishedScopes scopes, IScopeWhatIfSource whatIfSource, TimeProvider clock)
    {
        if (await store.GetProductAsync(productId, context.RequestAborted) is not { } product)
        {
            return NoProduct(productId);
        }

        if (await store.GetDraftAsync(productId, context.RequestAborted) is not { } draft)
        {
            return ManageApi.Missing($"{product.Name} has no draft scope to preview.");
        }

        var document = await scopes.PreviewAsync(product, draft, context.RequestAborted);
        var run = await DraftWhatIf.ReplayAsync(whatIfSource, product, draft, clock, context.RequestAborted);
        return TypedResults.Ok(new ScopePreviewDto(
            ScopeDraftDto.From(draft), document, run.FromUtc, run.ToUtc, run.Report.Replayed, run.Report.ApplyNow, run.Report.AtRenewal));
    }

    private static async Task<IResult> PublishAsync(int productId, ScopePublishBody input, HttpContext context, PublishScope publish)
    {
        if (ManageApi.VersionMissing(input.Version, "draft scope") is { } missing)
        {
            return missing;
        }

        var request = new PublishScopeRequest(productId, input.Version!.Value, context.User.UserId(), input.AppliesTo ?? ScopeApplication.Now);
        return ManageApi.OkOrProblem(await publish.HandleAsync(request, context.RequestAborted), ScopeVersionSummaryDto.From);
    }

    private static async Task<IResult> DiscardAsync(int productId, ScopeDraftVersionBody input, HttpContext context, DeleteScopeDraft discard)
    {
        if (ManageApi.VersionMissing(input.Version, "draft scope") is { } missing)
        {
            return missing;
        }

        var request = new DeleteScopeDraftRequest(productId, input.Version!.Value, context.User.UserId());
        return ManageApi.OkOrProblem(await discard.HandleAsync(request, context.RequestAborted), ScopeDraftDto.From);
    }
}
