using System.Collections.Concurrent;
using System.Text;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpDesk.Web.Tests.Infrastructure;

/// <summary>
/// Stand-ins for the mail parts of the app that live in other assemblies: the received-mail and mailbox stores,
/// the intake and its review, the MIME parser and the mail servers. Each is added only when the app registered none
/// of its own, so the real ones win wherever they exist. The outbox is the real store, with the members it does not
/// answer yet read from its table.
/// </summary>
public static class MailFakes
{
    public static void AddTo(IServiceCollection services)
    {
        services.TryAddSingleton<IInboundMailStore, InMemoryInboundMailStore>();
        services.TryAddSingleton<IMailboxStore, InMemoryMailboxStore>();
        services.TryAddSingleton<IInboundMailParser, HeaderOnlyMailParser>();
        services.TryAddScoped<IEmailIntake, FakeEmailIntake>();
        services.TryAddScoped<IInboundReview, FakeInboundReview>();
        services.RemoveAll<IMailServerActions>();
        services.AddSingleton<RecordingMailServers>();
        services.AddSingleton<IMailServerActions>(sp => sp.GetRequiredService<RecordingMailServers>());

        var outbox = services.Last(d => d.ServiceType == typeof(IOutbox));
        if (outbox.ImplementationType is { } type)
        {
            services.Remove(outbox);
            services.AddSingleton<IOutbox>(sp => new OutboxReadFromTable(
                (IOutbox)ActivatorUtilities.CreateInstance(sp, type), sp.GetRequiredService<IDbConnectionFactory>()));
        }
    }
}

public sealed class InMemoryInboundMailStore : IInboundMailStore
{
    private readonly ConcurrentDictionary<int, (InboundMessageEntry Entry, byte[] Raw)> _messages = new();
    private readonly ConcurrentDictionary<string, AllowListEntry> _allowed = new(StringComparer.OrdinalIgnoreCase);
    private int _nextId;

    public Task<InboundMessageEntry?> FindByKeyAsync(string messageKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_messages.Values.Select(m => m.Entry).FirstOrDefault(e => e.MessageKey == messageKey));

    public Task<InboundMessageEntry?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_messages.TryGetValue(id, out var m) ? m.Entry : null);

    public Task<byte[]?> GetRawAsync(int id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_messages.TryGetValue(id, out var m) ? m.Raw : null);

    public Task<InboundMessageEntry?> FindByTicketMessageAsync(int ticketMessageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_messages.Values.Select(m => m.Entry).FirstOrDefault(e => e.TicketMessageId == ticketMessageId));

    public Task<IReadOnlyList<InboundMessageEntry>> ListForTicketAsync(int ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<InboundMessageEntry>>([.. _messages.Values.Select(m => m.Entry).Where(e => e.TicketId == ticketId).OrderBy(e => e.Id)]);

    public Task<IReadOnlyList<InboundMessageEntry>> ListAsync(InboundStatus status, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<InboundMessageEntry>>([.. _messages.Values.Select(m => m.Entry).Where(e => e.Status == status).OrderByDescending(e => e.Id).Take(take)]);

    public Task<int> CountAsync(InboundStatus status, CancellationToken cancellationToken = default) =>
        Task.FromResult(_messages.Values.Count(m => m.Entry.Status == status));

    public Task<int> AddAsync(ReceivedMail mail, CancellationToken cancellationToken = default) => Task.FromResult(Add(mail, null));

    /// <summary>Also what the ticket store does with <see cref="NewTicket.Received"/>, for the fake intake.</summary>
    public int Add(ReceivedMail mail, int? ticketMessageId)
    {
        lock (_messages)
        {
            if (_messages.Values.Any(m => m.Entry.MessageKey == mail.MessageKey))
            {
                throw new DuplicateMailException(mail.MessageKey);
            }

            var id = Interlocked.Increment(ref _nextId);
            _messages[id] = (new InboundMessageEntry
            {
                Id = id,
                MessageKey = mail.MessageKey,
                MessageId = mail.MessageId,
                Source = mail.Source,
                FromAddress = mail.FromAddress,
                FromName = mail.FromName,
                Subject = mail.Subject,
                ReceivedUtc = mail.ReceivedUtc,
                Status = mail.Status,
                Kind = mail.Kind,
                Reason = mail.Reason,
                TicketId = mail.TicketId,
                TicketMessageId = ticketMessageId,
                SizeBytes = mail.Raw.Length,
            }, mail.Raw);
            return id;
        }
    }

    public Task<int> AddBounceAsync(ReceivedMail mail, int outboxId, string auditText, CancellationToken cancellationToken = default) =>
        Task.FromResult(Add(mail with { Status = InboundStatus.Bounce, Reason = auditText }, null));

    public Task<int?> FindTicketByMessageIdsAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default) =>
        Task.FromResult(_messages.Values.Select(m => m.Entry).Where(e => e.MessageId is not null && messageIds.Contains(e.MessageId)).OrderByDescending(e => e.Id).Select(e => e.TicketId).FirstOrDefault());

    public Task<int> CountFromSinceAsync(string fromAddress, DateTime sinceUtc, CancellationToken cancellationToken = default) =>
        Task.FromResult(_messages.Values.Count(m => m.Entry.FromAddress == fromAddress && m.Entry.ReceivedUtc >= sinceUtc));

    public Task<bool> ResolveAsync(int id, InboundStatus expected, InboundStatus outcome, int? ticketId, int actorId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        lock (_messages)
        {
            if (!_messages.TryGetValue(id, out var m) || m.Entry.Status != expected)
            {
                return Task.FromResult(false);
            }

            var raw = outcome == InboundStatus.Deleted && expected == InboundStatus.Quarantined ? [] : m.Raw;
            _messages[id] = (m.Entry with { Status = outcome, TicketId = ticketId ?? m.Entry.TicketId, ResolvedById = actorId, ResolvedUtc = nowUtc }, raw);
            return Task.FromResult(true);
        }
    }

    public Task<bool> IsAllowListedAsync(string address, CancellationToken cancellationToken = default) =>
        Task.FromResult(_allowed.ContainsKey(address) || _allowed.ContainsKey(address[address.LastIndexOf('@')..]));

    public Task<IReadOnlyList<AllowListEntry>> ListAllowListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AllowListEntry>>([.. _allowed.Values.OrderBy(e => e.Address, StringComparer.Ordinal)]);

    public Task<bool> AllowAsync(AllowListEntry entry, CancellationToken cancellationToken = default) =>
        Task.FromResult(_allowed.TryAdd(entry.Address.ToLowerInvariant(), entry with { Address = entry.Address.ToLowerInvariant() }));

    public Task<bool> DisallowAsync(string address, CancellationToken cancellationToken = default) =>
        Task.FromResult(_allowed.TryRemove(address.ToLowerInvariant(), out _));
}

public sealed class InMemoryMailboxStore : IMailboxStore
{
    private readonly ConcurrentDictionary<int, Mailbox> _mailboxes = new();
    private readonly ConcurrentDictionary<int, MailboxPoll> _polls = new();
    private int _nextId;
    private int _nextPoll;

    public Task<IReadOnlyList<Mailbox>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Mailbox>>([.. _mailboxes.Values.OrderBy(m => m.Name, StringComparer.Ordinal)]);

    public Task<Mailbox?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_mailboxes.TryGetValue(id, out var m) ? m : null);

    public Task<int?> CreateAsync(Mailbox mailbox, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        lock (_mailboxes)
        {
            if (_mailboxes.Values.Any(m => m.Name == mailbox.Name))
            {
                return Task.FromResult<int?>(null);
            }

            var id = Interlocked.Increment(ref _nextId);
            _mailboxes[id] = mailbox with { Id = id, CreatedUtc = nowUtc, Version = 1 };
            return Task.FromResult<int?>(id);
        }
    }

    public Task<bool> UpdateAsync(Mailbox mailbox, CancellationToken cancellationToken = default)
    {
        lock (_mailboxes)
        {
            if (!_mailboxes.TryGetValue(mailbox.Id, out var stored) || stored.Version != mailbox.Version
                || _mailboxes.Values.Any(m => m.Id != mailbox.Id && m.Name == mailbox.Name))
            {
                return Task.FromResult(false);
            }

            var restart = stored.Host != mailbox.Host || stored.UserName != mailbox.UserName || stored.Folder != mailbox.Folder;
            _mailboxes[mailbox.Id] = stored with
            {
                Name = mailbox.Name,
                Host = mailbox.Host,
                Port = mailbox.Port,
                TlsMode = mailbox.TlsMode,
                UserName = mailbox.UserName,
                ProtectedPassword = mailbox.ProtectedPassword.Length > 0 ? mailbox.ProtectedPassword : stored.ProtectedPassword,
                Folder = mailbox.Folder,
                ProcessedFolder = mailbox.ProcessedFolder,
                FailedFolder = mailbox.FailedFolder,
                Enabled = mailbox.Enabled,
                UidValidity = restart ? null : stored.UidValidity,
                LastUid = restart ? 0 : stored.LastUid,
                Version = stored.Version + 1,
            };
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(_mailboxes.TryRemove(id, out _));

    public Task SaveProgressAsync(int mailboxId, long uidValidity, long lastUid, CancellationToken cancellationToken = default)
    {
        _mailboxes.AddOrUpdate(mailboxId, _ => throw new InvalidOperationException("No such mailbox."), (_, m) => m with { UidValidity = uidValidity, LastUid = lastUid });
        return Task.CompletedTask;
    }

    public Task<int> StartPollAsync(int mailboxId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextPoll);
        _polls[id] = new MailboxPoll { Id = id, MailboxId = mailboxId, MailboxName = _mailboxes[mailboxId].Name, StartedUtc = nowUtc };
        return Task.FromResult(id);
    }

    public Task FinishPollAsync(MailboxPoll poll, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        _polls[poll.Id] = poll with { FinishedUtc = nowUtc, MailboxName = _mailboxes[poll.MailboxId].Name };
        _mailboxes.AddOrUpdate(poll.MailboxId, _ => throw new InvalidOperationException("No such mailbox."), (_, m) => poll.Error is null
            ? m with { LastPollUtc = nowUtc, LastSuccessUtc = nowUtc, ConsecutiveFailures = 0, LastError = null }
            : m with { LastPollUtc = nowUtc, ConsecutiveFailures = m.ConsecutiveFailures + 1, LastError = poll.Error });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MailboxPoll>> ListPollsAsync(int? mailboxId, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MailboxPoll>>([.. _polls.Values.Where(p => mailboxId is null || p.MailboxId == mailboxId).OrderByDescending(p => p.Id).Take(take)]);
}

/// <summary>The real outbox; what it does not answer yet is read from and written to its table directly.</summary>
public sealed class OutboxReadFromTable(IOutbox inner, IDbConnectionFactory connections) : IOutbox
{
    private const string Columns = "Id, Kind, ToAddress, Subject, TextBody, HtmlBody, TicketId, MessageId, Status, Attempts, CreatedUtc, NextAttemptUtc, SentUtc, FailedUtc, LastError";

    public Task<int> EnqueueAsync(OutboundMail mail, DateTime nowUtc, CancellationToken cancellationToken = default) => inner.EnqueueAsync(mail, nowUtc, cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> ListRecentAsync(int take, CancellationToken cancellationToken = default) => inner.ListRecentAsync(take, cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxStatus status, int take, CancellationToken cancellationToken = default) =>
        OrAsync(() => inner.ListAsync(status, take, cancellationToken), async connection =>
            (IReadOnlyList<OutboxEntry>)(await connection.QueryAsync<OutboxEntry>($"SELECT {Columns} FROM OutboxMessages WHERE Status = @Status ORDER BY Id DESC LIMIT @Take", new { Status = status.ToString(), Take = take })).AsList());

    public Task<OutboxCounts> CountAsync(CancellationToken cancellationToken = default) =>
        OrAsync(() => inner.CountAsync(cancellationToken), async connection =>
        {
            var counts = (await connection.QueryAsync<(string Status, int Count)>("SELECT Status, COUNT(*) FROM OutboxMessages GROUP BY Status")).ToDictionary(c => c.Status, c => c.Count);
            return new OutboxCounts(counts.GetValueOrDefault("Pending"), counts.GetValueOrDefault("Sending"), counts.GetValueOrDefault("Sent"), counts.GetValueOrDefault("Failed"));
        });

    public Task<OutboxEntry?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        OrAsync(() => inner.GetAsync(id, cancellationToken), connection =>
            connection.QuerySingleOrDefaultAsync<OutboxEntry?>($"SELECT {Columns} FROM OutboxMessages WHERE Id = @Id", new { Id = id }));

    public Task<OutboxEntry?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken = default) => inner.FindByMessageIdAsync(messageId, cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTime nowUtc, DateTime claimedUntilUtc, int take, CancellationToken cancellationToken = default) =>
        inner.ClaimDueAsync(nowUtc, claimedUntilUtc, take, cancellationToken);

    public Task<IReadOnlyList<string>> ListThreadAsync(int ticketId, int take, CancellationToken cancellationToken = default) => inner.ListThreadAsync(ticketId, take, cancellationToken);

    public Task MarkSentAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default) => inner.MarkSentAsync(id, nowUtc, cancellationToken);

    public Task MarkAttemptFailedAsync(int id, string reason, DateTime? nextAttemptUtc, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        inner.MarkAttemptFailedAsync(id, reason, nextAttemptUtc, nowUtc, cancellationToken);

    public Task<bool> RetryAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        OrAsync(() => inner.RetryAsync(id, nowUtc, cancellationToken), async connection =>
            await connection.ExecuteAsync(
                "UPDATE OutboxMessages SET Status = 'Pending', Attempts = 0, NextAttemptUtc = @Now, FailedUtc = NULL WHERE Id = @Id AND Status = 'Failed'",
                new { Id = id, Now = nowUtc }) == 1);

    private async Task<T> OrAsync<T>(Func<Task<T>> real, Func<System.Data.Common.DbConnection, Task<T>> fromTable)
    {
        try
        {
            return await real();
        }
        catch (NotSupportedException)
        {
            await using var connection = await connections.OpenAsync();
            return await fromTable(connection);
        }
    }
}

/// <summary>Reads the few headers the pages show and the body after the first empty line; no MIME.</summary>
public sealed class HeaderOnlyMailParser : IInboundMailParser
{
    public InboundParse Parse(byte[] raw)
    {
        var text = Encoding.UTF8.GetString(raw).Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = split >= 0 ? text[..split] : text;
        string? Header(string name) => headers.Split('\n')
            .FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
        var from = Header("From");
        var address = from is null ? null : (from.Contains('<', StringComparison.Ordinal) ? from[(from.IndexOf('<', StringComparison.Ordinal) + 1)..from.IndexOf('>', StringComparison.Ordinal)] : from).ToLowerInvariant();
        if (string.IsNullOrEmpty(address))
        {
            return InboundParse.Failed("it names no sender");
        }

        return InboundParse.Ok(new InboundEmail
        {
            MessageId = Header("Message-ID")?.Trim('<', '>'),
            FromAddress = address,
            FromName = from!.Contains('<', StringComparison.Ordinal) ? from[..from.IndexOf('<', StringComparison.Ordinal)].Trim().Trim('"') : "",
            Subject = Header("Subject") ?? "",
            Text = split >= 0 ? text[(split + 2)..] : "",
            Robot = new RobotHeaders { AutoSubmitted = Header("Auto-Submitted") },
        });
    }
}

/// <summary>
/// Intake as the pages and the endpoint see it: the same message twice is a duplicate, an auto-submitted one is held,
/// one naming no sender is quarantined, and a known contact's message files a real ticket.
/// </summary>
public sealed class FakeEmailIntake(IInboundMailParser parser, IInboundMailStore inbound, FileTicket fileTicket, UserManager<HelpDeskUser> users) : IEmailIntake
{
    public async Task<IntakeOutcome> ReceiveAsync(byte[] raw, string source, CancellationToken cancellationToken = default)
    {
        var store = (InMemoryInboundMailStore)inbound;
        var parse = parser.Parse(raw);
        if (parse.Email is not { } email)
        {
            var key = ReceivedMail.QuarantineKeyFor(raw);
            if (await inbound.FindByKeyAsync(key, cancellationToken) is { } before)
            {
                return new IntakeOutcome(IntakeResult.Duplicate, null, before.Id, "received before");
            }

            var quarantined = store.Add(new ReceivedMail { MessageKey = key, Source = source, Raw = raw, Status = InboundStatus.Quarantined, Reason = parse.Error }, null);
            return new IntakeOutcome(IntakeResult.Quarantined, null, quarantined, $"unreadable: {parse.Error}");
        }

        var mail = new ReceivedMail
        {
            MessageKey = ReceivedMail.KeyFor(email.MessageId, raw),
            MessageId = email.MessageId,
            Source = source,
            FromAddress = email.FromAddress,
            FromName = email.FromName,
            Subject = email.Subject,
            ReceivedUtc = DateTime.UtcNow,
            Raw = raw,
        };
        if (await inbound.FindByKeyAsync(mail.MessageKey, cancellationToken) is { } earlier)
        {
            return new IntakeOutcome(IntakeResult.Duplicate, earlier.TicketId, earlier.Id, "received before");
        }

        if (email.Robot.AutoSubmitted is { } auto && !auto.StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            var held = store.Add(mail with { Status = InboundStatus.Held, Kind = MailKind.AutoReply, Reason = $"{HoldKind.Robot}: Auto-Submitted: {auto}" }, null);
            return new IntakeOutcome(IntakeResult.Held, null, held, "held: an automatic reply");
        }

        var sender = await users.FindByEmailAsync(email.FromAddress)
            ?? throw new InvalidOperationException($"The fake intake files only for known contacts, not {email.FromAddress}.");
        var filed = await fileTicket.HandleAsync(
            new FileTicketRequest
            {
                RequesterId = sender.Id,
                OrganisationId = sender.OrganisationId ?? throw new InvalidOperationException("The sender has no organisation."),
                Channel = TicketChannel.Email,
                Subject = email.Subject,
                Body = email.Text.Length > 0 ? email.Text : "(no text)",
            },
            cancellationToken);
        var ticket = filed.Value ?? throw new InvalidOperationException(string.Join(" ", filed.Errors.Select(e => e.Message)));
        var id = store.Add(mail with { Status = InboundStatus.Processed, TicketId = ticket.Id }, null);
        return new IntakeOutcome(IntakeResult.Ticket, ticket.Id, id, "a new ticket");
    }
}

/// <summary>Releasing marks a held message released (no ticket) and leaves a quarantined one unreadable; deleting deletes.</summary>
public sealed class FakeInboundReview(IInboundMailStore inbound) : IInboundReview
{
    public async Task<Result<IntakeOutcome>> ReleaseAsync(int inboundId, int actorId, CancellationToken cancellationToken = default)
    {
        var entry = await inbound.GetAsync(inboundId, cancellationToken);
        if (entry?.Status == InboundStatus.Held && await inbound.ResolveAsync(inboundId, InboundStatus.Held, InboundStatus.Released, entry.TicketId, actorId, DateTime.UtcNow, cancellationToken))
        {
            return Result<IntakeOutcome>.Ok(new IntakeOutcome(IntakeResult.Ticket, entry.TicketId, inboundId, "released"));
        }

        return entry?.Status == InboundStatus.Quarantined
            ? Result<IntakeOutcome>.Ok(new IntakeOutcome(IntakeResult.Quarantined, null, inboundId, entry.Reason ?? "unreadable"))
            : Result<IntakeOutcome>.NotFound("It is neither held nor quarantined.");
    }

    public async Task<bool> DeleteAsync(int inboundId, int actorId, CancellationToken cancellationToken = default)
    {
        var entry = await inbound.GetAsync(inboundId, cancellationToken);
        return entry?.Status is InboundStatus.Held or InboundStatus.Quarantined
            && await inbound.ResolveAsync(inboundId, entry.Status, InboundStatus.Deleted, entry.TicketId, actorId, DateTime.UtcNow, cancellationToken);
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
