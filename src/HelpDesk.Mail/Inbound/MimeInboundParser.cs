using System.Text;
using System.Text.RegularExpressions;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using MimeKit;
using MimeKit.Tnef;
using MimeKit.Utils;

namespace HelpDesk.Mail.Inbound;

/// <summary>
/// Reads raw RFC 822 bytes with MimeKit into what intake needs: the sender, the words, the files, the thread ids, the
/// headers robots set, and what a delivery report says. Bad mail is an answer (<see cref="InboundParse.Failed"/>), never
/// an exception: MimeKit reads nearly anything, so "unreadable" in practice means empty or without any sender address.
/// </summary>
public sealed partial class MimeInboundParser : IInboundMailParser
{
    private static readonly string[] BounceSubjects =
    [
        "undeliverable", "undelivered mail", "delivery status notification", "mail delivery failed",
        "delivery failure", "returned mail", "failure notice", "delivery has failed", "could not be delivered",
        "mail delivery failure", "non remis", "unzustellbar",
    ];

    static MimeInboundParser()
    {
        // koi8-r, shift_jis, gb2312, windows-1252 and the other legacy charsets live in the code pages provider.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
    }

    public InboundParse Parse(byte[] raw)
    {
        if (raw is null || raw.Length == 0 || raw.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            return InboundParse.Failed("The message is empty.");
        }

        var (start, skipped) = HeaderStart(raw);
        MimeMessage message;
        var options = MailCharset.OptionsFor(raw);
        try
        {
            using var stream = new MemoryStream(raw, start, raw.Length - start, writable: false);
            message = MimeMessage.Load(options, stream);
            if (!ReferenceEquals(options, ParserOptions.Default))
            {
                MailCharset.RereadAddresses(message);
            }
        }
        catch (FormatException ex)
        {
            return InboundParse.Failed($"The message is not MIME that can be read: {ex.Message}");
        }

        try
        {
            return Map(message, skipped, MailCharset.Of(options));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or NotSupportedException or IOException)
        {
            return InboundParse.Failed($"The message could not be read: {ex.Message}");
        }
        finally
        {
            message.Dispose();
        }
    }

    private static InboundParse Map(MimeMessage message, string? skipped, Encoding charset)
    {
        var repairs = new List<string>();
        if (skipped is not null)
        {
            repairs.Add($"A line before the headers was skipped: \"{Clip(skipped, 120)}\".");
        }

        var (sender, repair) = SenderOf(message);
        if (repair is not null)
        {
            repairs.Add(repair);
        }

        if (sender is null && !FromMailSystem(message))
        {
            return InboundParse.Failed("The message has no sender address (no From, Sender, Reply-To or Return-Path).");
        }

        var found = new Contents(charset);
        try
        {
            return Map(message, sender, repairs, found);
        }
        finally
        {
            foreach (var unpacked in found.Unpacked)
            {
                unpacked.Dispose();
            }
        }
    }

    private static InboundParse Map(MimeMessage message, MailboxAddress? sender, List<string> repairs, Contents found)
    {
        var (text, html) = WordsOf(message, found);
        var attachments = found.Attachments;
        var embedded = found.Embedded;
        var status = found.Status;

        var email = new InboundEmail
        {
            MessageId = NullIfBlank(message.MessageId),
            FromAddress = sender?.Address.Trim().ToLowerInvariant() ?? "",
            FromName = PlainText.Clean(sender?.Name ?? MailSystemName(message)),
            To = Addresses(message.To),
            Cc = Addresses(message.Cc),
            Subject = PlainText.Clean(message.Subject),
            DateUtc = DateOf(message),
            Text = text,
            Html = string.IsNullOrEmpty(html) ? null : html,
            InReplyTo = References(message.Headers[HeaderId.InReplyTo]),
            References = message.References.Select(id => id.Trim()).Where(id => id.Length > 0).Distinct().ToList(),
            Attachments = attachments,
            Robot = RobotHeadersOf(message),
            AuthenticationResults = message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults).Select(h => Unfold(h.Value)!).ToList(),
            ReceivedFrom = ReceivedFromOf(message.Headers[HeaderId.Received]),
            Headers = message.Headers.Select(h => KeyValuePair.Create(h.Field, Unfold(h.Value) ?? "")).ToList(),
            Repairs = repairs,
        };

        return InboundParse.Ok(email with { Report = ReportOf(message, email, status, embedded) });
    }

    /// <summary>
    /// The sender: a well-formed From, else a From that can be mended (with what was mended, in words), else Sender,
    /// Reply-To and Return-Path; null when none names an address.
    /// </summary>
    private static (MailboxAddress? Sender, string? Repair) SenderOf(MimeMessage message)
    {
        if (message.From.Mailboxes.FirstOrDefault(m => HasAddress(m.Address)) is { } from)
        {
            return (from, null);
        }

        if (message.Headers[HeaderId.From] is { } header && MendFrom(Unfold(header) ?? "") is { } mended)
        {
            return mended;
        }

        var candidates = (message.Sender is null ? [] : new[] { message.Sender }).Concat(message.ReplyTo.Mailboxes);
        var found = candidates.FirstOrDefault(m => HasAddress(m.Address));
        if (found is not null)
        {
            return (found, null);
        }

        var returnPath = message.Headers[HeaderId.ReturnPath];
        return returnPath is not null && MailboxAddress.TryParse(returnPath.Trim(), out var parsed) && HasAddress(parsed.Address)
            ? (parsed, null)
            : (null, null);
    }

    /// <summary>
    /// A From header mailers get wrong in two common ways: an address without angle brackets after the name
    /// ("Ann Archer ann@contoso.example"), and spaces inside the brackets ("&lt;ann archer@contoso.example&gt;").
    /// </summary>
    private static (MailboxAddress, string)? MendFrom(string value)
    {
        var bracketed = BracketedPattern().Match(value);
        if (bracketed.Success)
        {
            var inside = bracketed.Groups["inside"].Value;
            var joined = WhitespacePattern().Replace(inside, "");
            if (joined != inside.Trim() && AddressPattern().IsMatch(joined))
            {
                var name = value[..bracketed.Index].Trim().Trim('"').Trim();
                return (new MailboxAddress(name, joined), $"The From header \"{Clip(value, 120)}\" has spaces in its address; it was read as {joined.ToLowerInvariant()}.");
            }

            return null;
        }

        var bare = BareAddressPattern().Match(value);
        if (!bare.Success)
        {
            return null;
        }

        var address = bare.Value;
        var rest = (value[..bare.Index] + " " + value[(bare.Index + bare.Length)..]).Trim().Trim('"', '(', ')').Trim();
        return (new MailboxAddress(rest, address), $"The From header \"{Clip(value, 120)}\" has its address without angle brackets; it was read as {address.ToLowerInvariant()}.");
    }

    /// <summary>
    /// A mail system's own message (a bounce or a delivery report) that may name no usable sender: <c>multipart/report</c>,
    /// <c>Return-Path: &lt;&gt;</c>, or From a MAILER-DAEMON or postmaster without a domain.
    /// </summary>
    private static bool FromMailSystem(MimeMessage message)
    {
        if (message.Body is MultipartReport || message.Body?.ContentType.MimeType.Equals("multipart/report", StringComparison.OrdinalIgnoreCase) == true)
        {
            return true;
        }

        if (message.Headers[HeaderId.ReturnPath] is { } returnPath && ReturnPathOf(returnPath).Length == 0)
        {
            return true;
        }

        var from = (Unfold(message.Headers[HeaderId.From]) ?? "").ToLowerInvariant();
        return MailSystemPattern().IsMatch(from);
    }

    private static string MailSystemName(MimeMessage message) =>
        message.From.Mailboxes.FirstOrDefault() is { } mailbox
            ? (string.IsNullOrWhiteSpace(mailbox.Name) ? mailbox.Address : mailbox.Name)
            : Unfold(message.Headers[HeaderId.From]) ?? "";

    /// <summary>
    /// Where the headers start: past lines before them that are not header fields (a mailer's or a script's stray first
    /// line), when header fields follow. The skipped text is returned to be noted.
    /// </summary>
    private static (int Start, string? Skipped) HeaderStart(byte[] raw)
    {
        const int MaxSkippedLines = 3;
        var start = 0;
        for (var line = 0; line < MaxSkippedLines; line++)
        {
            var end = Array.IndexOf(raw, (byte)'\n', start);
            if (end < 0)
            {
                return (0, null);
            }

            var text = System.Text.Encoding.Latin1.GetString(raw, start, end - start).TrimEnd('\r');
            if (HeaderLinePattern().IsMatch(text))
            {
                var skipped = System.Text.Encoding.Latin1.GetString(raw, 0, start).Trim();

                // An mbox "From " separator is how mail is stored, not damage: skipped without a note.
                return start == 0 ? (0, null) : (start, line == 1 && skipped.StartsWith("From ", StringComparison.Ordinal) ? null : skipped);
            }

            if (text.Trim().Length == 0)
            {
                // An empty line ends the headers: what came before was not a header block at all.
                return (0, null);
            }

            start = end + 1;
        }

        return (0, null);
    }

    // Whitespace in an address is damage, unless inside a quoted local part ("john smith"@example.com is valid).
    private static bool HasAddress(string? address) =>
        !string.IsNullOrWhiteSpace(address) && address.Contains('@', StringComparison.Ordinal)
        && (!address.Trim().Any(char.IsWhiteSpace) || address.TrimStart().StartsWith('"'));

    private static List<string> Addresses(InternetAddressList list) =>
        list.Mailboxes.Select(m => m.Address.Trim().ToLowerInvariant()).Where(HasAddress).Distinct().ToList();

    private static DateTime? DateOf(MimeMessage message)
    {
        // MimeKit answers DateTimeOffset.MinValue for a missing or unreadable Date header.
        return message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue
            ? message.Date.UtcDateTime
            : null;
    }

    private static List<string> References(string? header) =>
        string.IsNullOrWhiteSpace(header) ? [] : MimeUtils.EnumerateReferences(header).Select(id => id.Trim()).Where(id => id.Length > 0).Distinct().ToList();

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static RobotHeaders RobotHeadersOf(MimeMessage message)
    {
        var headers = message.Headers;
        string? Header(string name) => headers.FirstOrDefault(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value?.Trim();

        return new RobotHeaders
        {
            AutoSubmitted = Header("Auto-Submitted"),
            XAutoreply = Header("X-Autoreply"),
            XAutorespond = Header("X-Autorespond"),
            XAutoResponseSuppress = Header("X-Auto-Response-Suppress"),
            Precedence = Header("Precedence"),
            ListId = Header("List-Id"),
            ListUnsubscribe = Header("List-Unsubscribe"),
            ReturnPath = Header("Return-Path") is { } returnPath ? ReturnPathOf(returnPath) : null,
            XLoop = headers.Where(h => h.Field.Equals("X-Loop", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Trim()).ToList(),
            ContentType = message.Body?.ContentType.MimeType.ToLowerInvariant() ?? "text/plain",
        };
    }

    /// <summary>"from relay.example (relay.example [192.0.2.1]) by mx…" → "relay.example (relay.example [192.0.2.1])".</summary>
    private static string? ReceivedFromOf(string? received)
    {
        var value = Unfold(received);
        if (value is null || !value.StartsWith("from ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var by = value.IndexOf(" by ", StringComparison.OrdinalIgnoreCase);
        return NullIfBlank(by < 0 ? value[5..] : value[5..by]);
    }

    private static string ReturnPathOf(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith('<') && trimmed.EndsWith('>'))
        {
            trimmed = trimmed[1..^1].Trim();
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>
    /// The message's words and everything else it carries. Text is read from every part that holds words, in order;
    /// uuencoded files pasted into it become attachments; a message with no words of its own takes those of its
    /// winmail.dat. A message whose only text parts carry file names is read as MimeKit reads it.
    /// </summary>
    private static (string Text, string? Html) WordsOf(MimeMessage message, Contents found)
    {
        var textParts = MessageWords.ForText(message.Body);
        var htmlParts = MessageWords.ForHtml(message.Body);
        Collect(message.Body, found, [.. textParts, .. htmlParts], inAlternative: false);

        string text;
        string? html;
        if (textParts.Count == 0 && htmlParts.Count == 0)
        {
            html = message.HtmlBody;
            text = message.TextBody ?? "";
        }
        else
        {
            html = MessageWords.Html(htmlParts, found.Charset);
            text = MessageWords.Text(textParts, found.Charset);
        }

        if (string.IsNullOrWhiteSpace(text) && !string.IsNullOrEmpty(html))
        {
            text = HtmlText.Convert(html);
        }

        var (rest, files) = DamagedEncodings.UuencodedFiles(text);
        foreach (var (name, content) in files)
        {
            found.Attachments.Add(new InboundAttachment(name, ContentTypeOf(name), content));
        }

        if (string.IsNullOrWhiteSpace(rest) && string.IsNullOrEmpty(html) && found.UnpackedText.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) is { } unpacked)
        {
            rest = unpacked;
        }

        return (rest, html);
    }

    /// <summary>
    /// Every part that is not the message's words: files (a part with a file name is one, whatever its disposition),
    /// inline images, attached messages as .eml files, and what a winmail.dat holds. The other renderings of a
    /// multipart/alternative are the same words again and are left out.
    /// </summary>
    private static void Collect(MimeEntity? entity, Contents found, HashSet<MimeEntity> words, bool inAlternative)
    {
        switch (entity)
        {
            case MultipartAlternative alternative:
                foreach (var child in alternative)
                {
                    Collect(child, found, words, inAlternative: true);
                }

                break;
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Collect(child, found, words, inAlternative);
                }

                break;
            case MessageDeliveryStatus deliveryStatus:
                found.Status ??= deliveryStatus;
                break;
            case TextRfc822Headers headers:
                if (headers.Message is not null)
                {
                    found.Embedded.Add(headers.Message);
                }

                break;
            case MessagePart messagePart when messagePart.Message is not null:
                found.Embedded.Add(messagePart.Message);
                found.Attachments.Add(EmlOf(messagePart, messagePart.Message, found.Attachments));
                break;
            case TextPart text when words.Contains(text) || (inAlternative && MessageWords.IsWords(text)):
                break;
            case TnefPart tnef:
                Unpack(tnef, found);
                break;
            case MimePart part when IsWinmail(part):
                Unpack(new TnefPart { Content = part.Content }, found);
                break;
            case MimePart part:
                found.Attachments.Add(AttachmentOf(part, found.Attachments));
                break;
        }
    }

    private static bool IsWinmail(MimePart part) =>
        string.Equals(part.FileName?.Trim(), "winmail.dat", StringComparison.OrdinalIgnoreCase)
        || part.ContentType.MimeType.Equals("application/ms-tnef", StringComparison.OrdinalIgnoreCase)
        || part.ContentType.MimeType.Equals("application/vnd.ms-tnef", StringComparison.OrdinalIgnoreCase);

    /// <summary>An Outlook winmail.dat becomes its files and its words; one that cannot be read stays as it came.</summary>
    private static void Unpack(TnefPart tnef, Contents found)
    {
        MimeMessage unpacked;
        try
        {
            unpacked = tnef.ConvertToMessage();
        }
        catch (Exception ex) when (ex is TnefException or FormatException or ArgumentException or InvalidOperationException or IOException)
        {
            found.Attachments.Add(AttachmentOf(tnef, found.Attachments));
            return;
        }

        found.Unpacked.Add(unpacked);
        var textParts = MessageWords.ForText(unpacked.Body);
        found.UnpackedText.Add(MessageWords.Text(textParts, found.Charset));
        Collect(unpacked.Body, found, [.. textParts, .. MessageWords.ForHtml(unpacked.Body)], inAlternative: false);
    }

    /// <summary>An attached message as an .eml file named as the sender named it, else after its subject.</summary>
    private static InboundAttachment EmlOf(MessagePart part, MimeMessage message, List<InboundAttachment> sofar)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        var name = SafeFileName(part.ContentDisposition?.FileName)
            ?? SafeFileName(part.ContentType.Name)
            ?? SafeFileName(message.Subject)
            ?? $"forwarded-{sofar.Count(a => a.ContentType == "message/rfc822") + 1}";
        if (!name.EndsWith(".eml", StringComparison.OrdinalIgnoreCase))
        {
            name += ".eml";
        }

        return new InboundAttachment(name, "message/rfc822", buffer.ToArray());
    }

    /// <summary>A subject or a sender's name made fit to be a file name: no folders, no characters Windows refuses.</summary>
    private static string? SafeFileName(string? value)
    {
        var clean = PlainText.Clean(value);
        if (clean.Length == 0)
        {
            return null;
        }

        var chars = clean.Select(c => c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? ' ' : c).ToArray();
        var name = WhitespacePattern().Replace(new string(chars), " ").Trim().Trim('.').Trim();
        const int MaxLength = 120;
        if (name.Length > MaxLength)
        {
            name = name[..(char.IsHighSurrogate(name[MaxLength - 1]) ? MaxLength - 1 : MaxLength)].TrimEnd();
        }

        return name.Length == 0 ? null : name;
    }

    private static InboundAttachment AttachmentOf(MimePart part, List<InboundAttachment> sofar)
    {
        var mimeType = part.ContentType.MimeType.ToLowerInvariant();
        var inline = part.ContentId is not null && !part.IsAttachment;
        var fileName = NullIfBlank(part.FileName);
        if (fileName is null)
        {
            var prefix = mimeType.StartsWith("image/", StringComparison.Ordinal) ? "image" : "attachment";
            var extension = MimeTypes.TryGetExtension(mimeType, out var found) ? found : ".bin";
            var number = sofar.Count(a => a.FileName.StartsWith(prefix + "-", StringComparison.Ordinal)) + 1;
            fileName = $"{prefix}-{number}{extension}";
        }
        else if (fileName.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
        {
            // An HTML file runs script when opened from the ticket; as text it is kept and read safely, like a
            // message's own HTML that cannot be shown.
            fileName += ".txt";
        }

        return new InboundAttachment(fileName, mimeType, ContentOf(part), inline);
    }

    /// <summary>
    /// The decoded bytes of a part. Base64 and uuencode are decoded here rather than by MimeKit so that a base64 tail
    /// cut short keeps every whole byte, and a uuencoded part that lost its begin line is still read.
    /// </summary>
    private static byte[] ContentOf(MimePart part)
    {
        if (part.Content is null)
        {
            return [];
        }

        switch (part.Content.Encoding)
        {
            case ContentEncoding.Base64:
                return DamagedEncodings.Base64(RawContentOf(part.Content));
            case ContentEncoding.UUEncode:
                return DamagedEncodings.Uudecode(Encoding.Latin1.GetString(RawContentOf(part.Content)));
            default:
                using (var buffer = new MemoryStream())
                {
                    part.Content.DecodeTo(buffer);
                    return buffer.ToArray();
                }
        }
    }

    private static byte[] RawContentOf(IMimeContent content)
    {
        if (content.Stream is not { } stream)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        stream.Position = 0;
        stream.CopyTo(buffer);
        stream.Position = 0;
        return buffer.ToArray();
    }

    private static string ContentTypeOf(string fileName) =>
        MimeTypes.GetMimeType(fileName).ToLowerInvariant();

    /// <summary>What a message carries besides its words, gathered as its parts are walked.</summary>
    private sealed class Contents(Encoding charset)
    {
        public Encoding Charset { get; } = charset;

        public List<InboundAttachment> Attachments { get; } = [];

        public List<MimeMessage> Embedded { get; } = [];

        public MessageDeliveryStatus? Status { get; set; }

        /// <summary>Messages unpacked from winmail.dat files; disposed when the parse is done.</summary>
        public List<MimeMessage> Unpacked { get; } = [];

        public List<string> UnpackedText { get; } = [];
    }

    private static DeliveryReport? ReportOf(MimeMessage message, InboundEmail email, MessageDeliveryStatus? status, List<MimeMessage> embedded)
    {
        var originalId = embedded.Select(m => NullIfBlank(m.MessageId)).FirstOrDefault(id => id is not null);

        if (status is not null)
        {
            var recipientGroup = status.StatusGroups.Skip(1).FirstOrDefault(g => g.Contains("Action"))
                ?? status.StatusGroups.Skip(1).FirstOrDefault();
            var action = NullIfBlank(recipientGroup?["Action"])?.ToLowerInvariant() ?? "failed";
            var recipient = AfterType(recipientGroup?["Final-Recipient"] ?? recipientGroup?["Original-Recipient"]);
            var diagnostic = AfterType(recipientGroup?["Diagnostic-Code"])
                ?? (NullIfBlank(recipientGroup?["Status"]) is { } code ? "status " + code : null);
            return new DeliveryReport(originalId ?? MessageIdInText(email.Text), recipient?.ToLowerInvariant(), action, Unfold(diagnostic));
        }

        if (message.Body is MultipartReport)
        {
            // A report of another type (a read receipt): a robot's mail, but not a delivery failure.
            return null;
        }

        var local = email.FromAddress.Split('@')[0];
        var fromMailSystem = local is "mailer-daemon" or "postmaster" or "mail-daemon"
            || email.FromName.Contains("Mail Delivery", StringComparison.OrdinalIgnoreCase)
            || (email.FromAddress.Length == 0 && FromMailSystem(message));
        var subject = email.Subject.ToLowerInvariant();
        if (!fromMailSystem || (embedded.Count == 0 && !BounceSubjects.Any(subject.Contains)))
        {
            return null;
        }

        var diagnosticInText = DiagnosticPattern().Match(email.Text);
        var recipientInText = RecipientPattern().Match(email.Text);
        return new DeliveryReport(
            originalId ?? MessageIdInText(email.Text),
            recipientInText.Success ? recipientInText.Groups["address"].Value.ToLowerInvariant() : null,
            "failed",
            diagnosticInText.Success ? diagnosticInText.Value.Trim() : null);
    }

    /// <summary>"rfc822; someone@example.com" → "someone@example.com"; "smtp; 550 …" → "550 …".</summary>
    private static string? AfterType(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? value[(semicolon + 1)..] : value).Trim();
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : string.Concat(value.AsSpan(0, length - 1), "…");

    private static string? Unfold(string? value) => value is null ? null : WhitespacePattern().Replace(value, " ").Trim();

    private static string? MessageIdInText(string text)
    {
        var match = MessageIdPattern().Match(text);
        return match.Success ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex(@"^\s*Message-ID:\s*<(?<id>[^<>\s]+)>", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MessageIdPattern();

    [GeneratedRegex(@"\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b[^\r\n]*")]
    private static partial Regex DiagnosticPattern();

    [GeneratedRegex(@"<(?<address>[^<>@\s]+@[^<>\s]+)>")]
    private static partial Regex RecipientPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    /// <summary>A header field's first line: a name of printable characters but the colon, then a colon.</summary>
    [GeneratedRegex(@"^[\x21-\x39\x3B-\x7E]+:")]
    private static partial Regex HeaderLinePattern();

    [GeneratedRegex(@"<(?<inside>[^<>]*)>")]
    private static partial Regex BracketedPattern();

    [GeneratedRegex(@"^[^\s<>""(),;:@]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"[^\s<>""(),;:@]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")]
    private static partial Regex BareAddressPattern();

    /// <summary>A mail system's name standing alone as the sender: "MAILER-DAEMON", "Mail Delivery System &lt;MAILER-DAEMON&gt;".</summary>
    [GeneratedRegex(@"(^|[\s<""])(mailer-daemon|postmaster|mail-daemon)($|[\s>""])")]
    private static partial Regex MailSystemPattern();
}
