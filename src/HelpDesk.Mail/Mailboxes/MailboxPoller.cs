using HelpDesk.Core.Mail;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Mail.Mailboxes;

/// <summary>What a connection test found, in words for the admin page.</summary>
public sealed record ConnectionCheck(bool Ok, string Message);

/// <summary>
/// Reads new mail from IMAP mailboxes into intake. Messages are taken in UID order in batches; after each batch the
/// processed ones are moved out of the folder and the last UID is saved, so a crash re-reads at most one batch, and
/// intake's idempotency turns those repeats into duplicates that are simply moved.
/// </summary>
public sealed partial class MailboxPoller(IMailboxStore mailboxes, IEmailIntake intake, ISecretProtector secrets, TimeProvider clock, ILogger<MailboxPoller> logger)
{
    public const int BatchSize = 100;

    /// <summary>How many bytes of a batch are read ahead of intake with one command.</summary>
    public const long ReadAheadBytes = 8 * 1024 * 1024;

    /// <summary>Polls every enabled mailbox in turn; one that fails does not stop the others.</summary>
    public async Task<IReadOnlyList<MailboxPoll>> PollAllAsync(CancellationToken cancellationToken = default)
    {
        var polls = new List<MailboxPoll>();
        foreach (var mailbox in (await mailboxes.ListAsync(cancellationToken)).Where(m => m.Enabled))
        {
            try
            {
                polls.Add(await PollAsync(mailbox.Id, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The poll could not even be recorded (the database is down): the next mailbox may still be read.
                LogPollNotRecorded(logger, mailbox.Name, ex);
            }
        }

        return polls;
    }

    /// <summary>
    /// Reads the mailbox's new messages into intake. A failure stops the poll and is recorded on it (and counted on the
    /// mailbox) rather than thrown; cancellation is thrown.
    /// </summary>
    public async Task<MailboxPoll> PollAsync(int mailboxId, CancellationToken cancellationToken = default)
    {
        var mailbox = await mailboxes.GetAsync(mailboxId, cancellationToken);
        if (mailbox is null)
        {
            return new MailboxPoll { MailboxId = mailboxId, StartedUtc = Now(), FinishedUtc = Now(), Error = $"Mailbox {mailboxId} does not exist." };
        }

        var started = Now();
        var pollId = await mailboxes.StartPollAsync(mailbox.Id, started, cancellationToken);
        var counts = new Counts();
        string? error = null;
        var stage = $"connecting to {mailbox.Host}:{mailbox.Port}";
        using var client = new ImapClient { Timeout = MailTls.TimeoutMilliseconds };
        try
        {
            var password = secrets.Unprotect(mailbox.ProtectedPassword);
            await client.ConnectAsync(mailbox.Host, mailbox.Port, mailbox.TlsMode.ToSocketOptions(), cancellationToken);
            stage = $"logging in as {mailbox.UserName}";
            await client.AuthenticateAsync(mailbox.UserName, password, cancellationToken);

            stage = $"opening {mailbox.Folder}";
            var folder = await client.GetFolderAsync(mailbox.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            stage = $"creating {mailbox.ProcessedFolder} and {mailbox.FailedFolder}";
            var processedFolder = await EnsureFolderAsync(client, mailbox.ProcessedFolder, cancellationToken);
            var failedFolder = await EnsureFolderAsync(client, mailbox.FailedFolder, cancellationToken);

            var lastUid = mailbox.LastUid;
            if (mailbox.UidValidity is { } known && known != folder.UidValidity)
            {
                LogUidValidityChanged(logger, mailbox.Name, known, folder.UidValidity);
                lastUid = 0;
                await mailboxes.SaveProgressAsync(mailbox.Id, folder.UidValidity, 0, cancellationToken);
            }

            stage = "searching for new messages";
            // "UID n:*" always matches the last message even when its UID is below n, hence the filter.
            var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)Math.Min(lastUid + 1, uint.MaxValue)), UniqueId.MaxValue)), cancellationToken))
                .Where(uid => uid.Id > lastUid)
                .OrderBy(uid => uid.Id)
                .ToList();

            foreach (var batch in uids.Chunk(BatchSize))
            {
                var done = new List<UniqueId>();
                var failed = new List<UniqueId>();
                stage = $"reading the sizes of messages up to UID {batch[^1].Id}";
                foreach (var part in await ReadAheadPartsAsync(folder, batch, cancellationToken))
                {
                    stage = $"reading messages UID {part[0].Id} to {part[^1].Id}";
                    var raws = await ReadManyAsync(folder, part, cancellationToken);
                    foreach (var uid in part)
                    {
                        stage = $"reading message UID {uid.Id}";
                        var raw = raws.TryGetValue(uid, out var read) ? read : throw new MessageNotFoundException("The IMAP server did not return the message.");
                        stage = $"taking in message UID {uid.Id}";
                        var outcome = await intake.ReceiveAsync(raw, "imap:" + mailbox.Name, cancellationToken);
                        counts.Add(outcome.Result);
                        (outcome.Failed ? failed : done).Add(uid);
                    }
                }

                stage = $"moving messages up to UID {batch[^1].Id}";
                if (done.Count > 0)
                {
                    await folder.MoveToAsync(done, processedFolder, cancellationToken);
                }

                if (failed.Count > 0)
                {
                    await folder.MoveToAsync(failed, failedFolder, cancellationToken);
                }

                await mailboxes.SaveProgressAsync(mailbox.Id, folder.UidValidity, batch[^1].Id, cancellationToken);
            }

            if (mailbox.UidValidity is null && uids.Count == 0)
            {
                await mailboxes.SaveProgressAsync(mailbox.Id, folder.UidValidity, lastUid, cancellationToken);
            }

            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = $"Failed {stage}: {ex.Message}";
            LogPollFailed(logger, mailbox.Name, stage, ex);
        }

        var poll = counts.ToPoll(pollId, mailbox, started, Now(), error);
        await mailboxes.FinishPollAsync(poll, Now(), cancellationToken);
        if (error is null)
        {
            LogPolled(logger, mailbox.Name, poll.Fetched, poll.Tickets, poll.Replies, poll.Held, poll.Duplicates);
        }

        return poll;
    }

    /// <summary>Logs in and looks at the folder, without reading or moving anything.</summary>
    /// <param name="password">The password typed on the form; null to use the stored one.</param>
    public async Task<ConnectionCheck> TestConnectionAsync(Mailbox mailbox, string? password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var stage = $"connect to {mailbox.Host}:{mailbox.Port}";
        using var client = new ImapClient { Timeout = MailTls.TimeoutMilliseconds };
        try
        {
            if (string.IsNullOrEmpty(password))
            {
                stage = "read the stored password";
                password = secrets.Unprotect(mailbox.ProtectedPassword);
                stage = $"connect to {mailbox.Host}:{mailbox.Port}";
            }

            await client.ConnectAsync(mailbox.Host, mailbox.Port, mailbox.TlsMode.ToSocketOptions(), cancellationToken);
            stage = $"log in as {mailbox.UserName}";
            await client.AuthenticateAsync(mailbox.UserName, password, cancellationToken);
            stage = $"open {mailbox.Folder}";
            var folder = await client.GetFolderAsync(mailbox.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            var move = client.Capabilities.HasFlag(ImapCapabilities.Move)
                ? "MOVE supported"
                : "MOVE not supported (messages are copied and deleted instead)";
            var count = folder.Count == 1 ? "1 message" : $"{folder.Count} messages";
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new ConnectionCheck(true, $"Connected as {mailbox.UserName}; {mailbox.Folder} has {count}; {move}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ConnectionCheck(false, $"Could not {stage}: {ex.Message}");
        }
    }

    /// <summary>
    /// The batch split so that each part's messages together stay under <see cref="ReadAheadBytes"/> (a larger message
    /// is a part of its own): each part is read with one FETCH instead of one round trip per message.
    /// </summary>
    private static async Task<List<List<UniqueId>>> ReadAheadPartsAsync(IMailFolder folder, IList<UniqueId> batch, CancellationToken cancellationToken)
    {
        var sizes = (await folder.FetchAsync(batch, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken))
            .ToDictionary(summary => summary.UniqueId, summary => (long)(summary.Size ?? 0));
        var parts = new List<List<UniqueId>>();
        var part = new List<UniqueId>();
        long bytes = 0;
        foreach (var uid in batch)
        {
            var size = sizes.GetValueOrDefault(uid);
            if (part.Count > 0 && bytes + size > ReadAheadBytes)
            {
                parts.Add(part);
                part = [];
                bytes = 0;
            }

            part.Add(uid);
            bytes += size;
        }

        if (part.Count > 0)
        {
            parts.Add(part);
        }

        return parts;
    }

    /// <summary>The raw messages, read with one FETCH; a message deleted meanwhile is missing.</summary>
    private static async Task<Dictionary<UniqueId, byte[]>> ReadManyAsync(IMailFolder folder, List<UniqueId> uids, CancellationToken cancellationToken)
    {
        var raws = new Dictionary<UniqueId, byte[]>(uids.Count);
        await ((IImapFolder)folder).GetStreamsAsync(
            uids,
            async (_, _, uid, stream, token) =>
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, token);
                raws[uid] = buffer.ToArray();
            },
            cancellationToken);
        return raws;
    }

    /// <summary>The folder at the path ("HelpDesk/Processed"), made with its parents when missing.</summary>
    private static async Task<IMailFolder> EnsureFolderAsync(ImapClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(path, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', "");
            var parent = await client.GetFolderAsync(root.Path, cancellationToken);
            var separators = new[] { '/', root.DirectorySeparator };
            foreach (var name in path.Split(separators, StringSplitOptions.RemoveEmptyEntries))
            {
                var subfolders = await parent.GetSubfoldersAsync(false, cancellationToken);
                parent = subfolders.FirstOrDefault(f => f.Name == name)
                    ?? await parent.CreateAsync(name, true, cancellationToken)
                    ?? throw new InvalidOperationException($"The server did not create the folder {path}.");
            }

            return parent;
        }
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private sealed class Counts
    {
        private int _fetched, _tickets, _replies, _held, _bounces, _quarantined, _duplicates;

        public void Add(IntakeResult result)
        {
            _fetched++;
            switch (result)
            {
                case IntakeResult.Ticket: _tickets++; break;
                case IntakeResult.Reply: _replies++; break;
                case IntakeResult.Held: _held++; break;
                case IntakeResult.Bounce: _bounces++; break;
                case IntakeResult.Quarantined: _quarantined++; break;
                case IntakeResult.Duplicate: _duplicates++; break;
            }
        }

        public MailboxPoll ToPoll(int id, Mailbox mailbox, DateTime startedUtc, DateTime finishedUtc, string? error) => new()
        {
            Id = id,
            MailboxId = mailbox.Id,
            MailboxName = mailbox.Name,
            StartedUtc = startedUtc,
            FinishedUtc = finishedUtc,
            Fetched = _fetched,
            Tickets = _tickets,
            Replies = _replies,
            Held = _held,
            Bounces = _bounces,
            Quarantined = _quarantined,
            Duplicates = _duplicates,
            Error = error,
        };
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Polled {Mailbox}: {Fetched} fetched, {Tickets} tickets, {Replies} replies, {Held} held, {Duplicates} duplicates")]
    private static partial void LogPolled(ILogger logger, string mailbox, int fetched, int tickets, int replies, int held, int duplicates);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "UIDVALIDITY of {Mailbox} changed from {Known} to {Now}: reading the folder again from the start")]
    private static partial void LogUidValidityChanged(ILogger logger, string mailbox, long known, uint now);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "Poll of {Mailbox} failed {Stage}")]
    private static partial void LogPollFailed(ILogger logger, string mailbox, string stage, Exception error);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "Poll of {Mailbox} could not be recorded")]
    private static partial void LogPollNotRecorded(ILogger logger, string mailbox, Exception error);
}
