using System.Net;
using System.Text;
using MimeKit;

namespace HelpDesk.Mail.Inbound;

/// <summary>
/// The parts that hold a message's words, in reading order. A mixed message may carry several (Apple Mail puts text,
/// an image and more text side by side); of a multipart/alternative only one rendering is read, the last that has the
/// wanted kind, as mail clients show it. A part with a file name is a file, never words, whatever its disposition.
/// </summary>
internal static class MessageWords
{
    public static bool IsWords(MimeEntity entity) =>
        entity is TextPart { IsAttachment: false } text && (text.IsPlain || text.IsHtml) && string.IsNullOrWhiteSpace(text.FileName);

    /// <summary>The parts read for the plain text: plain renderings where there is a choice.</summary>
    public static List<TextPart> ForText(MimeEntity? body) => Walk(body, html: false, []);

    /// <summary>The parts read for the HTML: HTML renderings where there is a choice.</summary>
    public static List<TextPart> ForHtml(MimeEntity? body) => Walk(body, html: true, []);

    /// <summary>The words as one text: HTML parts read for their text, parts apart by a blank line.</summary>
    public static string Text(IReadOnlyList<TextPart> parts, Encoding charset)
    {
        string Read(TextPart part) => part.IsHtml ? HtmlText.Convert(MailCharset.TextOf(part, charset)) : MailCharset.TextOf(part, charset);

        return parts.Count == 1
            ? Read(parts[0])
            : string.Join("\n\n", parts.Select(part => Read(part).TrimEnd()).Where(text => text.Length > 0));
    }

    /// <summary>The words as one HTML document, or null when none of the parts is HTML; plain parts are kept as text.</summary>
    public static string? Html(IReadOnlyList<TextPart> parts, Encoding charset)
    {
        if (!parts.Any(part => part.IsHtml))
        {
            return null;
        }

        return parts.Count == 1
            ? MailCharset.TextOf(parts[0], charset)
            : string.Join("\n", parts.Select(part => part.IsHtml
                ? MailCharset.TextOf(part, charset)
                : "<pre>" + WebUtility.HtmlEncode(MailCharset.TextOf(part, charset)) + "</pre>"));
    }

    private static List<TextPart> Walk(MimeEntity? entity, bool html, List<TextPart> found)
    {
        switch (entity)
        {
            case MultipartAlternative alternative:
                var renderings = alternative.Reverse().ToList();
                var chosen = renderings.FirstOrDefault(r => Holds(r, html ? IsHtml : IsPlain))
                    ?? renderings.FirstOrDefault(r => Holds(r, _ => true));
                Walk(chosen, html, found);
                break;
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Walk(child, html, found);
                }

                break;
            case TextPart text when IsWords(text):
                found.Add(text);
                break;
        }

        return found;
    }

    private static bool IsHtml(TextPart part) => part.IsHtml;

    private static bool IsPlain(TextPart part) => part.IsPlain;

    private static bool Holds(MimeEntity entity, Func<TextPart, bool> kind) => entity switch
    {
        TextPart text => IsWords(text) && kind(text),
        Multipart multipart => multipart.Any(child => Holds(child, kind)),
        _ => false,
    };
}
