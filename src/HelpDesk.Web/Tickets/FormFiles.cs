using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;

namespace HelpDesk.Web.Tickets;

/// <summary>Files sent with a page's form, read into the attachments a use case takes.</summary>
public static class FormFiles
{
    // Room for the multipart framing and the text fields around one file of the largest allowed size.
    private const long FormOverheadBytes = 1024 * 1024;

    /// <summary>
    /// The most one post with files may carry: one file at the policy's limit, plus the form around it. A larger
    /// request is cut off before it is read; anything up to this reaches the policy, which explains the limit.
    /// </summary>
    public static long MaxRequestBytes(AttachmentPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.MaxBytes + FormOverheadBytes;
    }

    /// <summary>More files than one upload may carry, as the error to show beside the file field; null when within the cap.</summary>
    public static FieldError? TooMany(IReadOnlyCollection<IFormFile>? files) =>
        files is { Count: > AttachmentPolicy.MaxFilesPerUpload }
            ? new FieldError("attachments", $"{files.Count} files were chosen; attach at most {AttachmentPolicy.MaxFilesPerUpload} at a time, or zip them into one.")
            : null;

    /// <summary>
    /// Each chosen file under the name the policy will store (it cleans names); a refused file keeps the name as
    /// sent, and the use case's check says what is wrong with it beside the file field.
    /// </summary>
    public static async Task<IReadOnlyList<NewAttachment>> ReadAsync(IEnumerable<IFormFile>? files, AttachmentPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var read = new List<NewAttachment>();
        foreach (var file in files ?? [])
        {
            // A file input left empty still sends one nameless, empty part.
            if (file.Length == 0 && string.IsNullOrEmpty(file.FileName))
            {
                continue;
            }

            var check = policy.Check(file.FileName, file.Length);
            var name = check.IsAccepted ? check.FileName : file.FileName;
            using var content = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
            await file.CopyToAsync(content, cancellationToken);
            read.Add(new NewAttachment(name, AttachmentPolicy.ContentTypeFor(name), content.ToArray()));
        }

        return read;
    }
}
