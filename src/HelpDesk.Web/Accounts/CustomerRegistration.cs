using System.Text;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// Self-registration on the portal: every account made here is a customer's, and it is placed in an
/// organisation only once its email is confirmed (see <see cref="HelpDeskUserManager"/>). An address that already has an
/// account is answered as a new one would be, and its owner is told by mail.
/// </summary>
public sealed class CustomerRegistration(HelpDeskUserManager users, AccountMailer mailer, TimeProvider clock)
{
    /// <param name="confirmationLink">Builds the confirmation page's path from the user id and the encoded token; the mailer puts it on the public site.</param>
    public async Task<IdentityResult> RegisterAsync(string displayName, string email, string password, Func<int, string, string> confirmationLink)
    {
        var user = new HelpDeskUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            DisplayName = PlainText.Clean(displayName),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };

        var created = await users.CreateAsync(user, password);
        if (IsTaken(created))
        {
            return await TellOwnerAsync(user.Email);
        }

        if (!created.Succeeded)
        {
            return created;
        }

        var role = await users.AddToRoleAsync(user, Roles.Customer);
        if (!role.Succeeded)
        {
            return role;
        }

        await SendConfirmationAsync(user, confirmationLink);
        return IdentityResult.Success;
    }

    public async Task SendConfirmationAsync(HelpDeskUser user, Func<int, string, string> confirmationLink)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var encoded = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        await mailer.SendConfirmationLinkAsync(user, user.Email, confirmationLink(user.Id, encoded));
    }

    /// <summary>True when the only thing wrong is that the address has an account (Identity names it twice).</summary>
    public static bool IsTaken(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return !result.Succeeded && result.Errors.All(e => IsTakenCode(e.Code));
    }

    public static bool IsTakenCode(string code) => code is "DuplicateUserName" or "DuplicateEmail";

    /// <summary>Mails the owner of a taken address and answers as a registration does.</summary>
    public async Task<IdentityResult> TellOwnerAsync(string email)
    {
        if (await users.FindByEmailAsync(email) is { } owner)
        {
            await mailer.SendAlreadyRegisteredAsync(owner);
        }

        return IdentityResult.Success;
    }

    public static string DecodeToken(string encoded) => Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encoded));
}
