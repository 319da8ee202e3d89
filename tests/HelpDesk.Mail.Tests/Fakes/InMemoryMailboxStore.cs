using HelpDesk.Core.Mail;

namespace HelpDesk.Mail.Tests.Fakes;

/// <summary>Mailboxes and polls in memory, keeping health as the store's contract says.</summary>
public sealed class InMemoryMailboxStore : IMailboxStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Mailbox> _mailboxes = [];
    private readonly List<MailboxPoll> _polls = [];

    public List<(long UidValidity, long LastUid)> Progress { get; } = [];

    public Mailbox Add(Mailbox mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        lock (_gate)
        {
            var saved = mailbox with { Id = _mailboxes.Count + 1 };
            _mailboxes[saved.Id] = saved;
            return saved;
        }
    }

    public Mailbox Get(int id)
    {
        lock (_gate)
        {
            return _mailboxes[id];
        }
    }

    public void Set(Mailbox mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        lock (_gate)
        {
            _mailboxes[mailbox.Id] = mailbox;
        }
    }

    public Task<IReadOnlyList<Mailbox>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Mailbox>>(_mailboxes.Values.OrderBy(m => m.Id).ToList());
        }
    }

    public Task<Mailbox?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_mailboxes.GetValueOrDefault(id));
        }
    }

    public Task<int?> CreateAsync(Mailbox mailbox, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        Task.FromResult<int?>(Add(mailbox with { CreatedUtc = nowUtc }).Id);

    public Task<bool> UpdateAsync(Mailbox mailbox, CancellationToken cancellationToken = default)
    {
        Set(mailbox);
        return Task.FromResult(true);
    }

    public Task<bool> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_mailboxes.Remove(id));
        }
    }

    public Task SaveProgressAsync(int mailboxId, long uidValidity, long lastUid, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _mailboxes[mailboxId] = _mailboxes[mailboxId] with { UidValidity = uidValidity, LastUid = lastUid };
            Progress.Add((uidValidity, lastUid));
            return Task.CompletedTask;
        }
    }

    public Task<int> StartPollAsync(int mailboxId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var poll = new MailboxPoll { Id = _polls.Count + 1, MailboxId = mailboxId, MailboxName = _mailboxes[mailboxId].Name, StartedUtc = nowUtc };
            _polls.Add(poll);
            return Task.FromResult(poll.Id);
        }
    }

    public Task FinishPollAsync(MailboxPoll poll, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        lock (_gate)
        {
            _polls[poll.Id - 1] = poll with { FinishedUtc = nowUtc };
            var mailbox = _mailboxes[poll.MailboxId];
            _mailboxes[poll.MailboxId] = poll.Error is null
                ? mailbox with { LastPollUtc = nowUtc, LastSuccessUtc = nowUtc, ConsecutiveFailures = 0, LastError = null }
                : mailbox with { LastPollUtc = nowUtc, ConsecutiveFailures = mailbox.ConsecutiveFailures + 1, LastError = poll.Error };
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<MailboxPoll>> ListPollsAsync(int? mailboxId, int take, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<MailboxPoll>>(_polls.Where(p => mailboxId is null || p.MailboxId == mailboxId).Reverse().Take(take).ToList());
        }
    }
}
