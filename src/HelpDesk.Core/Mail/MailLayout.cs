using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace HelpDesk.Core.Mail;

/// <summary>A link shown as a button in the HTML part of a mail: its words and where it goes.</summary>
public sealed record MailButton(string Text, string Url);

/// <summary>
/// The HTML part of a mail, made from its plain-text part so the two always say the same: the text is encoded, its
/// blank lines become paragraphs, its line breaks stay, and its http(s) addresses become links; buttons, where a mail
/// has them, follow as a row, and then the text that comes after them. Inline styles in the site's colours, as mail clients ignore style sheets. Nothing from
/// the text reaches the markup unencoded.
/// </summary>
public static partial class MailLayout
{
    private const string Ink = "#1d2330";
    private const string Muted = "#5b6475";
    private const string Line = "#d9dee7";
    private const string Background = "#f6f7f9";
    private const string Accent = "#2456c8";

    public static string FromText(string text, string signature, IReadOnlyList<MailButton>? buttons = null, string? after = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signature);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"></head>")
            .Append(CultureInvariant($"<body style=\"margin:0;padding:24px 12px;background:{Background};font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:{Ink};\">"))
            .Append(CultureInvariant($"<div style=\"max-width:600px;margin:0 auto;background:#fff;border:1px solid {Line};border-radius:6px;padding:20px 24px;font-size:15px;line-height:1.5;\">"));
        AppendParagraphs(html, text);

        if (buttons is { Count: > 0 })
        {
            html.Append("<p style=\"margin:16px 0 4px;\">");
            foreach (var button in buttons)
            {
                html.Append(CultureInvariant($"<a href=\"{WebUtility.HtmlEncode(button.Url)}\" style=\"display:inline-block;margin:0 6px 6px 0;padding:8px 14px;border-radius:4px;background:{Accent};color:#fff;text-decoration:none;font-weight:600;\">"))
                    .Append(WebUtility.HtmlEncode(button.Text))
                    .Append("</a>");
            }

            html.Append("</p>");
        }

        AppendParagraphs(html, after ?? "");
        html.Append(CultureInvariant($"<p style=\"margin:20px 0 0;padding-top:12px;border-top:1px solid {Line};color:{Muted};font-size:13px;\">"))
            .Append(WebUtility.HtmlEncode(signature))
            .Append("</p></div></body></html>");
        return html.ToString();
    }

    private static void AppendParagraphs(StringBuilder html, string text)
    {
        foreach (var paragraph in Paragraphs(text))
        {
            html.Append("<p style=\"margin:0 0 12px;\">")
                .Append(string.Join("<br>", paragraph.Select(Linked)))
                .Append("</p>");
        }
    }

    private static IEnumerable<List<string>> Paragraphs(string text)
    {
        var paragraph = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                if (paragraph.Count > 0)
                {
                    yield return paragraph;
                    paragraph = [];
                }

                continue;
            }

            paragraph.Add(line.TrimEnd());
        }

        if (paragraph.Count > 0)
        {
            yield return paragraph;
        }
    }

    /// <summary>One line, encoded, with each http(s) address in it a link to itself.</summary>
    private static string Linked(string line)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match match in Address().Matches(line))
        {
            html.Append(WebUtility.HtmlEncode(line[at..match.Index]));
            var url = WebUtility.HtmlEncode(match.Value);
            html.Append(CultureInvariant($"<a href=\"{url}\" style=\"color:{Accent};\">{url}</a>"));
            at = match.Index + match.Length;
        }

        return html.Append(WebUtility.HtmlEncode(line[at..])).ToString();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    // An address ends at white space, a quote or an angle bracket; a full stop or comma after it ends the sentence.
    [GeneratedRegex(@"https?://[^\s""'<>]+(?<![.,;:!?)])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
