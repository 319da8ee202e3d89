using System.Net;
using System.Text;
using Ganss.Xss;

namespace HelpDesk.Core.Tickets;

/// <summary>A message body kept twice: as plain text, and as HTML that is safe to render.</summary>
public sealed record MessageBody(string Text, string Html)
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Typed text: every character shows as typed, line breaks are kept, nothing is interpreted.</summary>
    public static MessageBody FromPlainText(string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var html = new StringBuilder();
        foreach (var paragraph in normalised.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>")
                .Append(WebUtility.HtmlEncode(paragraph.Trim('\n')).Replace("\n", "<br>", StringComparison.Ordinal))
                .Append("</p>");
        }

        return new MessageBody(normalised, html.ToString());
    }

    /// <summary>HTML from elsewhere (mail, an integration): scripts, handlers and remote content removed.</summary>
    public static MessageBody FromHtml(string html, string text) => new(text.Trim(), Sanitizer.Sanitize(html));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        return sanitizer;
    }
}
