using HelpDesk.Core.Mail;
using MailKit.Security;

namespace HelpDesk.Mail;

internal static class MailTls
{
    /// <summary>Connection and command timeout for IMAP and SMTP: a hung server fails the poll or the drain, not the app.</summary>
    public const int TimeoutMilliseconds = 30_000;

    public static SecureSocketOptions ToSocketOptions(this MailTlsMode mode) => mode switch
    {
        MailTlsMode.None => SecureSocketOptions.None,
        MailTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailTlsMode.StartTls => SecureSocketOptions.StartTls,
        MailTlsMode.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
