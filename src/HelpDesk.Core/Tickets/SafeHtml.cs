using AngleSharp;
using AngleSharp.Dom;
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
/// HTML from elsewhere made safe to render: scripts, handlers, forms and remote content removed. Styles keep only
/// properties that act inside the message's own box (<see cref="AllowedCssProperties"/>): nothing positions, layers or
/// transforms an element over the page, and no style names a URL. A remote image keeps its address only in
/// <see cref="RemoteImageAttribute"/>, which no browser loads, so showing the message tells its sender nothing until the
/// reader asks for the images. The work stops when
/// the token is cancelled (checked per token while parsing and per node while cleaning), so a caller can give it a
/// time budget; hostile input must still be screened for size and shape first (<see cref="Mail.MailHtml"/>), because
/// a single token can be expensive.
/// </summary>
public static class SafeHtml
{
    /// <summary>Where a remote image's address is kept instead of <c>src</c>; the page loads it only when asked.</summary>
    public const string RemoteImageAttribute = "data-remote-src";

    /// <summary>
    /// Style properties a mail keeps: colour, type, spacing, borders, sizes and table layout. An allow-list, so what a
    /// browser adds later stays out; none of these positions an element outside its box or takes a URL.
    /// </summary>
    public static readonly IReadOnlySet<string> AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "color", "background-color", "opacity",
        "font-family", "font-size", "font-style", "font-weight", "font-variant",
        "text-align", "text-decoration", "text-decoration-line", "text-decoration-color", "text-decoration-style",
        "text-indent", "text-transform", "letter-spacing", "word-spacing", "line-height", "white-space",
        "word-break", "word-wrap", "overflow-wrap", "vertical-align",
        "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
        "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
        "border", "border-top", "border-right", "border-bottom", "border-left",
        "border-color", "border-style", "border-width", "border-radius",
        "border-top-color", "border-top-style", "border-top-width",
        "border-right-color", "border-right-style", "border-right-width",
        "border-bottom-color", "border-bottom-style", "border-bottom-width",
        "border-left-color", "border-left-style", "border-left-width",
        "border-collapse", "border-spacing",
        "width", "height", "min-width", "max-width", "min-height", "max-height",
        "display", "float", "clear",
        "list-style-type", "list-style-position", "table-layout", "caption-side", "empty-cells",
    };

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
        sanitizer.PostProcessNode += (_, e) =>
        {
            budget.ThrowIfCancellationRequested();
            if (e.Node is IElement element)
            {
                Defuse(element);
            }
        };
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

    /// <summary>
    /// Runs after the library's cleaning: an image keeps only the address of a remote picture, parked where nothing
    /// loads it, and a style that still names a URL goes (the allow-list should leave none).
    /// </summary>
    private static void Defuse(IElement element)
    {
        if (element.LocalName == "img")
        {
            var source = element.GetAttribute("src");
            element.RemoveAttribute("src");
            element.RemoveAttribute("srcset");
            if (Uri.TryCreate(source, UriKind.Absolute, out var remote) && remote.Scheme == Uri.UriSchemeHttps)
            {
                element.SetAttribute(RemoteImageAttribute, remote.AbsoluteUri);
            }
        }

        if (element.GetAttribute("style") is { } style && style.Contains("url(", StringComparison.OrdinalIgnoreCase))
        {
            element.RemoveAttribute("style");
        }
    }

    private static HtmlSanitizerOptions CreateOptions()
    {
        // Pre-filled with the library's defaults; what a help desk must not show is taken out.
        var options = new HtmlSanitizerOptions();
        options.AllowedSchemes.Clear();
        options.AllowedSchemes.Add("https");
        options.AllowedSchemes.Add("mailto");
        foreach (var tag in new[] { "form", "input", "button", "textarea", "select" })
        {
            options.AllowedTags.Remove(tag);
        }

        // Ids, classes and names would reach into the page around the message (its styles, its scripts' lookups);
        // the others load something or make the message act like a control.
        foreach (var attribute in new[]
        {
            "id", "class", "name", "background", "dynsrc", "lowsrc", "poster", "srcset", "usemap", "ping", "longdesc",
            "formaction", "action", "xlink:href", "codebase", "archive", "icon", "manifest",
            "tabindex", "accesskey", "contenteditable", "draggable", "dropzone",
        })
        {
            options.AllowedAttributes.Remove(attribute);
        }

        options.AllowedCssProperties.Clear();
        options.AllowedCssProperties.UnionWith(AllowedCssProperties);
        options.AllowedAtRules.Clear();
        return options;
    }
}
