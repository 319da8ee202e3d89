using HelpDesk.Core.Accounts;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Mail;

namespace HelpDesk.Web.Api;

/// <summary>
/// The catalogue under <c>/api/catalogue</c>, for managers, through the same use cases as the catalogue pages:
/// products, their releases, environments and third-party products. A release or an environment that anything refers
/// to is retired, never deleted, with the same refusals and audit line as on the pages.
/// </summary>
public static class CatalogueEndpoints
{
    public static IEndpointRouteBuilder MapCatalogueEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/catalogue").WithTags("Catalogue")
            .RequireAuthorization(Hosting.Areas.Manage).RequireScope(ApiScopes.ManageCatalogue);

        group.MapGet("/products", async (HttpContext context, IScopeStore store) =>
                TypedResults.Ok<IReadOnlyList<ProductDto>>([.. (await store.ListProductsAsync(context.RequestAborted)).Select(ProductDto.From)]))
            .WithSummary("Every product of the catalogue.")
            .Produces<IReadOnlyList<ProductDto>>();
        group.MapPost("/products", async (ProductBody input, HttpContext context, SaveProduct save) =>
                ManageApi.CreatedOrProblem(
                    await save.HandleAsync(new SaveProductRequest(null, input.Code, input.Name, input.Description), context.RequestAborted),
                    p => $"/api/catalogue/products/{p.Id}",
                    ProductDto.From))
            .WithSummary("Add a product: a code (letters, digits and dashes; it never changes), a name and a description.")
            .Produces<ProductDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/products/{productId:int}", GetProductAsync)
            .WithSummary("One product with its releases, oldest first, retired ones included.")
            .Produces<ProductDetailDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/products/{productId:int}", ChangeProductAsync)
            .WithSummary("Change a product's name and description; send the version you read (409 when someone changed it meanwhile).")
            .Produces<ProductDto>()
            .ProducesChangeProblems();
        group.MapPost("/products/{productId:int}/releases", async (int productId, ReleaseBody input, HttpContext context, SaveRelease save) =>
                ManageApi.CreatedOrProblem(
                    await save.HandleAsync(new SaveReleaseRequest(productId, null, input.Name, input.ReleasedOn, input.EndOfSupportOn), context.RequestAborted),
                    r => $"/api/catalogue/products/{productId}",
                    ReleaseDto.From))
            .WithSummary("Add a release to a product: its name, the day it was released and, if known, its last day of support.")
            .Produces<ReleaseDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/releases/{releaseId:int}", ChangeReleaseAsync)
            .WithSummary("Change a release's name and dates, typically its end of support.")
            .Produces<ReleaseDto>()
            .ProducesChangeProblems();
        group.MapPost("/releases/{releaseId:int}/retire", async (int releaseId, HttpContext context, ReleaseRetirement retirement) =>
                ManageApi.OkOrProblem(
                    await retirement.RetireAsync(new ReleaseChangeRequest(releaseId, context.User.UserId()), context.RequestAborted),
                    r => RetirementDto.From(r.Removal, r.Release.RetiredUtc)))
            .WithSummary("Retire a release: no longer offered to customers and not supported from today, but kept among the releases and on the published scope. Refused (422) when it is already retired or is the product's only current release.")
            .Produces<RetirementDto>()
            .ProducesChangeProblems();

        group.MapGet("/environments", async (HttpContext context, IScopeStore store) =>
                TypedResults.Ok<IReadOnlyList<EnvironmentDto>>([.. (await store.ListEnvironmentsAsync(context.RequestAborted)).Select(EnvironmentDto.From)]))
            .WithSummary("Every environment, retired ones included.")
            .Produces<IReadOnlyList<EnvironmentDto>>();
        group.MapPost("/environments", async (EnvironmentBody input, HttpContext context, SaveEnvironment save) =>
                ManageApi.CreatedOrProblem(
                    await save.HandleAsync(new SaveEnvironmentRequest(null, input.Code, input.Name, input.Kind ?? default), context.RequestAborted),
                    e => "/api/catalogue/environments",
                    EnvironmentDto.From))
            .WithSummary("Add an environment: a code (it never changes), a name and its kind (OperatingSystem, Platform or Toolchain).")
            .Produces<EnvironmentDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/environments/{environmentId:int}", async (int environmentId, EnvironmentBody input, HttpContext context, SaveEnvironment save) =>
                ManageApi.OkOrProblem(
                    await save.HandleAsync(new SaveEnvironmentRequest(environmentId, null, input.Name, input.Kind ?? default), context.RequestAborted),
                    EnvironmentDto.From))
            .WithSummary("Rename an environment or change its kind.")
            .Produces<EnvironmentDto>()
            .ProducesChangeProblems();
        group.MapPost("/environments/{environmentId:int}/retire", async (int environmentId, HttpContext context, EnvironmentRetirement retirement) =>
                ManageApi.OkOrProblem(
                    await retirement.RetireAsync(new EnvironmentChangeRequest(environmentId, context.User.UserId()), context.RequestAborted),
                    r => RetirementDto.From(r.Removal, r.Environment.RetiredUtc)))
            .WithSummary("Retire an environment: no longer offered to customers and not supported from today; requests naming it are still judged against it.")
            .Produces<RetirementDto>()
            .ProducesChangeProblems();

        group.MapGet("/third-party", async (HttpContext context, IScopeStore store) =>
                TypedResults.Ok<IReadOnlyList<ThirdPartyProductDto>>([.. (await store.ListThirdPartyAsync(context.RequestAborted)).Select(ThirdPartyProductDto.From)]))
            .WithSummary("Other vendors' products that customers integrate ours with.")
            .Produces<IReadOnlyList<ThirdPartyProductDto>>();
        group.MapPost("/third-party", async (ThirdPartyProductBody input, HttpContext context, SaveThirdPartyProduct save) =>
                ManageApi.CreatedOrProblem(
                    await save.HandleAsync(new SaveThirdPartyProductRequest(null, input.Name, input.Vendor), context.RequestAborted),
                    p => "/api/catalogue/third-party",
                    ThirdPartyProductDto.From))
            .WithSummary("Add another vendor's product (name, vendor).")
            .Produces<ThirdPartyProductDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/third-party/{thirdPartyId:int}", async (int thirdPartyId, ThirdPartyProductBody input, HttpContext context, SaveThirdPartyProduct save) =>
                ManageApi.OkOrProblem(
                    await save.HandleAsync(new SaveThirdPartyProductRequest(thirdPartyId, input.Name, input.Vendor), context.RequestAborted),
                    ThirdPartyProductDto.From))
            .WithSummary("Rename another vendor's product.")
            .Produces<ThirdPartyProductDto>()
            .ProducesChangeProblems();
        return api;
    }

    private static async Task<IResult> GetProductAsync(int productId, HttpContext context, IScopeStore store)
    {
        var product = await store.GetProductAsync(productId, context.RequestAborted);
        if (product is null)
        {
            return ManageApi.Missing($"There is no product {productId}.");
        }

        var releases = await store.ListReleasesAsync(productId, context.RequestAborted);
        return TypedResults.Ok(new ProductDetailDto(ProductDto.From(product), [.. releases.Select(ReleaseDto.From)]));
    }

    private static async Task<IResult> ChangeProductAsync(int productId, ProductBody input, HttpContext context, SaveProduct save)
    {
        if (ManageApi.VersionMissing(input.Version, "product") is { } missing)
        {
            return missing;
        }

        var result = await save.HandleAsync(new SaveProductRequest(productId, null, input.Name, input.Description, input.Version), context.RequestAborted);
        return ManageApi.OkOrProblem(result, ProductDto.From);
    }

    private static async Task<IResult> ChangeReleaseAsync(int releaseId, ReleaseBody input, HttpContext context, IScopeStore store, SaveRelease save)
    {
        if (await store.GetReleaseAsync(releaseId, context.RequestAborted) is not { } release)
        {
            return ManageApi.Missing($"There is no release {releaseId}.");
        }

        var result = await save.HandleAsync(new SaveReleaseRequest(release.ProductId, releaseId, input.Name, input.ReleasedOn, input.EndOfSupportOn), context.RequestAborted);
        return ManageApi.OkOrProblem(result, ReleaseDto.From);
    }
}
