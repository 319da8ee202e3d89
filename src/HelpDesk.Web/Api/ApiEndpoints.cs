using HelpDesk.Core.Accounts;
using HelpDesk.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

/// <summary>The JSON API under <c>/api</c>. Each capability adds its own group here.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapHelpDeskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.AddEndpointFilter(DefinedEnums.FilterAsync);

        api.MapAuthEndpoints();

        api.MapGet("/me", MeAsync)
            .RequireScope(ApiScopes.ReadTickets)
            .WithTags("Account")
            .WithSummary("The signed-in user: roles and organisation.")
            .RequireAuthorization();

        api.MapTicketEndpoints();
        api.MapEntitlementEndpoints();
        api.MapOfferEndpoints();
        api.MapKnownIssueEndpoints();
        api.MapWebhookEndpoints();
        api.MapEconomicsEndpoints();
        api.MapOrganisationEndpoints();
        api.MapCatalogueEndpoints();
        api.MapScopeEndpoints();
        api.MapImportEndpoints();
        api.MapPlanEndpoints();
        api.MapContractEndpoints();
        api.MapEngineerEndpoints();
        api.MapOfferingEndpoints();
        api.MapInboundMailEndpoints();
        api.MapTokenEndpoints();
        return app;
    }

    private static async Task<Ok<MeResponse>> MeAsync(HttpContext context, HelpDeskUserManager users, HelpDesk.Core.Organisations.IOrganisationStore organisations)
    {
        var user = await users.GetUserAsync(context.User)
            ?? throw new InvalidOperationException("An authenticated request has no user.");
        var roles = await users.GetRolesAsync(user);
        var organisation = user.OrganisationId is int id ? await organisations.GetAsync(id, context.RequestAborted) : null;
        return TypedResults.Ok(new MeResponse(
            user.Id,
            user.Email,
            user.DisplayName,
            [.. roles.Order(StringComparer.Ordinal)],
            organisation is null ? null : new MeOrganisation(organisation.Id, organisation.Name, organisation.Region.ToString(), organisation.Segment.ToString())));
    }
}

public sealed record MeResponse(int Id, string Email, string DisplayName, IReadOnlyList<string> Roles, MeOrganisation? Organisation);

public sealed record MeOrganisation(int Id, string Name, string Region, string Segment);
