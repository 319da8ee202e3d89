using HelpDesk.Core.Accounts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;

namespace HelpDesk.Web.Api;

/// <summary>The JSON API under <c>/api</c>. Each capability adds its own group here.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapHelpDeskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.AddEndpointFilter(DefinedEnums.FilterAsync);

        api.MapGroup("/auth")
            .WithTags("Authentication")
            .MapIdentityApi<HelpDeskUser>()
            .AddEndpointFilter(MakeRegisteredAccountsCustomers)
            .RequireRateLimiting(HelpDeskServices.SignInRateLimit);

        api.MapGet("/me", MeAsync)
            .WithTags("Account")
            .WithSummary("The signed-in user: roles and organisation.")
            .RequireAuthorization();

        api.MapTicketEndpoints();
        api.MapEntitlementEndpoints();
        api.MapOfferEndpoints();
        api.MapEconomicsEndpoints();
        api.MapInboundMailEndpoints();
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

    /// <summary>
    /// Identity's own <c>/register</c> endpoint creates a bare account. Everyone who registers themselves is a
    /// customer, exactly as on the portal, so the filter adds the role once the account exists.
    /// </summary>
    private static async ValueTask<object?> MakeRegisteredAccountsCustomers(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (!context.HttpContext.Request.Path.Value!.EndsWith("/register", StringComparison.OrdinalIgnoreCase)
            || context.Arguments.OfType<RegisterRequest>().FirstOrDefault() is not { } request
            || !IsOk(result))
        {
            return result;
        }

        var users = context.HttpContext.RequestServices.GetRequiredService<HelpDeskUserManager>();
        if (await users.FindByEmailAsync(request.Email) is { } user && !await users.IsInRoleAsync(user, Roles.Customer))
        {
            await users.AddToRoleAsync(user, Roles.Customer);
        }

        return result;
    }

    private static bool IsOk(object? result) => result switch
    {
        Ok => true,
        INestedHttpResult nested => nested.Result is Ok,
        _ => false,
    };
}

public sealed record MeResponse(int Id, string Email, string DisplayName, IReadOnlyList<string> Roles, MeOrganisation? Organisation);

public sealed record MeOrganisation(int Id, string Name, string Region, string Segment);
