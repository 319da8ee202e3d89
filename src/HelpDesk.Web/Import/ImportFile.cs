using System.Text;

namespace HelpDesk.Web.Import;

/// <summary>
/// A CSV file chosen on the import page, read as text before any row is checked: one of at most
/// <see cref="MaxBytes"/>, named .csv, holding UTF-8 text; otherwise the words to show beside the file field.
/// </summary>
public static class ImportFile
{
    /// <summary>About ten thousand rows of any kind; a larger file is split.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>What the page's post may carry: the file, or its text sent back for the import step, and the form around it.</summary>
    public const long MaxRequestBytes = 4L * MaxBytes;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text, or why it cannot be imported.</summary>
    public static async Task<(string? Text, string? Problem)> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            return (null, "Choose the CSV file to check.");
        }

        var name = Path.GetFileName(file.FileName);
        if (!string.Equals(Path.GetExtension(name), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            return (null, NotCsv(name));
        }

        if (file.Length == 0)
        {
            return (null, $"{name} is empty. Start from the template: its first line names the columns.");
        }

        if (file.Length > MaxBytes)
        {
            return (null, $"{name} is larger than {MaxBytes / (1024 * 1024)} MB, the most one import takes. Split it into smaller files and import each.");
        }

        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, cancellationToken);
        string text;
        try
        {
            text = StrictUtf8.GetString(content.GetBuffer(), 0, (int)content.Length);
        }
        catch (DecoderFallbackException)
        {
            return (null, NotCsv(name));
        }

        // A spreadsheet saved under a .csv name, or any binary file, holds bytes no text has.
        return text.Contains('\0', StringComparison.Ordinal) ? (null, NotCsv(name)) : (text.TrimStart('\uFEFF'), null);
    }

    private static string NotCsv(string name) =>
        $"{name} is not a CSV file. Save the sheet as \"CSV UTF-8 (comma delimited)\" and choose that file.";
}
