using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;

namespace HelpDesk.Web.Api;

/// <summary>
/// Identity's account endpoints under <c>/api/auth</c>, with the help desk's rules as filters: whoever registers is a
/// customer, a taken address answers as a new one, a throttled sign-in is a 429, and a refresh token works once.
/// </summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var auth = api.MapGroup("/auth").WithTags("Authentication");
        auth.MapIdentityApi<HelpDeskUser>()
            .AddEndpointFilter(RegisterAsync)
            .AddEndpointFilter(AnswerThrottledSignIn)
            .AddEndpointFilter(SessionChecks.RefreshOnceAsync)
            .RequireRateLimiting(HelpDeskServices.SignInRateLimit);
        return api;
    }

    /// <summary>
    /// Identity's own <c>/register</c> creates a bare account: everyone who registers themselves is a customer, exactly
    /// as on the portal, so the filter adds the role once the account exists. A taken address gets the answer a new one
    /// gets, and its owner a mail, so the endpoint tells no one which addresses have accounts.
    /// </summary>
    private static async ValueTask<object?> RegisterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (context.Arguments.OfType<RegisterRequest>().FirstOrDefault() is not { } request)
        {
            return result;
        }

        var services = context.HttpContext.RequestServices;
        if (Unwrap(result) is ValidationProblem problem && problem.ProblemDetails.Errors.Keys.All(CustomerRegistration.IsTakenCode))
        {
            await services.GetRequiredService<CustomerRegistration>().TellOwnerAsync(request.Email);
            return TypedResults.Ok();
        }

        if (Unwrap(result) is not Ok)
        {
            return result;
        }

        var users = services.GetRequiredService<HelpDeskUserManager>();
        if (await users.FindByEmailAsync(request.Email) is { } user && !await users.IsInRoleAsync(user, Roles.Customer))
        {
            await users.AddToRoleAsync(user, Roles.Customer);
        }

        return result;
    }

    /// <summary>Identity answers every refused sign-in 401; one the throttle held back is a 429 with its wait.</summary>
    private static async ValueTask<object?> AnswerThrottledSignIn(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (context.HttpContext.Items[typeof(ThrottledSignInResult)] is not ThrottledSignInResult throttled)
        {
            return result;
        }

        context.HttpContext.Response.Headers.RetryAfter = throttled.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"Too many wrong passwords. Wait {throttled.RetryAfterSeconds} seconds and try again.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts");
    }

    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;
}
