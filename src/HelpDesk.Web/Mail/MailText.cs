using System.Globalization;
using System.Security.Claims;
using System.Text;
using HelpDesk.Core.Mail;

namespace HelpDesk.Web.Mail;

/// <summary>How the mail pages word received mail, holds and the people acting on them.</summary>
public static class MailText
{
    /// <summary>The signed-in person's user id, for the record of who released, deleted or allow-listed.</summary>
    public static int UserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has no id."), CultureInfo.InvariantCulture);
    }

    public static string Kind(MailKind kind) => kind switch
    {
        MailKind.Person => "person",
        MailKind.AutoReply => "auto-reply",
        MailKind.Bounce => "bounce",
        MailKind.List => "list or bulk mail",
        MailKind.Loop => "our own mail come back",
        _ => kind.ToString(),
    };

    /// <summary>Why a message was held, in words; the reason starts with its hold kind.</summary>
    public static string Hold(InboundMessageEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var reason = entry.Reason ?? "";
        if (reason.StartsWith(HoldKind.Throttled, StringComparison.Ordinal))
        {
            return "throttled: " + Rest(reason, HoldKind.Throttled);
        }

        if (reason.StartsWith(HoldKind.NotParticipant, StringComparison.Ordinal))
        {
            return "not a participant" + (entry.TicketId is int id ? $" of {Core.Tickets.TicketNumber.Format(id)}" : "") + ": " + Rest(reason, HoldKind.NotParticipant);
        }

        if (reason.StartsWith(HoldKind.Robot, StringComparison.Ordinal))
        {
            return $"robot ({Kind(entry.Kind)}): " + Rest(reason, HoldKind.Robot);
        }

        return reason;
    }

    /// <summary>A reason of the held or quarantined list (<see cref="Core.Mail.ReviewReason"/>), as the list names it.</summary>
    public static string ReviewReason(string reason) => reason switch
    {
        Core.Mail.ReviewReason.Robot => "robot or auto-reply",
        Core.Mail.ReviewReason.Bounce => "bounce",
        Core.Mail.ReviewReason.Throttled => "throttled",
        Core.Mail.ReviewReason.NotParticipant => "not a participant",
        Core.Mail.ReviewReason.Unverified => "unverified staff",
        Core.Mail.ReviewReason.TooLarge => "too large",
        Core.Mail.ReviewReason.NoTicket => "no ticket could be made",
        Core.Mail.ReviewReason.Unreadable => "unreadable",
        _ => reason,
    };

    /// <summary>The address an allow-list entry for this sender would hold.</summary>
    public static string Domain(string address) => address.LastIndexOf('@') is var at and >= 0 ? address[at..] : address;

    /// <summary>
    /// The header block of a raw message as received (everything before the first empty line), for a person reading
    /// where a message came from. Bytes that are not UTF-8 show as replacement characters.
    /// </summary>
    public static string Headers(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = Encoding.UTF8.GetString(raw.AsSpan(0, Math.Min(raw.Length, 256 * 1024)));
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var crlf and >= 0 ? crlf : text.IndexOf("\n\n", StringComparison.Ordinal);
        return end >= 0 ? text[..end] : text;
    }

    public static string Size(int bytes) => Tickets.Sizes.Describe(bytes);

    private static string Rest(string reason, string prefix) => reason[prefix.Length..].TrimStart(':', ' ', '-');
}
