namespace HelpDesk.Core.Attachments;

/// <summary>A file attached to one message of a ticket; its bytes are the blob named by <see cref="Sha256"/>.</summary>
public sealed record StoredAttachment
{
    public int Id { get; init; }
    public int TicketId { get; init; }
    public int MessageId { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; init; } = "";

    public DateTime CreatedUtc { get; init; }
}
