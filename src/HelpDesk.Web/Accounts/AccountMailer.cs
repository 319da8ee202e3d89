using System.Net;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Mail;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// Identity's account mail (confirm your address, reset your password) goes to the outbox like every other
/// message. Its links are on the configured public site, whatever Host the request that asked for them named. Where <c>Mail:LogAccountLinks</c> is on (the development default) the link is also logged, so a
/// person trying the app without a mail server can follow it.
/// </summary>
public sealed partial class AccountMailer(IOutbox outbox, PublicSite site, TimeProvider clock, IConfiguration configuration, ILogger<AccountMailer> logger)
    : IEmailSender<HelpDeskUser>
{
    public Task SendConfirmationLinkAsync(HelpDeskUser user, string email, string confirmationLink) =>
        SendAsync(
            OutboundMail.AccountConfirmation,
            email,
            "Confirm your HelpDesk account",
            $"""
            Hello {Name(user)},

            Please confirm your email address for HelpDesk by opening this link:

            {Link(confirmationLink)}

            If you did not create an account, ignore this message.
            """,
            Link(confirmationLink));

    public Task SendPasswordResetLinkAsync(HelpDeskUser user, string email, string resetLink) =>
        SendAsync(
            OutboundMail.PasswordReset,
            email,
            "Reset your HelpDesk password",
            $"""
            Hello {Name(user)},

            Someone asked to reset the password of your HelpDesk account. To choose a new one, open:

            {Link(resetLink)}

            If it was not you, ignore this message: your password stays as it is.
            """,
            Link(resetLink));

    public Task SendPasswordResetCodeAsync(HelpDeskUser user, string email, string resetCode) =>
        SendAsync(
            OutboundMail.PasswordReset,
            email,
            "Your HelpDesk password reset code",
            $"""
            Hello {Name(user)},

            Your password reset code is:

            {resetCode}

            If you did not ask for it, ignore this message.
            """,
            resetCode);

    /// <summary>
    /// To a person an administrator added: the link is a password reset link (see <see cref="PasswordLinks"/>), so it
    /// expires and works once as a reset link does, and opening it confirms the address.
    /// </summary>
    public Task SendInvitationAsync(HelpDeskUser user, string setPasswordLink)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SendAsync(
            OutboundMail.AccountInvitation,
            user.Email,
            "You are invited to HelpDesk",
            $"""
            Hello {Name(user)},

            An administrator has made you a HelpDesk account. To choose your password and sign in, open:

            {Link(setPasswordLink)}

            If the link has expired, ask for a new one at {site.Link("/account/forgotpassword")}.
            """,
            Link(setPasswordLink));
    }

    /// <summary>
    /// To the owner of an address someone registered again. The form answers as it does for a new account, so that it
    /// tells no one which addresses have accounts; only the owner learns of it, here.
    /// </summary>
    public Task SendAlreadyRegisteredAsync(HelpDeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reset = site.Link("/account/forgotpassword");
        return SendAsync(
            OutboundMail.AccountExists,
            user.Email,
            "You already have a HelpDesk account",
            $"""
            Hello {Name(user)},

            Someone asked to register a HelpDesk account with this address, which already has one.
            If it was you, sign in at {site.Link("/account/signin")}, or choose a new password at:

            {reset}

            If it was not you, ignore this message: nothing has changed.
            """,
            reset);
    }

    private async Task SendAsync(string kind, string email, string subject, string body, string link)
    {
        await outbox.EnqueueAsync(new OutboundMail(kind, email, subject, body), clock.GetUtcNow().UtcDateTime);
        if (configuration.GetValue("Mail:LogAccountLinks", false))
        {
            LogAccountLink(logger, kind, email, link);
        }
    }

    // Identity's API endpoints hand over links already HTML-encoded and built from the request; mail bodies here are
    // plain text, and every link points at the public site.
    private string Link(string link) => site.Rebase(WebUtility.HtmlDecode(link));

    private static string Name(HelpDeskUser user) => string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName;

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Account mail {Kind} for {Email}: {Link}")]
    private static partial void LogAccountLink(ILogger logger, string kind, string email, string link);
}
