using System.Globalization;

namespace HelpDesk.Core.Attachments;

/// <summary>
/// Which files may be attached to a ticket: a size limit per file and an allow-list of extensions. Anything not
/// listed is refused, because a help desk forwards attachments to engineers who open them.
/// </summary>
public sealed class AttachmentPolicy
{
    public const long DefaultMaxBytes = 25L * 1024 * 1024;

    public const int MaxFileNameLength = 255;

    /// <summary>
    /// The most files one upload (a form or an API call) may carry. Mail is not capped: what a mail brings is kept
    /// with the received message.
    /// </summary>
    public const int MaxFilesPerUpload = 20;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".log"] = "text/plain",
        [".csv"] = "text/csv",
        [".json"] = "application/json",
        [".har"] = "application/json",
        [".xml"] = "application/xml",
        [".yaml"] = "application/yaml",
        [".yml"] = "application/yaml",
        [".md"] = "text/markdown",
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".zip"] = "application/zip",
        [".gz"] = "application/gzip",
        [".tgz"] = "application/gzip",
        [".7z"] = "application/x-7z-compressed",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".eml"] = "message/rfc822",
    };

    // SVG is an image that can carry script, so it is never shown inline and is not on the default list.
    private static readonly HashSet<string> InlineImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
    };

    private readonly string[] _allowedExtensions;

    public AttachmentPolicy(long maxBytes, IReadOnlyCollection<string> allowedExtensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentNullException.ThrowIfNull(allowedExtensions);
        MaxBytes = maxBytes;
        _allowedExtensions = allowedExtensions.Select(NormaliseExtension).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// 25 MB per file; logs, data, documents, screenshots, archives, dumps and mails (.eml: forwarding is everyday
    /// traffic); nothing that runs when opened.
    /// </summary>
    public static AttachmentPolicy Default { get; } = new(
        DefaultMaxBytes,
        [
            ".txt", ".log", ".csv", ".json", ".xml", ".yaml", ".yml", ".md", ".pdf",
            ".png", ".jpg", ".jpeg", ".gif", ".webp",
            ".zip", ".gz", ".tgz", ".7z",
            ".docx", ".xlsx", ".pptx",
            ".har", ".dmp",
            ".eml",
        ]);

    public long MaxBytes { get; }

    /// <summary>Lower-case, each with its leading dot, in the order given.</summary>
    public IReadOnlyList<string> AllowedExtensions => _allowedExtensions;

    public AttachmentCheck Check(string fileName, long sizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        var given = fileName ?? "";
        var shown = Printable(given);

        if (string.IsNullOrWhiteSpace(given))
        {
            return AttachmentCheck.Rejected(given, AttachmentProblem.BadName,
                "A file has no name; give it a name and attach it again.");
        }

        if (given.Contains('/', StringComparison.Ordinal) || given.Contains('\\', StringComparison.Ordinal))
        {
            return AttachmentCheck.Rejected(given, AttachmentProblem.BadName,
                $"{shown}: a file name cannot contain / or \\; attach the file itself, named without a folder.");
        }

        if (given.Any(IsHiddenControl))
        {
            return AttachmentCheck.Rejected(given, AttachmentProblem.BadName,
                $"{shown}: the file name contains invisible control characters; rename the file and attach it again.");
        }

        var name = Clean(given);
        if (name.Length == 0)
        {
            return AttachmentCheck.Rejected(given, AttachmentProblem.BadName,
                $"{shown}: that is not a file name; give the file a name and attach it again.");
        }

        if (sizeBytes == 0)
        {
            return AttachmentCheck.Rejected(given, AttachmentProblem.Empty,
                $"{name} is empty (0 bytes); check that it is the file you meant and attach it again.");
        }

        if (sizeBytes > MaxBytes)
        {
            return AttachmentCheck.Rejected(given, AttachmentProblem.TooLarge,
                $"{name} is {DescribeSize(sizeBytes, roundUp: true)}; the limit is {DescribeSize(MaxBytes, roundUp: false)} each. "
                + (IsAllowed(".zip") ? "Zip it, or share a smaller extract." : "Share a smaller extract."));
        }

        var extension = ExtensionOf(name);
        if (extension.Length == 0)
        {
            return AttachmentCheck.Rejected(given, AttachmentProblem.TypeNotAccepted,
                $"{name}: files without an extension are not accepted; {Alternatives()}.");
        }

        if (!IsAllowed(extension))
        {
            return AttachmentCheck.Rejected(given, AttachmentProblem.TypeNotAccepted,
                $"{name}: files of type {extension} are not accepted; {Alternatives()}.");
        }

        return AttachmentCheck.Accepted(name);
    }

    /// <summary>The MIME type for the file's extension; <c>application/octet-stream</c> when unknown.</summary>
    public static string ContentTypeFor(string fileName) =>
        ContentTypes.TryGetValue(ExtensionOf(fileName ?? ""), out var type) ? type : "application/octet-stream";

    /// <summary>True for the raster image types a page may show inline; never SVG, which can carry script.</summary>
    public static bool IsInlineImage(string contentType) =>
        contentType is not null && InlineImageTypes.Contains(contentType.Trim());

    private bool IsAllowed(string extension) => _allowedExtensions.Contains(extension, StringComparer.Ordinal);

    private string Alternatives()
    {
        var list = string.Join(" ", _allowedExtensions);
        return IsAllowed(".zip") ? $"zip it, or send one of {list} instead" : $"send one of {list} instead";
    }

    // Windows drops trailing dots and spaces when it saves a file, so "report.exe. " would arrive as report.exe:
    // strip them before the extension is judged.
    private static string Clean(string fileName)
    {
        var name = fileName.Trim().TrimEnd('.', ' ');
        if (name.Length <= MaxFileNameLength)
        {
            return name;
        }

        var extension = ExtensionOf(name);
        if (extension.Length >= MaxFileNameLength)
        {
            return CutAt(name, MaxFileNameLength);
        }

        var stem = name[..^extension.Length];
        return CutAt(stem, MaxFileNameLength - extension.Length).TrimEnd() + extension;
    }

    private static string CutAt(string text, int length)
    {
        // Never split a surrogate pair: half of one is not text.
        var cut = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..cut];
    }

    private static string ExtensionOf(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot < 0 || dot == fileName.Length - 1 ? "" : fileName[dot..].ToLowerInvariant();
    }

    private static string NormaliseExtension(string extension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(extension);
        var trimmed = extension.Trim().ToLowerInvariant();
        return trimmed.StartsWith('.') ? trimmed : "." + trimmed;
    }

    // Control characters, and the text-direction overrides that make "invoice\u202Efdp.exe" display as
    // "invoiceexe.pdf".
    private static bool IsHiddenControl(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static string Printable(string fileName) =>
        new(fileName.Select(c => IsHiddenControl(c) ? '?' : c).ToArray());

    private static string DescribeSize(long bytes, bool roundUp)
    {
        const double Kilobyte = 1024;
        const double Megabyte = 1024 * 1024;
        if (bytes < Kilobyte)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        }

        var (value, unit) = bytes < Megabyte ? (bytes / Kilobyte, "KB") : (bytes / Megabyte, "MB");
        // Rounded up when describing a file that is too large, so it never reads as equal to the limit.
        var tenths = roundUp ? Math.Ceiling(value * 10) / 10 : Math.Round(value, 1);
        return tenths.ToString("0.#", CultureInfo.InvariantCulture) + " " + unit;
    }
}
