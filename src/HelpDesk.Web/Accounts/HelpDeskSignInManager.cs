using HelpDesk.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// Identity's sign-in with three changes, for the sign-in page and <c>/api/auth/login</c> alike. The password is
/// checked first, so "confirm your email" and "locked" are told only to whoever knows it. An unknown account costs a
/// password check too, so it answers as slowly as a known one. And wrong passwords are throttled by
/// <see cref="SignInAttempts"/> instead of locking the account: while a wait is running, attempts are answered
/// <see cref="ThrottledSignInResult"/> without looking at the password.
/// </summary>
public sealed class HelpDeskSignInManager(
    UserManager<HelpDeskUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HelpDeskUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HelpDeskUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HelpDeskUser> confirmation,
    SignInAttempts attempts)
    : SignInManager<HelpDeskUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A hash of a password nobody has, checked for unknown accounts so that they take as long as known ones.</summary>
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<HelpDeskUser>().HashPassword(new HelpDeskUser(), Guid.NewGuid().ToString("N")));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var address = ClientAddress;
        var wait = attempts.WaitFor(userName, address);
        if (wait > TimeSpan.Zero)
        {
            var throttled = new ThrottledSignInResult(wait);
            // Identity's login endpoint only writes the result's name; its filter answers 429 from this.
            Context.Items[typeof(ThrottledSignInResult)] = throttled;
            return throttled;
        }

        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(new HelpDeskUser(), DecoyHash.Value, password);
            attempts.Failed(userName, address);
            return SignInResult.Failed;
        }

        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result == SignInResult.Failed)
        {
            attempts.Failed(userName, address);
        }
        else
        {
            attempts.Succeeded(userName, address);
        }

        return result;
    }

    /// <summary>The password before anything else; a wrong one is never counted towards a lock.</summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(HelpDeskUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            return SignInResult.Failed;
        }

        return await PreSignInCheck(user) ?? SignInResult.Success;
    }

    /// <summary>A deactivated account is refused after its password, with its own answer.</summary>
    protected override async Task<SignInResult?> PreSignInCheck(HelpDeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DeactivatedUtc is not null ? new DeactivatedSignInResult() : await base.PreSignInCheck(user);
    }

    public override async Task<bool> CanSignInAsync(HelpDeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DeactivatedUtc is null && await base.CanSignInAsync(user);
    }

    /// <summary>
    /// Cookies, bearer tokens and refresh tokens of a deactivated account stop at their next check even if its stamp
    /// were somehow unchanged: deactivating ends the sessions (<see cref="HelpDeskUserManager.EndSessionsAsync"/>), and
    /// this keeps them ended.
    /// </summary>
    public override async Task<bool> ValidateSecurityStampAsync(HelpDeskUser? user, string? securityStamp) =>
        user is { DeactivatedUtc: null } && await base.ValidateSecurityStampAsync(user, securityStamp);

    private string ClientAddress => Context.Connection.RemoteIpAddress?.ToString() ?? "local";
}

/// <summary>A sign-in refused unheard because the throttle's wait is running.</summary>
public sealed class ThrottledSignInResult : SignInResult
{
    public ThrottledSignInResult(TimeSpan wait)
    {
        RetryAfter = wait;
        IsLockedOut = true;
    }

    public TimeSpan RetryAfter { get; }

    /// <summary>Whole seconds, rounded up, as a Retry-After header gives them.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);

    public override string ToString() => "Throttled";
}

/// <summary>A sign-in refused because an administrator deactivated the account; told only after the right password.</summary>
public sealed class DeactivatedSignInResult : SignInResult
{
    public DeactivatedSignInResult()
    {
        IsNotAllowed = true;
    }

    public override string ToString() => "Deactivated";
}
