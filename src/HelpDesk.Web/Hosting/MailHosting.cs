using HelpDesk.Core.Mail;
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
    public static IReadOnlyList<RecurringJobDefinition> Jobs { get; } = [];

    /// <summary>Settings are read when first resolved, which start-up does at once, so a bad one stops it.</summary>
    public static IServiceCollection AddHelpDeskMailHost(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(_ => MailSettingsReader.ReadMail(configuration));
        services.AddSingleton(_ => MailSettingsReader.ReadSmtp(configuration, contentRoot));
        services.AddSingleton(_ => MailSettingsReader.ReadIngress(configuration));
        services.AddSingleton<ISecretProtector, DataProtectionSecrets>();
        services.AddSingleton<MailHealth>();
        services.AddHealthChecks().AddCheck<MailHealthCheck>("mail");
        AddMailAdapter(services);
        return services;
    }

    /// <summary>
    /// The mail adapter: the MIME parser, the poller, the outbox sender and its transport (SMTP, or .eml files in the
    /// pickup directory when <see cref="OutboundMailServer.WritesFiles"/>), and the admin's "poll now", "test
    /// connection" and "send now" on top of them.
    /// </summary>
    private static void AddMailAdapter(IServiceCollection services)
    {
        services.AddScoped<IMailServerActions, MailServersNotInstalled>();
    }
}

/// <summary>What the admin pages get while this build has no mail adapter: each action says so instead of failing.</summary>
public sealed class MailServersNotInstalled(TimeProvider clock) : IMailServerActions
{
    private const string Missing = "This build has no mail adapter, so it cannot reach a mail server.";

    public Task<MailboxPoll> PollAsync(int mailboxId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Task.FromResult(new MailboxPoll { MailboxId = mailboxId, StartedUtc = now, FinishedUtc = now, Error = Missing });
    }

    public Task<ConnectionCheck> TestConnectionAsync(Mailbox mailbox, string? password, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionCheck(false, Missing));

    public Task<string> SendDueAsync(CancellationToken cancellationToken) => Task.FromResult(Missing);
}
