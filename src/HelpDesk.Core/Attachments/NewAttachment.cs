namespace HelpDesk.Core.Attachments;

/// <summary>A file to attach, already accepted by an <see cref="AttachmentPolicy"/> under its cleaned name.</summary>
public sealed record NewAttachment(string FileName, string ContentType, byte[] Content);
