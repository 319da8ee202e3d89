using HelpDesk.Core.Mail;
using HelpDesk.Mail.Inbound;
using HelpDesk.Mail.Mailboxes;
using HelpDesk.Mail.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpDesk.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// The MIME parser, the IMAP poller, the outbox sender and its transport: SMTP when <paramref name="smtp"/> names a
    /// host, otherwise .eml files in <paramref name="pickupDirectory"/>. Needs IMailboxStore, IOutbox, IEmailIntake,
    /// ISecretProtector, MailSettings and a TimeProvider registered elsewhere.
    /// </summary>
    public static IServiceCollection AddHelpDeskMail(this IServiceCollection services, SmtpSettings? smtp, string pickupDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Before anything touches MimeKit: it learns the charset names it knows (koi8-r, shift_jis, gb2312…) once, when
        // first used, so the legacy code pages must be registered by then or those charsets read as Latin-1.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IInboundMailParser, MimeInboundParser>();
        services.AddSingleton<IMailTransport>(string.IsNullOrWhiteSpace(smtp?.Host)
            ? new PickupDirectoryTransport(pickupDirectory)
            : new SmtpMailTransport(smtp));
        services.AddScoped<MailboxPoller>();
        services.AddScoped<OutboxSender>();
        return services;
    }
}
