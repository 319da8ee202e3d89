using HelpDesk.Core.Mail;
using HelpDesk.Mail;
using HelpDesk.Mail.Mailboxes;
using HelpDesk.Mail.Outbound;
using HelpDesk.Web.Jobs;
using HelpDesk.Web.Mail;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Email in the host: the <c>Mail</c> settings, mailbox passwords protected with data protection, the "mail" health
/// check and the banner's status, and the mail adapter (IMAP poller, outbox sender) with its recurring jobs.
/// </summary>
public static class MailHosting
{
    public const string IngressRateLimit = "mail-ingress";

    /// <summary>The mail adapter's recurring jobs: <c>mail:poll</c> and <c>mail:send</c>, every minute.</summary>
    public static IReadOnlyList<RecurringJobDefinition> Jobs { get; } =
    [
        RecurringJobDefinition.For<MailboxPoller, IReadOnlyList<MailboxPoll>>("mail:poll", "* * * * *", job => job.PollAllAsync(CancellationToken.None)),
        RecurringJobDefinition.For<OutboxSender, DrainResult>("mail:send", "* * * * *", job => job.DrainAsync(CancellationToken.None)),
    ];

    /// <summary>Settings are read when first resolved, which start-up does at once, so a bad one stops it.</summary>
    public static IServiceCollection AddHelpDeskMailHost(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(_ => MailSettingsReader.ReadSmtp(configuration, contentRoot));
        services.AddSingleton(_ => MailSettingsReader.ReadIngress(configuration));
        services.AddSingleton<ISecretProtector, DataProtectionSecrets>();
        services.AddSingleton<MailHealth>();
        services.AddHealthChecks().AddCheck<MailHealthCheck>("mail");
        AddMailAdapter(services, configuration, contentRoot);
        return services;
    }

    /// <summary>
    /// The mail adapter: the MIME parser, the poller, the outbox sender and its transport (SMTP, or .eml files in the
    /// pickup directory when <see cref="OutboundMailServer.WritesFiles"/>), and the admin's "poll now", "test
    /// connection" and "send now" on top of them.
    /// </summary>
    private static void AddMailAdapter(IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var server = MailSettingsReader.ReadSmtp(configuration, contentRoot);
        var smtp = server.WritesFiles
            ? null
            : new SmtpSettings { Host = server.Host!, Port = server.Port, TlsMode = server.TlsMode, UserName = server.UserName ?? "", Password = server.Password ?? "" };
        services.AddHelpDeskMail(smtp, server.PickupDirectory);
        services.AddScoped<IMailServerActions, MailServerActions>();
    }
}

/// <summary>The admin's buttons, done by the mail adapter itself.</summary>
public sealed class MailServerActions(MailboxPoller poller, OutboxSender sender) : IMailServerActions
{
    public Task<MailboxPoll> PollAsync(int mailboxId, CancellationToken cancellationToken) => poller.PollAsync(mailboxId, cancellationToken);

    public Task<ConnectionCheck> TestConnectionAsync(Mailbox mailbox, string? password, CancellationToken cancellationToken) =>
        poller.TestConnectionAsync(mailbox, password, cancellationToken);

    public async Task<string> SendDueAsync(CancellationToken cancellationToken)
    {
        var result = await sender.DrainAsync(cancellationToken);
        return result is { Sent: 0, Retrying: 0, Failed: 0 }
            ? "Nothing was due."
            : $"Sent {result.Sent}; {result.Retrying} will be retried; {result.Failed} failed for good.";
    }
}
