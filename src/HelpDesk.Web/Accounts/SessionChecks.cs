using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HelpDesk.Core.Accounts;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// An account's sessions end with its security stamp (<see cref="HelpDeskUserManager.EndSessionsAsync"/>). Cookies are
/// checked by Identity's stamp validator every few seconds; the bearer handler would trust a token until it expires,
/// so bearer requests are checked here on every request; and a refresh token is exchanged once only.
/// </summary>
public static class SessionChecks
{
    /// <summary>A bearer token issued before its account's stamp changed signs no one in.</summary>
    public static async Task RefuseRevokedBearerAsync(HttpContext context, RequestDelegate next)
    {
        // An API token's owner is read afresh on every request (ApiTokenAuthenticationHandler); only Identity's own
        // bearer tokens carry a stamp from the past.
        if (context.User.Identity?.IsAuthenticated == true
            && !ApiTokenAuthenticationHandler.IsTokenSignIn(context.User)
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var signIn = context.RequestServices.GetRequiredService<SignInManager<HelpDeskUser>>();
            if (await signIn.ValidateSecurityStampAsync(context.User) is null)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }

        await next(context);
    }

    /// <summary>
    /// Filter of <c>POST /api/auth/refresh</c>: a refresh token seen before is refused, and since only a copy can be
    /// used twice, every session of its account ends.
    /// </summary>
    public static async ValueTask<object?> RefreshOnceAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Arguments.OfType<RefreshRequest>().FirstOrDefault() is not { } request)
        {
            return await next(context);
        }

        var services = context.HttpContext.RequestServices;
        var bearer = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var ticket = bearer.RefreshTokenProtector.Unprotect(request.RefreshToken);
        var users = services.GetRequiredService<HelpDeskUserManager>();
        if (ticket?.Properties.ExpiresUtc is not { } expires || await users.GetUserAsync(ticket.Principal) is not { } user)
        {
            // Not a token this app issued, or its account is gone: Identity's endpoint refuses it.
            return await next(context);
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.RefreshToken)));
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await services.GetRequiredService<IRefreshTokenUses>().TryUseAsync(hash, user.Id, expires.UtcDateTime, now, context.HttpContext.RequestAborted))
        {
            return await next(context);
        }

        await users.EndSessionsAsync(user);
        return TypedResults.Unauthorized();
    }
}
