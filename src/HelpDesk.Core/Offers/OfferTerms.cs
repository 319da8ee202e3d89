using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HelpDesk.Core.Common;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HelpDesk.Core.Offers;

/// <summary>
/// The terms of an offering: Markdown with named blanks (<c>{{fromRelease}}</c>: letters, digits, dash or
/// underscore). Which blanks a kind of offering may use is fixed here. Filling escapes every value as Markdown, and
/// rendering passes no raw HTML through, so neither the terms nor what is typed into a blank can inject markup.
/// </summary>
public static partial class OfferTerms
{
    public const int MaxLength = 20_000;

    /// <summary>The blanks every kind may use; the offer fills them itself.</summary>
    public static IReadOnlyList<string> Always { get; } = ["customer", "ticket", "price", "deliveryDays", "expiresOn"];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    /// <summary>The blanks offerings of <paramref name="kind"/> may use, the kind's own first.</summary>
    public static IReadOnlyList<string> Known(OfferingKind kind) => kind switch
    {
        OfferingKind.Service => ["fromRelease", "toRelease", "release", "platform", "environment", "product", "thirdParty", "description", "size", .. Always],
        OfferingKind.Plan => ["plan", "startsOn", "endsOn", "contract", .. Always],
        _ => ["incidents", "contract", .. Always],
    };

    /// <summary>The names of the blanks the terms use, each once, in the order they first appear.</summary>
    public static IReadOnlyList<string> Blanks(string? markdown) =>
        [.. BlankPattern().Matches(markdown ?? "").Select(m => m.Groups["name"].Value.Trim()).Where(IsName).Distinct(StringComparer.Ordinal)];

    /// <summary>What is wrong with terms a manager wrote for an offering of <paramref name="kind"/>: each as an error on "terms".</summary>
    public static List<FieldError> Check(string? markdown, OfferingKind kind)
    {
        var errors = new List<FieldError>();
        var text = markdown ?? "";
        if (text.Trim().Length == 0)
        {
            errors.Add(new("terms", "Write the terms the customer accepts."));
            return errors;
        }

        if (text.Length > MaxLength)
        {
            errors.Add(new("terms", $"Keep the terms under {MaxLength.ToString("N0", CultureInfo.InvariantCulture)} characters."));
        }

        foreach (var bad in BlankPattern().Matches(text).Select(m => m.Groups["name"].Value.Trim()).Where(n => !IsName(n)).Distinct(StringComparer.Ordinal))
        {
            errors.Add(new("terms", $"{{{{{bad}}}}} is not a blank: a blank's name is letters, digits, dashes or underscores, such as {{{{fromRelease}}}}."));
        }

        var unknown = Unknown(Blanks(text), Known(kind));
        if (unknown.Count > 0)
        {
            errors.Add(new("terms", $"{Wording(unknown)} {(unknown.Count == 1 ? "is not a blank" : "are not blanks")} a {Describe(kind)} offering can fill; use {Wording(Known(kind))}."));
        }

        return errors;
    }

    /// <summary>The names among <paramref name="names"/> that are not in <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> names, IReadOnlyCollection<string> allowed) =>
        [.. names.Where(n => !allowed.Contains(n, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The terms with every blank replaced by its value, escaped as Markdown; or, for each blank left empty, an error
    /// on <c>blanks.name</c>. Values for blanks the terms do not use are ignored.
    /// </summary>
    public static Result<string> Fill(string markdown, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<FieldError>();
        foreach (var name in Blanks(markdown))
        {
            if (!values.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new($"blanks.{name}", $"Fill in {{{{{name}}}}}: the terms cannot be sent with it empty."));
            }
        }

        if (errors.Count > 0)
        {
            return Result<string>.Invalid(errors);
        }

        var filled = BlankPattern().Replace(markdown, m =>
        {
            var name = m.Groups["name"].Value.Trim();
            return IsName(name) && values.TryGetValue(name, out var value) && value is not null ? Escape(value) : m.Value;
        });
        return Result<string>.Ok(filled);
    }

    /// <summary>A value as literal Markdown text: one line, every ASCII punctuation character backslash-escaped.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = WhiteSpace().Replace(value, " ").Trim();
        var escaped = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == ' ' || c > '\u007f')
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append('\\').Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>The terms as the customer reads them: HTML from Markdig with raw HTML disabled and only web and mail links kept.</summary>
    public static string Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "";
            }
        }

        return Markdown.ToHtml(document, Pipeline);
    }

    /// <summary>The lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="html"/>: what an acceptance proves was shown.</summary>
    public static string Sha256(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(html)));
    }

    public static string Describe(OfferingKind kind) => kind switch
    {
        OfferingKind.IncidentPack => "incident pack",
        OfferingKind.Plan => "plan",
        _ => "service",
    };

    private static string Wording(IReadOnlyList<string> names) =>
        Scope.EntitlementWording.List([.. names.Select(n => $"{{{{{n}}}}}")]);

    private static bool IsName(string name) => NamePattern().IsMatch(name);

    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        var trimmed = url.Trim();
        if (!trimmed.Contains(':', StringComparison.Ordinal))
        {
            return true;
        }

        return trimmed.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\{\{(?<name>[^{}]*)\}\}")]
    private static partial Regex BlankPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
