namespace HelpDesk.Core.Mail;

/// <summary>
/// A received message as intake sees it, mapped from MIME by the mail adapter: who sent it, what it says, what it
/// answers, and the headers that tell a person's mail from a robot's.
/// </summary>
public sealed record InboundEmail
{
    /// <summary>The Message-ID without angle brackets; null when the message has none.</summary>
    public string? MessageId { get; init; }

    /// <summary>
    /// The sender's address, lower-cased; empty only for a mail system's message (a bounce or report) that names no
    /// usable sender.
    /// </summary>
    public string FromAddress { get; init; } = "";

    public string FromName { get; init; } = "";

    public IReadOnlyList<string> To { get; init; } = [];

    public IReadOnlyList<string> Cc { get; init; } = [];

    public string Subject { get; init; } = "";

    public DateTime? DateUtc { get; init; }

    /// <summary>The text part, or text derived from the HTML when there is only HTML.</summary>
    public string Text { get; init; } = "";

    /// <summary>The HTML part as sent (not yet sanitized); null when there is none.</summary>
    public string? Html { get; init; }

    /// <summary>Message-IDs of In-Reply-To, without angle brackets.</summary>
    public IReadOnlyList<string> InReplyTo { get; init; } = [];

    /// <summary>Message-IDs of References, oldest first, without angle brackets.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];

    public RobotHeaders Robot { get; init; } = new();

    /// <summary>The values of every <c>Authentication-Results</c> header, topmost (the last hop's) first.</summary>
    public IReadOnlyList<string> AuthenticationResults { get; init; } = [];

    /// <summary>The "from" part of the topmost <c>Received</c> header: the host that handed the message to our receiving server.</summary>
    public string? ReceivedFrom { get; init; }

    /// <summary>Every top-level header as (name, unfolded value), in order: for rules a setting names, such as a spam filter's header.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>What had to be mended to read the sender (a line before the headers, a From without brackets), in words; empty when nothing was.</summary>
    public IReadOnlyList<string> Repairs { get; init; } = [];

    /// <summary>Set when the message is a delivery status report (<c>multipart/report</c>) or looks like a bounce.</summary>
    public DeliveryReport? Report { get; init; }
}

/// <summary>A file from a message. <see cref="Inline"/> parts (images in the HTML) are stored like the others.</summary>
public sealed record InboundAttachment(string FileName, string ContentType, byte[] Content, bool Inline = false);

/// <summary>
/// The headers robots set. Each is null (or empty) when the message does not carry it; <see cref="ReturnPath"/> is ""
/// when the header is present and empty (<c>&lt;&gt;</c>), the mark of a bounce or an automatic reply.
/// </summary>
public sealed record RobotHeaders
{
    public string? AutoSubmitted { get; init; }
    public string? XAutoreply { get; init; }
    public string? XAutorespond { get; init; }
    public string? XAutoResponseSuppress { get; init; }
    public string? Precedence { get; init; }
    public string? ListId { get; init; }
    public string? ListUnsubscribe { get; init; }
    public string? ReturnPath { get; init; }
    public IReadOnlyList<string> XLoop { get; init; } = [];

    /// <summary>The top-level content type, e.g. <c>multipart/report</c>.</summary>
    public string ContentType { get; init; } = "text/plain";
}

/// <summary>What a delivery status report (or a bounce without one) says about a message we sent.</summary>
/// <param name="OriginalMessageId">The Message-ID of the message that failed, without angle brackets, when the report names it.</param>
/// <param name="Recipient">The address that failed, when given.</param>
/// <param name="Action">failed, delayed, delivered, relayed or expanded (RFC 3464); "failed" when unknown.</param>
/// <param name="Diagnostic">The remote server's words, e.g. "550 5.1.1 user unknown".</param>
public sealed record DeliveryReport(string? OriginalMessageId, string? Recipient, string Action, string? Diagnostic);

/// <summary>The outcome of mapping raw bytes to an <see cref="InboundEmail"/>: the message, or why it cannot be read.</summary>
public sealed record InboundParse(InboundEmail? Email, string? Error)
{
    public static InboundParse Ok(InboundEmail email) => new(email, null);

    public static InboundParse Failed(string error) => new(null, error);
}

/// <summary>Maps raw RFC 822 bytes to an <see cref="InboundEmail"/>. Never throws for bad input: it says why instead.</summary>
public interface IInboundMailParser
{
    InboundParse Parse(byte[] raw);
}
