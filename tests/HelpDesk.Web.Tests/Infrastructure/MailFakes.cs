using System.Collections.Concurrent;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Mailboxes;
using HelpDesk.Web.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpDesk.Web.Tests.Infrastructure;

/// <summary>
/// The admin's mail-server buttons (poll now, test connection, send now) recorded instead of done, so page tests need
/// no mail server; the tests against the real servers use the poller and the sender themselves.
/// </summary>
public static class MailFakes
{
    public static void AddTo(IServiceCollection services)
    {
        services.RemoveAll<IMailServerActions>();
        services.AddSingleton<RecordingMailServers>();
        services.AddSingleton<IMailServerActions>(sp => sp.GetRequiredService<RecordingMailServers>());
    }
}

/// <summary>The mail servers as the admin pages call them: each call is recorded and answered with <see cref="NextCheck"/>.</summary>
public sealed class RecordingMailServers : IMailServerActions
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public ConnectionCheck NextCheck { get; set; } = new(true, "Connected; INBOX has 3 messages");

    public Task<MailboxPoll> PollAsync(int mailboxId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"poll {mailboxId}");
        return Task.FromResult(new MailboxPoll { MailboxId = mailboxId, Fetched = 2, Tickets = 1, Held = 1, StartedUtc = DateTime.UtcNow, FinishedUtc = DateTime.UtcNow });
    }

    public Task<ConnectionCheck> TestConnectionAsync(Mailbox mailbox, string? password, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"test {mailbox.Host} {mailbox.UserName} {(password is null ? "stored" : "typed")}");
        return Task.FromResult(NextCheck);
    }

    public Task<string> SendDueAsync(CancellationToken cancellationToken)
    {
        Calls.Enqueue("send");
        return Task.FromResult("Sent 0 messages.");
    }
}
