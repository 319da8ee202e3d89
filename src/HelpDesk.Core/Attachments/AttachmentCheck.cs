namespace HelpDesk.Core.Attachments;

public enum AttachmentProblem
{
    /// <summary>The name is blank, or holds a folder path, control characters or text-direction overrides.</summary>
    BadName,

    /// <summary>The file has no bytes.</summary>
    Empty,

    /// <summary>The file is larger than the policy's limit.</summary>
    TooLarge,

    /// <summary>The file's extension is missing or not on the policy's allow-list.</summary>
    TypeNotAccepted,
}

/// <summary>
/// The outcome of checking one file against an <see cref="AttachmentPolicy"/>: the name to store it under, or
/// why it is refused, in words the person who attached it can act on.
/// </summary>
public sealed record AttachmentCheck
{
    /// <summary>The cleaned name to store when accepted; the name as given when rejected.</summary>
    public string FileName { get; init; } = "";

    public AttachmentProblem? Problem { get; init; }

    public string? Reason { get; init; }

    public bool IsAccepted => Problem is null;

    public static AttachmentCheck Accepted(string fileName) => new() { FileName = fileName };

    public static AttachmentCheck Rejected(string fileName, AttachmentProblem problem, string reason) =>
        new() { FileName = fileName, Problem = problem, Reason = reason };
}
