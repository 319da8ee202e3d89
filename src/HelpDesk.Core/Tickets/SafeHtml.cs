using AngleSharp;
using Ganss.Xss;

namespace HelpDesk.Core.Tickets;

/// <summary>HTML that went through <see cref="SafeHtml"/>; nothing else makes one, so a body typed this way is safe to render.</summary>
public sealed class SanitizedHtml
{
    internal SanitizedHtml(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>
/// HTML from elsewhere made safe to render: scripts, handlers, forms and remote content removed. The work stops when
/// the token is cancelled (checked per token while parsing and per node while cleaning), so a caller can give it a
/// time budget; hostile input must still be screened for size and shape first (<see cref="Mail.MailHtml"/>), because
/// a single token can be expensive.
/// </summary>
public static class SafeHtml
{
    private static readonly HtmlSanitizerOptions Options = CreateOptions();

    /// <summary>The sanitized HTML, or null when <paramref name="budget"/> was cancelled before the work was done.</summary>
    public static async Task<SanitizedHtml?> SanitizeAsync(string html, CancellationToken budget)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (budget.IsCancellationRequested)
        {
            return null;
        }

        // One sanitizer per call: its node hook carries this call's budget.
        var sanitizer = new HtmlSanitizer(Options);
        sanitizer.PostProcessNode += (_, _) => budget.ThrowIfCancellationRequested();
        try
        {
            var parser = sanitizer.HtmlParserFactory();
            using var document = await parser.ParseDocumentAsync("<!doctype html><html><body>" + html, budget);
            budget.ThrowIfCancellationRequested();
            if (document.Body is not { } body)
            {
                return new SanitizedHtml("");
            }

            sanitizer.SanitizeDom(document, body);
            budget.ThrowIfCancellationRequested();
            return new SanitizedHtml(body.ChildNodes.ToHtml(sanitizer.OutputFormatter));
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Sanitizes without a time budget: for HTML the app wrote or that is known to be small.</summary>
    public static SanitizedHtml Sanitize(string html) =>
        SanitizeAsync(html, CancellationToken.None).GetAwaiter().GetResult()!;

    private static HtmlSanitizerOptions CreateOptions()
    {
        // Pre-filled with the library's defaults; what a help desk must not show is taken out.
        var options = new HtmlSanitizerOptions();
        options.AllowedSchemes.Clear();
        options.AllowedSchemes.Add("https");
        options.AllowedSchemes.Add("mailto");
        foreach (var tag in new[] { "img", "form", "input", "button", "textarea", "select" })
        {
            options.AllowedTags.Remove(tag);
        }

        return options;
    }
}
