using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using HelpDesk.Core.Attachments;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Attachments;

public sealed class AttachmentStore(IDbConnectionFactory connections) : IAttachmentStore
{
    private const int Sha256HexLength = 64;

    public async Task<IReadOnlyList<StoredAttachment>> ListForTicketAsync(int ticketId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT Id, TicketId, MessageId, FileName, ContentType, SizeBytes, Sha256, CreatedUtc
            FROM TicketAttachments
            WHERE TicketId = @TicketId
            ORDER BY Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredAttachment>(new CommandDefinition(
            sql, new { TicketId = ticketId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<StoredAttachment?> GetAsync(int attachmentId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT Id, TicketId, MessageId, FileName, ContentType, SizeBytes, Sha256, CreatedUtc
            FROM TicketAttachments
            WHERE Id = @Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredAttachment>(new CommandDefinition(
            sql, new { Id = attachmentId }, cancellationToken: cancellationToken));
    }

    public async Task<Stream?> OpenContentAsync(string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        const string sql = """
            SELECT Content FROM AttachmentBlobs WHERE Sha256 = @Sha256
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var content = await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            sql, new { Sha256 = HashParameter(sha256.ToLowerInvariant()) }, cancellationToken: cancellationToken));
        return content is null ? null : new MemoryStream(content, writable: false);
    }

    /// <summary>
    /// Stores the files as attachments of the message, inside the caller's transaction so that they are saved
    /// or rolled back with the message. Each file's bytes are stored once per distinct SHA-256, however many
    /// messages attach them. The files are expected to have passed an <see cref="AttachmentPolicy"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoredAttachment>> AddAsync(
        DbConnection connection,
        DbTransaction transaction,
        int ticketId,
        int messageId,
        IEnumerable<NewAttachment> files,
        DateTime nowUtc,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(files);

        // The check and the insert are one statement, in the subset both engines run. Two transactions adding the
        // same new bytes at once can both pass the check; the loser's key violation means the blob is there.
        const string insertBlob = """
            INSERT INTO AttachmentBlobs (Sha256, SizeBytes, Content, CreatedUtc)
            SELECT @Sha256, @SizeBytes, @Content, @NowUtc
            WHERE NOT EXISTS (SELECT 1 FROM AttachmentBlobs WHERE Sha256 = @Sha256)
            """;
        var insertAttachment = connections.Dialect.InsertReturningId("""
            INSERT INTO TicketAttachments (TicketId, MessageId, FileName, ContentType, SizeBytes, Sha256, CreatedUtc)
            VALUES (@TicketId, @MessageId, @FileName, @ContentType, @SizeBytes, @Sha256, @NowUtc)
            """);

        var stored = new List<StoredAttachment>();
        foreach (var file in files)
        {
            ArgumentNullException.ThrowIfNull(file);
            ArgumentNullException.ThrowIfNull(file.Content, nameof(file));
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content));
            var size = (long)file.Content.Length;

            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    insertBlob,
                    new { Sha256 = HashParameter(sha256), SizeBytes = size, file.Content, NowUtc = nowUtc },
                    transaction,
                    cancellationToken: cancellationToken));
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Another transaction stored these bytes between the check and the insert: share its blob.
            }

            var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                insertAttachment,
                new
                {
                    TicketId = ticketId,
                    MessageId = messageId,
                    file.FileName,
                    file.ContentType,
                    SizeBytes = size,
                    Sha256 = HashParameter(sha256),
                    NowUtc = nowUtc,
                },
                transaction,
                cancellationToken: cancellationToken));

            stored.Add(new StoredAttachment
            {
                Id = id,
                TicketId = ticketId,
                MessageId = messageId,
                FileName = file.FileName,
                ContentType = file.ContentType,
                SizeBytes = size,
                Sha256 = sha256,
                CreatedUtc = nowUtc,
            });
        }

        return stored;
    }

    // Typed as the CHAR(64) column it is compared with: a default nvarchar parameter would make SQL Server
    // convert every key of the index instead of seeking it.
    private static DbString HashParameter(string sha256) =>
        new() { Value = sha256, IsAnsi = true, IsFixedLength = true, Length = Sha256HexLength };
}
