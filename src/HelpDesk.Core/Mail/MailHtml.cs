using System.Globalization;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Mail;

/// <summary>
/// How much HTML from a mail the sanitizer is given (<c>Mail:Html</c>). Parsing HTML costs far more than its size
/// suggests when it nests deeply or piles attributes on one element, so a message over any of these is kept with its
/// text and its HTML as an attachment instead of being rendered.
/// </summary>
public sealed record MailHtmlLimits
{
    /// <summary>Characters of HTML; a larger body is not sanitized at all.</summary>
    public int MaxChars { get; init; } = 500_000;

    /// <summary>Elements open inside each other at once.</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>Elements in the whole body.</summary>
    public int MaxElements { get; init; } = 10_000;

    /// <summary>Attributes on one element.</summary>
    public int MaxAttributes { get; init; } = 100;

    /// <summary>The time sanitizing may take; past it the HTML is treated as over a limit.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>The HTML of a mail made safe, or why it is kept as an attachment instead.</summary>
public sealed record MailHtmlOutcome(SanitizedHtml? Html, string? Refusal)
{
    public bool IsShown => Html is not null;
}

/// <summary>
/// Decides whether a mail's HTML is rendered: a linear screen of its size and shape first, then the sanitizer under a
/// time budget. Whatever the input, the work is bounded by the limits, never by what the sender chose.
/// </summary>
public static class MailHtml
{
    /// <summary>The name the original HTML is attached under when it is not shown: text, so nothing in it runs.</summary>
    public const string AttachmentName = "message.html.txt";

    public static async Task<MailHtmlOutcome> PrepareAsync(string html, MailHtmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(limits);
        if (Screen(html, limits) is { } refusal)
        {
            return new MailHtmlOutcome(null, refusal);
        }

        using var budget = new CancellationTokenSource(limits.Budget);
        var safe = await SafeHtml.SanitizeAsync(html, budget.Token);
        return safe is null
            ? new MailHtmlOutcome(null, string.Create(CultureInfo.InvariantCulture, $"making the HTML safe took longer than {limits.Budget.TotalSeconds:0.##} s"))
            : new MailHtmlOutcome(safe, null);
    }

    /// <summary>Why the HTML must not reach the sanitizer, or null. One pass over the characters, no tree built.</summary>
    public static string? Screen(string html, MailHtmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(limits);
        if (html.Length > limits.MaxChars)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the HTML is {html.Length:N0} characters, over the limit of {limits.MaxChars:N0}");
        }

        var shape = HtmlShape.Measure(html, limits);
        return shape switch
        {
            { Depth: var depth } when depth > limits.MaxDepth =>
                string.Create(CultureInfo.InvariantCulture, $"the HTML nests elements more than {limits.MaxDepth} deep"),
            { Elements: var elements } when elements > limits.MaxElements =>
                string.Create(CultureInfo.InvariantCulture, $"the HTML has more than {limits.MaxElements:N0} elements"),
            { Attributes: var attributes } when attributes > limits.MaxAttributes =>
                string.Create(CultureInfo.InvariantCulture, $"an element of the HTML has more than {limits.MaxAttributes} attributes"),
            _ => null,
        };
    }
}
