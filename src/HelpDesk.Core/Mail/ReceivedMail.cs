namespace HelpDesk.Core.Mail;

/// <summary>What became of a received message.</summary>
public enum InboundStatus
{
    /// <summary>It made a ticket, or was added to one.</summary>
    Processed,

    /// <summary>A bounce or delivery report of our mail, recorded on its ticket.</summary>
    Bounce,

    /// <summary>Kept for an engineer: robot mail, a throttled sender, or a reply from someone not on the ticket.</summary>
    Held,

    /// <summary>It could not be read at all; its raw bytes are kept for a retry.</summary>
    Quarantined,

    /// <summary>A held or quarantined message an engineer turned into a ticket or reply.</summary>
    Released,

    /// <summary>A held or quarantined message an engineer threw away.</summary>
    Deleted,
}

/// <summary>Why a message was held.</summary>
public static class HoldKind
{
    public const string Robot = "robot";
    public const string Throttled = "throttled";
    public const string NotParticipant = "not-participant";
    public const string Unverified = "unverified";
}

/// <summary>
/// The record of one received message, written exactly once per <see cref="MessageKey"/>. When the message makes a
/// ticket or a reply the record is written in the same transaction, so a crash before the message is moved out of
/// the mailbox leaves the record behind and the next poll sees a duplicate.
/// </summary>
public sealed record ReceivedMail
{
    /// <summary>
    /// "mid:" and the Message-ID, or "sha256:" and the hash of the raw bytes; "mid-reused:" for a message whose
    /// Message-ID an earlier, different message already had (<see cref="ReusedIdKeyFor"/>).
    /// </summary>
    public required string MessageKey { get; init; }

    public string? MessageId { get; init; }

    /// <summary>Where it came from: "imap:{mailbox}" or "api".</summary>
    public required string Source { get; init; }

    public string FromAddress { get; init; } = "";
    public string FromName { get; init; } = "";
    public string Subject { get; init; } = "";
    public DateTime ReceivedUtc { get; init; }
    public InboundStatus Status { get; init; }
    public MailKind Kind { get; init; }

    /// <summary>Why it was held, bounced or quarantined, in words; for a held message it starts with a <see cref="HoldKind"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The ticket it belongs to: the one it made or joined, the one a bounce is about, or the one a held reply names.</summary>
    public int? TicketId { get; init; }

    public required byte[] Raw { get; init; }

    /// <summary>The counts the message takes in the write that makes it a ticket or a reply; null takes none.</summary>
    public MailAllowance? Allowance { get; init; }

    /// <summary>The key of a message: its Message-ID, or a hash of its bytes when it has none.</summary>
    public static string KeyFor(string? messageId, byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!string.IsNullOrWhiteSpace(messageId))
        {
            var id = "mid:" + messageId.Trim();
            return id.Length <= 400 ? id : "mid-sha256:" + Hash(System.Text.Encoding.UTF8.GetBytes(id));
        }

        return "sha256:" + Hash(raw);
    }

    /// <summary>
    /// The key of a message that carries the Message-ID of an earlier, different message (mailers and relays reuse
    /// them): the ID and the message's <see cref="MessageFingerprint"/>, so the same reusing message sent again is
    /// still a duplicate.
    /// </summary>
    public static string ReusedIdKeyFor(string messageId, string fingerprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        return "mid-reused:" + Hash(System.Text.Encoding.UTF8.GetBytes(messageId.Trim() + "\n" + fingerprint));
    }

    /// <summary>
    /// The key of a message that cannot be read: the hash of its bytes, in a space of its own, so that the same bytes
    /// pushed twice are quarantined once and a retry that reads them can still record them under their Message-ID.
    /// </summary>
    public static string QuarantineKeyFor(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return "quarantine:sha256:" + Hash(raw);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}

/// <summary>A stored received message, as the held list, the quarantine and the ticket page show it.</summary>
public sealed record InboundMessageEntry
{
    public int Id { get; init; }
    public string MessageKey { get; init; } = "";
    public string? MessageId { get; init; }
    public string Source { get; init; } = "";
    public string FromAddress { get; init; } = "";
    public string FromName { get; init; } = "";
    public string Subject { get; init; } = "";
    public DateTime ReceivedUtc { get; init; }
    public InboundStatus Status { get; init; }
    public MailKind Kind { get; init; }
    public string? Reason { get; init; }
    public int? TicketId { get; init; }
    public int? TicketMessageId { get; init; }
    public int SizeBytes { get; init; }
    public int? ResolvedById { get; init; }
    public DateTime? ResolvedUtc { get; init; }
}

/// <summary>Raised by a store when a message with the same key was already recorded: the work was done before.</summary>
public sealed class DuplicateMailException(string messageKey)
    : Exception($"The message {messageKey} was already received.")
{
    public string MessageKey { get; } = messageKey;
}
