namespace HelpDesk.Core.Mail;

/// <summary>What intake did with a message.</summary>
public enum IntakeResult
{
    /// <summary>A new ticket.</summary>
    Ticket,

    /// <summary>Added to an existing ticket.</summary>
    Reply,

    /// <summary>A bounce or delivery report of our mail, recorded on its ticket.</summary>
    Bounce,

    /// <summary>Kept in the held list for an engineer.</summary>
    Held,

    /// <summary>Unreadable; kept with its raw bytes in the quarantine.</summary>
    Quarantined,

    /// <summary>Received before: nothing was done again.</summary>
    Duplicate,
}

/// <param name="TicketId">The ticket made or joined, the one a bounce is about, or the one a held reply names.</param>
/// <param name="InboundId">The stored record of the message (for a duplicate, the earlier one's).</param>
/// <param name="Reason">What happened, in words a person can read.</param>
public sealed record IntakeOutcome(IntakeResult Result, int? TicketId, int? InboundId, string Reason)
{
    /// <summary>Whether the mailbox may move the message to its processed folder; a quarantined one goes to the failed folder.</summary>
    public bool Failed => Result == IntakeResult.Quarantined;
}

/// <summary>
/// The one way a received message comes in, from the IMAP poller and the raw-MIME endpoint alike: read it, skip it if
/// it came before, tell robots from people, record bounces, hold what should not make a ticket, and otherwise file
/// or thread it. Never throws for bad mail; a storage failure throws and leaves nothing half-done.
/// </summary>
public interface IEmailIntake
{
    /// <param name="source">"imap:{mailbox name}" or "api".</param>
    Task<IntakeOutcome> ReceiveAsync(byte[] raw, string source, CancellationToken cancellationToken = default);
}

/// <summary>What an engineer does with a held or quarantined message.</summary>
public interface IInboundReview
{
    /// <summary>
    /// A held message: does what intake would have done without the hold (a ticket, or the reply added to its ticket),
    /// never answering a robot. A quarantined message: reads it again, as new. NotFound when it is neither any more.
    /// </summary>
    Task<Common.Result<IntakeOutcome>> ReleaseAsync(int inboundId, int actorId, CancellationToken cancellationToken = default);

    /// <summary>Throws a held or quarantined message away (a quarantined one's bytes too). False when it is neither any more.</summary>
    Task<bool> DeleteAsync(int inboundId, int actorId, CancellationToken cancellationToken = default);
}
