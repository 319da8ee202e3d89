using System.Text;
using HelpDesk.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// Self-registration on the portal: every account made here is a customer's, and it is placed in an
/// organisation only once its email is confirmed (see <see cref="HelpDeskUserManager"/>).
/// </summary>
public sealed class CustomerRegistration(HelpDeskUserManager users, IEmailSender<HelpDeskUser> mailer, TimeProvider clock)
{
    /// <param name="confirmationLink">Builds the absolute confirmation URL from the user id and the encoded token.</param>
    public async Task<IdentityResult> RegisterAsync(string displayName, string email, string password, Func<int, string, string> confirmationLink)
    {
        var user = new HelpDeskUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            DisplayName = displayName.Trim(),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };

        var created = await users.CreateAsync(user, password);
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

    public static string DecodeToken(string encoded) => Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encoded));
}
