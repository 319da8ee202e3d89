using System.Collections.Concurrent;

namespace HelpDesk.Core.Mail;

/// <summary>
/// The counts a received message takes in the same transaction that makes it a ticket or a reply: the sender's
/// throttle, and for a ticket that is to be acknowledged, the acknowledgement budget. Taken with the ticket, a mail
/// is one write rather than three; a write that is undone (a duplicate, a conflict, a full count) takes nothing.
/// Only the ticket store takes them (<see cref="Tickets.NewTicket.Received"/>, <see cref="Tickets.TicketUpdate.Received"/>);
/// the records the mail store writes alone (held, bounced, quarantined) take none.
/// </summary>
public sealed record MailAllowance
{
    /// <summary>The sender's throttle window; when full, the write throws <see cref="SenderThrottledException"/>.</summary>
    public SenderThrottle? Sender { get; init; }

    /// <summary>
    /// The counts an acknowledgement is taken from, all or none; when one is full, the write throws
    /// <see cref="AcknowledgementBudgetUsedException"/> naming the first full one.
    /// </summary>
    public IReadOnlyList<AcknowledgementCounter> Acknowledgements { get; init; } = [];
}

/// <summary>
/// One sender's count in a fixed throttle window (aligned to the clock, so the count is one row that parallel intakes
/// update in turn): at most <paramref name="Limit"/> messages from <paramref name="Address"/> become tickets or replies.
/// </summary>
public sealed record SenderThrottle(string Address, DateTime WindowStartUtc, int Limit)
{
    /// <summary>Addresses are kept at most this long (the column is part of the primary key).</summary>
    public const int MaxAddressLength = 320;

    /// <summary>The window <paramref name="nowUtc"/> falls in, for the address lower-cased.</summary>
    public static SenderThrottle For(string fromAddress, DateTime nowUtc, MailSettings settings)
    {
        ArgumentNullException.ThrowIfNull(fromAddress);
        ArgumentNullException.ThrowIfNull(settings);
        var window = TimeSpan.FromMinutes(settings.ThrottleMinutes);
        var start = new DateTime(nowUtc.Ticks - (nowUtc.Ticks % window.Ticks), DateTimeKind.Utc);
        var address = fromAddress.Trim().ToLowerInvariant();
        return new(address.Length <= MaxAddressLength ? address : address[..MaxAddressLength], start, settings.ThrottleMessages);
    }
}

/// <summary>Raised by the write that found the sender's throttle window full; nothing of the write is kept.</summary>
public sealed class SenderThrottledException(SenderThrottle throttle)
    : Exception($"{throttle.Address} is over its throttle.")
{
    public SenderThrottle Throttle { get; } = throttle;
}

/// <summary>Raised by the write that found an acknowledgement count full; nothing of the write is kept.</summary>
public sealed class AcknowledgementBudgetUsedException(AcknowledgementCounter full)
    : Exception($"The acknowledgement count {full.Key} is full.")
{
    public AcknowledgementCounter Full { get; } = full;
}

/// <summary>
/// The mail counts this node found full, remembered until their window ends. Counts only grow within a window, so a
/// count once full stays full: a storm past the throttle or the acknowledgement budget is held or filed unanswered
/// straight away, rather than writing a ticket each time only to have the full count undo it. A count full on
/// another node is learnt here by the first write it undoes.
/// </summary>
public sealed class FullMailCounts
{
    /// <summary>Past this many, everything remembered is forgotten (rotating addresses each fill a count of their own).</summary>
    internal const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<(bool Sender, string Key, DateTime WindowStartUtc), byte> _full = new();

    public bool IsFull(SenderThrottle throttle)
    {
        ArgumentNullException.ThrowIfNull(throttle);
        return _full.ContainsKey((true, throttle.Address, throttle.WindowStartUtc));
    }

    /// <summary>The first of the counters known to be full, or null.</summary>
    public AcknowledgementCounter? FirstFull(IReadOnlyList<AcknowledgementCounter> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return counters.FirstOrDefault(c => _full.ContainsKey((false, c.Key, c.WindowStartUtc)));
    }

    public void Remember(SenderThrottle throttle)
    {
        ArgumentNullException.ThrowIfNull(throttle);
        Remember((true, throttle.Address, throttle.WindowStartUtc));
    }

    public void Remember(AcknowledgementCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        Remember((false, counter.Key, counter.WindowStartUtc));
    }

    private void Remember((bool Sender, string Key, DateTime WindowStartUtc) count)
    {
        if (_full.Count >= MaxRemembered)
        {
            _full.Clear();
        }

        _full.TryAdd(count, 0);
    }
}
