using HelpDesk.Core.Mail;

namespace HelpDesk.Mail.Tests.Fakes;

/// <summary>An outbox in memory that claims, marks and threads as the stores' contract says.</summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly Lock _gate = new();
    private readonly List<Row> _rows = [];
    private readonly Dictionary<int, List<string>> _threads = [];

    public IReadOnlyList<OutboxEntry> All
    {
        get
        {
            lock (_gate)
            {
                return _rows.Select(r => r.ToEntry()).ToList();
            }
        }
    }

    /// <summary>A Message-ID received or sent earlier on the ticket.</summary>
    public void AddToThread(int ticketId, string messageId)
    {
        lock (_gate)
        {
            Thread(ticketId).Add(messageId);
        }
    }

    public Task<int> EnqueueAsync(OutboundMail mail, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        lock (_gate)
        {
            var row = new Row
            {
                Id = _rows.Count + 1,
                Mail = mail,
                MessageId = $"{Guid.NewGuid():N}@helpdesk.example",
                CreatedUtc = nowUtc,
                NextAttemptUtc = nowUtc,
            };
            _rows.Add(row);
            if (mail.TicketId is { } ticketId)
            {
                Thread(ticketId).Add(row.MessageId);
            }

            return Task.FromResult(row.Id);
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTime nowUtc, DateTime claimedUntilUtc, int take, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var claimed = _rows
                .Where(r => (r.Status == OutboxStatus.Pending && r.NextAttemptUtc <= nowUtc) || (r.Status == OutboxStatus.Sending && r.ClaimedUntilUtc <= nowUtc))
                .OrderBy(r => r.NextAttemptUtc).ThenBy(r => r.Id)
                .Take(take)
                .ToList();
            foreach (var row in claimed)
            {
                row.Status = OutboxStatus.Sending;
                row.ClaimedUntilUtc = claimedUntilUtc;
                row.Attempts++;
            }

            return Task.FromResult<IReadOnlyList<OutboxEntry>>(claimed.Select(r => r.ToEntry()).ToList());
        }
    }

    public Task<IReadOnlyList<string>> ListThreadAsync(int ticketId, int take, string? before = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var ids = Thread(ticketId);
            var own = before is null ? -1 : ids.IndexOf(before);
            ids = own < 0 ? ids : ids[..own];
            IReadOnlyList<string> result = ids.Count <= take ? [.. ids] : [ids[0], .. ids.TakeLast(take - 1)];
            return Task.FromResult(result);
        }
    }

    public Task MarkSentAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var row = _rows[id - 1];
            row.Status = OutboxStatus.Sent;
            row.SentUtc = nowUtc;
            row.ClaimedUntilUtc = null;
            return Task.CompletedTask;
        }
    }

    public Task MarkAttemptFailedAsync(int id, string reason, DateTime? nextAttemptUtc, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var row = _rows[id - 1];
            row.LastError = reason;
            row.ClaimedUntilUtc = null;
            if (nextAttemptUtc is { } next)
            {
                row.Status = OutboxStatus.Pending;
                row.NextAttemptUtc = next;
            }
            else
            {
                row.Status = OutboxStatus.Failed;
                row.FailedUtc = nowUtc;
            }

            return Task.CompletedTask;
        }
    }

    public Task<bool> RetryAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var row = _rows[id - 1];
            if (row.Status != OutboxStatus.Failed)
            {
                return Task.FromResult(false);
            }

            row.Status = OutboxStatus.Pending;
            row.Attempts = 0;
            row.NextAttemptUtc = nowUtc;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ListRecentAsync(int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OutboxEntry>>(All.OrderByDescending(e => e.Id).Take(take).ToList());

    public Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxStatus status, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OutboxEntry>>(All.Where(e => e.Status == status).OrderByDescending(e => e.Id).Take(take).ToList());

    public Task<OutboxCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var all = All;
        return Task.FromResult(new OutboxCounts(
            all.Count(e => e.Status == OutboxStatus.Pending),
            all.Count(e => e.Status == OutboxStatus.Sending),
            all.Count(e => e.Status == OutboxStatus.Sent),
            all.Count(e => e.Status == OutboxStatus.Failed)));
    }

    public Task<OutboxEntry?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        Task.FromResult(All.FirstOrDefault(e => e.Id == id));

    public Task<OutboxEntry?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(All.FirstOrDefault(e => e.MessageId == messageId));

    private List<string> Thread(int ticketId)
    {
        if (!_threads.TryGetValue(ticketId, out var ids))
        {
            _threads[ticketId] = ids = [];
        }

        return ids;
    }

    private sealed class Row
    {
        public int Id { get; init; }
        public required OutboundMail Mail { get; init; }
        public required string MessageId { get; init; }
        public OutboxStatus Status { get; set; }
        public int Attempts { get; set; }
        public DateTime CreatedUtc { get; init; }
        public DateTime NextAttemptUtc { get; set; }
        public DateTime? ClaimedUntilUtc { get; set; }
        public DateTime? SentUtc { get; set; }
        public DateTime? FailedUtc { get; set; }
        public string? LastError { get; set; }

        public OutboxEntry ToEntry() => new()
        {
            Id = Id,
            Kind = Mail.Kind,
            ToAddress = Mail.ToAddress,
            Subject = Mail.Subject,
            TextBody = Mail.TextBody,
            HtmlBody = Mail.HtmlBody,
            TicketId = Mail.TicketId,
            MessageId = MessageId,
            Status = Status,
            Attempts = Attempts,
            CreatedUtc = CreatedUtc,
            NextAttemptUtc = NextAttemptUtc,
            SentUtc = SentUtc,
            FailedUtc = FailedUtc,
            LastError = LastError,
        };
    }
}
