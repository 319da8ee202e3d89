using System.Text;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Mail;

/// <summary>
/// Received messages, the allow-list and the outbox in lists, with the unique message key of the real stores; and a
/// parser that reads the test's own messages back by their bytes.
/// </summary>
internal sealed class InMemoryMail : IInboundMailStore, IOutbox, IInboundMailParser
{
    private readonly Dictionary<string, InboundEmail> _parsed = [];

    public List<(InboundMessageEntry Entry, byte[] Raw)> Received { get; } = [];

    public List<(string MessageId, int TicketId)> ThreadIds { get; } = [];

    public List<AllowListEntry> AllowList { get; } = [];

    public List<OutboxEntry> Outbox { get; } = [];

    public List<(int TicketId, string Text)> BounceNotes { get; } = [];

    /// <summary>The bytes that stand for <paramref name="email"/>: parsing them gives it back.</summary>
    public byte[] Raw(InboundEmail email)
    {
        var raw = Encoding.UTF8.GetBytes($"test-message {_parsed.Count + 1} {email.MessageId}");
        _parsed[Convert.ToBase64String(raw)] = email;
        return raw;
    }

    public InboundParse Parse(byte[] raw) =>
        _parsed.TryGetValue(Convert.ToBase64String(raw), out var email) ? InboundParse.Ok(email) : InboundParse.Failed("Not a MIME message: no header lines.");

    /// <summary>The sender and acknowledgement counts received mail takes with its ticket or reply.</summary>
    public InMemoryMailAllowances Allowances { get; } = new();

    /// <summary>Refuses a message recorded before, then takes its allowance, as the ticket store does in its transaction.</summary>
    public void CheckNew(ReceivedMail? mail)
    {
        if (mail is null)
        {
            return;
        }

        if (Received.Any(r => r.Entry.MessageKey == mail.MessageKey))
        {
            throw new DuplicateMailException(mail.MessageKey);
        }

        Allowances.Take(mail.Allowance);
    }

    public void Record(ReceivedMail? mail, int ticketId, NewMessage? message)
    {
        if (mail is null)
        {
            return;
        }

        Add(mail with { TicketId = ticketId });
        if (mail.MessageId is { } id)
        {
            ThreadIds.Add((id, ticketId));
        }
    }

    public OutboxEntry Sent(int ticketId, string messageId, string to = "ann@contoso.example", string subject = "[HD-1] Printer")
    {
        var entry = new OutboxEntry { Id = Outbox.Count + 1, TicketId = ticketId, MessageId = messageId, ToAddress = to, Subject = subject, Status = OutboxStatus.Sent };
        Outbox.Add(entry);
        ThreadIds.Add((messageId, ticketId));
        return entry;
    }

    public IEnumerable<InboundMessageEntry> Entries(InboundStatus status) => Received.Select(r => r.Entry).Where(e => e.Status == status);

    public Task<InboundMessageEntry?> FindByKeyAsync(string messageKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(Received.Select(r => r.Entry).FirstOrDefault(e => e.MessageKey == messageKey));

    public Task<InboundMessageEntry?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Received.Select(r => r.Entry).FirstOrDefault(e => e.Id == id));

    public Task<byte[]?> GetRawAsync(int id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Received.Where(r => r.Entry.Id == id).Select(r => r.Raw).FirstOrDefault());

    public Task<InboundMessageEntry?> FindByTicketMessageAsync(int ticketMessageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<InboundMessageEntry>> ListForTicketAsync(int ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<InboundMessageEntry>>([.. Received.Select(r => r.Entry).Where(e => e.TicketId == ticketId)]);

    public Task<IReadOnlyList<InboundMessageEntry>> ListAsync(InboundStatus status, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<InboundMessageEntry>>([.. Entries(status).Reverse().Take(take)]);

    public Task<int> CountAsync(InboundStatus status, CancellationToken cancellationToken = default) => Task.FromResult(Entries(status).Count());

    public Task<int> AddAsync(ReceivedMail mail, CancellationToken cancellationToken = default)
    {
        CheckNew(mail);
        return Task.FromResult(Add(mail));
    }

    public Task<int> AddBounceAsync(ReceivedMail mail, int outboxId, string auditText, CancellationToken cancellationToken = default)
    {
        CheckNew(mail);
        var index = Outbox.FindIndex(o => o.Id == outboxId);
        Outbox[index] = Outbox[index] with { Status = OutboxStatus.Failed, LastError = auditText };
        if (mail.TicketId is int ticketId)
        {
            BounceNotes.Add((ticketId, auditText));
        }

        return Task.FromResult(Add(mail));
    }

    public Task<int?> FindTicketByMessageIdsAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default) =>
        Task.FromResult(ThreadIds.LastOrDefault(t => messageIds.Contains(t.MessageId)) is { TicketId: > 0 } found ? (int?)found.TicketId : null);

    public Task<bool> ResolveAsync(int id, InboundStatus expected, InboundStatus outcome, int? ticketId, int actorId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var index = Received.FindIndex(r => r.Entry.Id == id && r.Entry.Status == expected);
        if (index < 0)
        {
            return Task.FromResult(false);
        }

        var (entry, raw) = Received[index];
        Received[index] = (entry with { Status = outcome, TicketId = ticketId ?? entry.TicketId, ResolvedById = actorId, ResolvedUtc = nowUtc }, raw);
        return Task.FromResult(true);
    }

    public Task<bool> IsAllowListedAsync(string address, CancellationToken cancellationToken = default) =>
        Task.FromResult(AllowList.Any(a => a.Address == address || a.Address == address[address.LastIndexOf('@')..]));

    public Task<IReadOnlyList<AllowListEntry>> ListAllowListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<AllowListEntry>>(AllowList);

    public Task<bool> AllowAsync(AllowListEntry entry, CancellationToken cancellationToken = default)
    {
        AllowList.Add(entry);
        return Task.FromResult(true);
    }

    public Task<bool> DisallowAsync(string address, CancellationToken cancellationToken = default) => Task.FromResult(AllowList.RemoveAll(a => a.Address == address) > 0);

    public Task<OutboxEntry?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Outbox.FirstOrDefault(o => o.MessageId == messageId));

    public Task<int> EnqueueAsync(OutboundMail mail, DateTime nowUtc, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<OutboxEntry>> ListRecentAsync(int take, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxStatus status, int take, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<OutboxCounts> CountAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    Task<OutboxEntry?> IOutbox.GetAsync(int id, CancellationToken cancellationToken) =>
        Task.FromResult(Outbox.FirstOrDefault(o => o.Id == id));

    public Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTime nowUtc, DateTime claimedUntilUtc, int take, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ListThreadAsync(int ticketId, int take, string? before = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task MarkSentAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task MarkAttemptFailedAsync(int id, string reason, DateTime? nextAttemptUtc, DateTime nowUtc, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> RetryAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    private int Add(ReceivedMail mail)
    {
        var id = Received.Count + 1;
        Received.Add((new InboundMessageEntry
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
            SizeBytes = mail.Raw.Length,
        }, mail.Raw));
        return id;
    }
}

/// <summary>The sender and acknowledgement counts in memory, taken all or none as the ticket store's transaction does.</summary>
internal sealed class InMemoryMailAllowances
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Key, DateTime WindowStartUtc), int> _taken = [];

    /// <summary>How many writes a full count refused.</summary>
    public int Refused { get; private set; }

    public void Take(MailAllowance? allowance)
    {
        if (allowance is null)
        {
            return;
        }

        lock (_gate)
        {
            if (allowance.Sender is { } sender && _taken.GetValueOrDefault(("sender:" + sender.Address, sender.WindowStartUtc)) >= sender.Limit)
            {
                Refused++;
                throw new SenderThrottledException(sender);
            }

            if (allowance.Acknowledgements.FirstOrDefault(c => _taken.GetValueOrDefault((c.Key, c.WindowStartUtc)) >= c.Limit) is { } full)
            {
                Refused++;
                throw new AcknowledgementBudgetUsedException(full);
            }

            if (allowance.Sender is { } taken)
            {
                _taken[("sender:" + taken.Address, taken.WindowStartUtc)] = _taken.GetValueOrDefault(("sender:" + taken.Address, taken.WindowStartUtc)) + 1;
            }

            foreach (var counter in allowance.Acknowledgements)
            {
                _taken[(counter.Key, counter.WindowStartUtc)] = _taken.GetValueOrDefault((counter.Key, counter.WindowStartUtc)) + 1;
            }
        }
    }
}
