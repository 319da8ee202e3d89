using System.Text;
using HelpDesk.Core.Accounts;
using Microsoft.AspNetCore.WebUtilities;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// The link that lets a person choose a password: Identity's reset token for the account on the reset page. Forgot
/// password, an administrator's reset and an invitation all send this one link; the mailer puts it on the public site.
/// </summary>
public sealed class PasswordLinks(HelpDeskUserManager users)
{
    public async Task<string> ResetLinkAsync(HelpDeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return QueryHelpers.AddQueryString("/account/resetpassword", new Dictionary<string, string?> { ["email"] = user.Email, ["code"] = code });
    }
}
