using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Utils;

namespace HelpDesk.Mail.Outbound;

/// <param name="Sent">Messages the server took.</param>
/// <param name="Retrying">Messages that failed this time and wait for their next attempt.</param>
/// <param name="Failed">Messages failed for good: refused by the server or out of attempts.</param>
public sealed record DrainResult(int Sent, int Retrying, int Failed);

/// <summary>
/// Sends what the outbox holds: claims due messages in batches, sends each over one connection, and marks it sent, or
/// failed with its next attempt (exponential backoff) or for good. A claim expires, so mail claimed by a sender that
/// crashed is sent by the next drain; a message the server took is marked sent before the next is tried.
/// </summary>
public sealed partial class OutboxSender(IOutbox outbox, IMailTransport transport, MailSettings settings, TimeProvider clock, ILogger<OutboxSender> logger)
{
    public const int BatchSize = 50;

    /// <summary>How long a claim holds: far longer than sending a batch takes.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    private const int ThreadLength = 20;

    public async Task<DrainResult> DrainAsync(CancellationToken cancellationToken = default)
    {
        int sent = 0, retrying = 0, failed = 0;
        IMailSession? session = null;
        try
        {
            while (true)
            {
                var now = Now();
                var batch = await outbox.ClaimDueAsync(now, now + ClaimFor, BatchSize, cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    var entry = batch[i];
                    Exception? error = null;
                    try
                    {
                        // Disposed once sent: its body parts hold content streams that would otherwise wait for the
                        // finalizer thread, which under load runs behind and keeps them alive through more collections.
                        using var message = await BuildAsync(entry, cancellationToken);
                        session ??= await transport.OpenAsync(cancellationToken);
                        await session.SendAsync(message, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        error = ex;
                    }

                    if (error is null)
                    {
                        await outbox.MarkSentAsync(entry.Id, Now(), cancellationToken);
                        sent++;
                        continue;
                    }

                    if (await MarkFailedAsync(entry, error, cancellationToken))
                    {
                        retrying++;
                    }
                    else
                    {
                        failed++;
                    }

                    if (IsConnectionFailure(error))
                    {
                        // The server is down or the connection broke: the rest of the batch waits for the next drain
                        // rather than each timing out in turn.
                        LogConnectionFailed(logger, error);
                        foreach (var rest in batch.Skip(i + 1))
                        {
                            if (await MarkFailedAsync(rest, error, cancellationToken))
                            {
                                retrying++;
                            }
                            else
                            {
                                failed++;
                            }
                        }

                        return new DrainResult(sent, retrying, failed);
                    }
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return new DrainResult(sent, retrying, failed);
    }

    /// <summary>True when the message will be tried again.</summary>
    private async Task<bool> MarkFailedAsync(OutboxEntry entry, Exception error, CancellationToken cancellationToken)
    {
        var now = Now();
        var next = NextAttempt(error, entry.Attempts, settings, now);
        var reason = Describe(error);
        await outbox.MarkAttemptFailedAsync(entry.Id, reason, next, now, cancellationToken);
        if (next is null)
        {
            LogFailedForGood(logger, entry.Id, entry.ToAddress, entry.Attempts, reason);
        }
        else
        {
            LogWillRetry(logger, entry.Id, entry.ToAddress, entry.Attempts, next.Value, reason);
        }

        return next is not null;
    }

    /// <summary>The message as it goes out, threaded on the ticket's earlier mail.</summary>
    internal async Task<MimeMessage> BuildAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.SupportName, settings.SupportAddress));
        message.To.Add(MailboxAddress.Parse(entry.ToAddress));
        message.Subject = entry.Subject;
        message.Date = clock.GetUtcNow();
        message.MessageId = entry.MessageId ?? MimeUtils.GenerateMessageId(settings.MessageIdDomain);

        if (entry.TicketId is { } ticketId)
        {
            var thread = (await outbox.ListThreadAsync(ticketId, ThreadLength, message.MessageId, cancellationToken))
                .Where(id => !string.Equals(id, message.MessageId, StringComparison.Ordinal))
                .ToList();
            if (thread.Count > 0)
            {
                message.InReplyTo = thread[^1];
                foreach (var id in thread)
                {
                    message.References.Add(id);
                }
            }
        }

        message.Headers.Add("X-Loop", settings.LoopToken);
        if (OutboundMail.AutoSubmittedFor(entry.Kind) is { } autoSubmitted)
        {
            message.Headers.Add("Auto-Submitted", autoSubmitted);
            // Asks Exchange and Outlook not to answer automatic mail with their own out-of-office replies.
            message.Headers.Add("X-Auto-Response-Suppress", "All");
        }

        // Every message has both parts: the HTML one that came with it, or one laid out from its text now, signed with the
        // ticket it is about, else the desk's name. Laid out here rather than when queued, the outbox row written in every
        // filing's transaction holds the text alone: 861 bytes on average, where it took 2,248 with the layout.
        var body = new BodyBuilder
        {
            TextBody = entry.TextBody,
            HtmlBody = string.IsNullOrEmpty(entry.HtmlBody) ? MailLayout.FromText(entry.TextBody, SignatureOf(entry)) : entry.HtmlBody,
        };

        message.Body = body.ToMessageBody();
        return message;
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    /// <summary>The line under a message laid out from its text.</summary>
    private string SignatureOf(OutboxEntry entry) => entry.TicketId is { } ticketId ? TicketMail.Signature(ticketId) : settings.SupportName;

    /// <summary>
    /// When to try a message again after <paramref name="attempts"/> attempts, or null to fail it for good. A server that
    /// cannot be reached is waited for however long it takes (the delay stops growing at MaxRetry), so an outage loses
    /// nothing and needs no one to press Retry; a server that answers with a temporary refusal (4xx) is given MaxAttempts;
    /// a permanent refusal (5xx) or an address that cannot be used fails at once.
    /// </summary>
    internal static DateTime? NextAttempt(Exception error, int attempts, MailSettings settings, DateTime nowUtc)
    {
        if (IsPermanent(error) || (!IsConnectionFailure(error) && attempts >= settings.MaxAttempts))
        {
            return null;
        }

        return nowUtc + settings.RetryDelay(attempts);
    }

    /// <summary>The server refused the message or its address for good (5xx), or the address cannot be written.</summary>
    internal static bool IsPermanent(Exception error) => error switch
    {
        SmtpCommandException command => (int)command.StatusCode >= 500,
        ParseException => true,
        _ => false,
    };

    private static bool IsConnectionFailure(Exception error) => error is not (SmtpCommandException or ParseException);

    private static string Describe(Exception error) => error switch
    {
        SmtpCommandException command => $"The server refused the message ({(int)command.StatusCode}): {command.Message}",
        ParseException => $"The address cannot be used: {error.Message}",
        _ => $"Could not send: {error.Message}",
    };

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Outbox message {OutboxId} to {To} failed on attempt {Attempts}; next attempt at {NextAttemptUtc:o}: {Reason}")]
    private static partial void LogWillRetry(ILogger logger, int outboxId, string to, int attempts, DateTime nextAttemptUtc, string reason);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Error, Message = "Outbox message {OutboxId} to {To} failed for good after {Attempts} attempts: {Reason}")]
    private static partial void LogFailedForGood(ILogger logger, int outboxId, string to, int attempts, string reason);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "Could not reach the mail server; the rest of the batch waits for the next drain")]
    private static partial void LogConnectionFailed(ILogger logger, Exception error);
}
