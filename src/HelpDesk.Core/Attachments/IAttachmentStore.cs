namespace HelpDesk.Core.Attachments;

/// <summary>
/// Reads the files attached to tickets. Each attachment row names a blob by the SHA-256 of its bytes, so a file
/// attached many times (a log pasted into every reply, a signature logo) is stored once. Attachments are
/// written only together with the message that carries them, inside that message's transaction, by the Data
/// layer's <c>AttachmentStore.AddAsync</c>.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Every attachment of the ticket, in the order they were added.</summary>
    Task<IReadOnlyList<StoredAttachment>> ListForTicketAsync(int ticketId, CancellationToken cancellationToken = default);

    /// <summary>The attachment with the id; null when there is none.</summary>
    Task<StoredAttachment?> GetAsync(int attachmentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The bytes of the blob with the hash (lower-case hex SHA-256); null when none is stored. The stream is read
    /// into memory before this returns, so it holds no database connection and the caller may dispose it late,
    /// after a slow download; files are at most <see cref="AttachmentPolicy.MaxBytes"/> each.
    /// </summary>
    Task<Stream?> OpenContentAsync(string sha256, CancellationToken cancellationToken = default);
}
