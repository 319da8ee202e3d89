using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// The services catalogue as managers keep it on /manage/services, under <c>/api/services</c>: every offering with
/// its versions, a draft saved through <see cref="SaveOfferingDraft"/>, published through <see cref="PublishOffering"/>,
/// retired or brought back through <see cref="RetireOffering"/>. A published version never changes: the next draft
/// starts as its copy. The published, active offerings anyone may read stay at <c>GET /api/services/offerings</c>.
/// </summary>
public static class OfferingEndpoints
{
    public static IEndpointRouteBuilder MapOfferingEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var services = api.MapGroup("/services").WithTags("Offers").RequireAuthorization(Hosting.Areas.Manage).RequireScope(ApiScopes.ManageServices);
        services.MapGet("/catalogue", ListAsync)
            .WithSummary("Every offering, active or retired, with all its versions (draft, published, superseded).")
            .Produces<IReadOnlyList<CatalogueOfferingDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        services.MapGet("/offerings/{id:int}", GetAsync)
            .WithSummary("One offering with all its versions.")
            .Produces<CatalogueOfferingDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        services.MapPost("/offerings", CreateAsync)
            .WithSummary("Create an offering (code and kind, fixed from then on) with its first draft: name, summary, pricing, terms, categories and products.")
            .Produces<OfferingVersionDto>(StatusCodes.Status201Created)
            .ProducesChangeProblems();
        services.MapGet("/offerings/{id:int}/draft", DraftAsync)
            .WithSummary("The offering's draft to edit, or a copy of its newest version (version 0) to start the next draft from.")
            .Produces<OfferingVersionDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        services.MapPost("/offerings/{id:int}/draft", SaveDraftAsync)
            .WithSummary("Save the draft: every field as on create (code and kind are ignored), with the draft's version you read, or 0 to start one from the published version.")
            .Produces<OfferingVersionDto>()
            .ProducesChangeProblems();
        services.MapPost("/offerings/{id:int}/publish", PublishAsync)
            .WithSummary("Publish the draft with the version you reviewed: new offers are made from it, and the version before it is superseded.")
            .Produces<OfferingVersionDto>()
            .ProducesChangeProblems();
        services.MapPost("/offerings/{id:int}/retire", RetireAsync)
            .WithSummary("Retire an offering, with the offering's version: no new offers are made from it; offers made stay as they are.")
            .Produces<CatalogueOfferingDto>()
            .ProducesChangeProblems();
        services.MapPost("/offerings/{id:int}/reactivate", ReactivateAsync)
            .WithSummary("Bring a retired offering back, with the offering's version.")
            .Produces<CatalogueOfferingDto>()
            .ProducesChangeProblems();
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IOfferingStore store) =>
        TypedResults.Ok<IReadOnlyList<CatalogueOfferingDto>>([.. (await store.ListAsync(context.RequestAborted)).Select(CatalogueOfferingDto.From)]);

    private static async Task<IResult> GetAsync(int id, HttpContext context, IOfferingStore store) =>
        await store.GetAsync(id, context.RequestAborted) is { } entry ? TypedResults.Ok(CatalogueOfferingDto.From(entry)) : NotFound();

    private static async Task<IResult> CreateAsync(SaveOfferingDraftRequest input, HttpContext context, SaveOfferingDraft save)
    {
        var result = await save.HandleAsync(input with { OfferingId = 0, Version = 0 }, context.RequestAborted);
        return result.Succeeded
            ? TypedResults.Created($"/api/services/offerings/{result.Value!.OfferingId}", OfferingVersionDto.From(result.Value))
            : ResultResponses.Problem(result);
    }

    private static async Task<IResult> DraftAsync(int id, HttpContext context, SaveOfferingDraft save) =>
        await save.OpenAsync(id, context.RequestAborted) is { } draft ? TypedResults.Ok(OfferingVersionDto.From(draft)) : NotFound();

    private static async Task<IResult> SaveDraftAsync(int id, SaveOfferingDraftRequest input, HttpContext context, SaveOfferingDraft save)
    {
        var result = await save.HandleAsync(input with { OfferingId = id }, context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(OfferingVersionDto.From(result.Value!)) : ResultResponses.Problem(result);
    }

    private static async Task<IResult> PublishAsync(int id, OfferingVersionBody input, HttpContext context, PublishOffering publish, HelpDeskUserManager users)
    {
        if (ManageApi.VersionMissing(input.Version, "draft") is { } missing)
        {
            return missing;
        }

        var result = await publish.HandleAsync(new PublishOfferingRequest(id, input.Version!.Value, users.IdOf(context.User)), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(OfferingVersionDto.From(result.Value!)) : ResultResponses.Problem(result);
    }

    private static Task<IResult> RetireAsync(int id, OfferingVersionBody input, HttpContext context, RetireOffering retire, IOfferingStore store) =>
        SetStatusAsync(id, input, retire: true, context, retire, store);

    private static Task<IResult> ReactivateAsync(int id, OfferingVersionBody input, HttpContext context, RetireOffering retire, IOfferingStore store) =>
        SetStatusAsync(id, input, retire: false, context, retire, store);

    private static async Task<IResult> SetStatusAsync(int id, OfferingVersionBody input, bool retire, HttpContext context, RetireOffering use, IOfferingStore store)
    {
        if (ManageApi.VersionMissing(input.Version, "offering") is { } missing)
        {
            return missing;
        }

        var result = await use.HandleAsync(new RetireOfferingRequest(id, input.Version!.Value, retire), context.RequestAborted);
        return result.Succeeded && await store.GetAsync(id, context.RequestAborted) is { } entry
            ? TypedResults.Ok(CatalogueOfferingDto.From(entry))
            : ResultResponses.Problem(result.Succeeded ? Result<Offering>.NotFound("That offering is no longer in the catalogue.") : result);
    }

    private static IResult NotFound() => ResultResponses.Problem(Result<Offering>.NotFound("That offering is not in the catalogue."));
}

/// <param name="Version">Required: for publishing, the draft's version you reviewed; for retiring or reactivating, the offering's.</param>
public sealed record OfferingVersionBody(int? Version);

/// <param name="Version">The offering's own version, sent to retire or reactivate it.</param>
/// <param name="OffersMade">Offers made from each version, by version id.</param>
public sealed record CatalogueOfferingDto(
    int Id, string Code, OfferingKind Kind, OfferingStatus Status, int Version, IReadOnlyList<OfferingVersionDto> Versions, IReadOnlyDictionary<int, int> OffersMade)
{
    public static CatalogueOfferingDto From(CatalogueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var offering = entry.Offering;
        return new(offering.Id, offering.Code, offering.Kind, offering.Status, offering.Version, [.. entry.Versions.OrderBy(v => v.Number).Select(OfferingVersionDto.From)], entry.OffersByVersion);
    }
}

/// <summary>One version of an offering, with prices as the form takes them ("1250.00").</summary>
/// <param name="Id">The version's id (0 for a copy not yet saved); offers are made from a published version's id.</param>
/// <param name="Version">The version to send when saving this draft or publishing it.</param>
public sealed record OfferingVersionDto(
    int Id,
    int OfferingId,
    int Number,
    OfferingVersionStatus Status,
    string Name,
    string Summary,
    PricingKind PricingKind,
    string? Price,
    string? SmallPrice,
    string? SmallDefinition,
    string? MediumPrice,
    string? MediumDefinition,
    string? LargePrice,
    string? LargeDefinition,
    int? DeliveryDays,
    int? Incidents,
    int? PlanId,
    string Terms,
    IReadOnlyList<string> Categories,
    IReadOnlyList<int> ProductIds,
    DateTime? PublishedUtc,
    int Version)
{
    public static OfferingVersionDto From(OfferingVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new(
            version.Id,
            version.OfferingId,
            version.Number,
            version.Status,
            version.Name,
            version.Summary,
            version.PricingKind,
            Cents(version.PriceCents),
            Cents(version.SmallCents),
            version.SmallDefinition,
            Cents(version.MediumCents),
            version.MediumDefinition,
            Cents(version.LargeCents),
            version.LargeDefinition,
            version.DeliveryDays,
            version.Incidents,
            version.PlanId,
            version.TermsMarkdown,
            version.Categories,
            version.ProductIds,
            version.PublishedUtc,
            version.Version);
    }

    private static string? Cents(long? cents) => cents is long value ? Money.ForInput(value) : null;
}
