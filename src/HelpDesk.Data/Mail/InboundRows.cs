using System.Data.Common;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

/// <summary>
/// Writes the record of a received message inside a caller's transaction: the ticket store's when the message makes
/// or joins a ticket, the inbound store's otherwise. The unique key on MessageKey is what makes intake idempotent.
/// </summary>
internal static class InboundRows
{
    /// <summary>
    /// Inserts the record, linked to the ticket and the ticket message it became (when it became one), and returns its
    /// id. Throws <see cref="DuplicateMailException"/> when the key was recorded before; the caller's transaction must
    /// then be rolled back (SQL Server leaves it open after the error). The record is written whole, once: it holds the
    /// message's bytes, which a later update of the row would write again.
    /// </summary>
    public static async Task<int> InsertAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, ReceivedMail mail, int? ticketId, int? ticketMessageId, CancellationToken cancellationToken)
    {
        var sql = dialect.InsertReturningId("""
            INSERT INTO InboundMessages (MessageKey, MessageId, Source, FromAddress, FromName, Subject, ReceivedUtc, Status, Kind,
                                         Reason, TicketId, TicketMessageId, SizeBytes, Raw)
            VALUES (@MessageKey, @MessageId, @Source, @FromAddress, @FromName, @Subject, @ReceivedUtc, @Status, @Kind,
                    @Reason, @TicketId, @TicketMessageId, @SizeBytes, @Raw)
            """);
        try
        {
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                sql,
                new
                {
                    mail.MessageKey,
                    MessageId = Clip(mail.MessageId, 1000),
                    Source = Clip(mail.Source, 100),
                    FromAddress = Clip(mail.FromAddress, 320),
                    FromName = Clip(mail.FromName, 200),
                    Subject = Clip(mail.Subject, 400),
                    mail.ReceivedUtc,
                    Status = mail.Status.ToString(),
                    Kind = mail.Kind.ToString(),
                    mail.Reason,
                    TicketId = ticketId,
                    TicketMessageId = ticketMessageId,
                    SizeBytes = mail.Raw.Length,
                    mail.Raw,
                },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new DuplicateMailException(mail.MessageKey);
        }
    }

    /// <summary>Keeps the message's Message-ID for threading the ticket's later mail.</summary>
    public static async Task AddThreadIdAsync(
        DbConnection connection, DbTransaction transaction, ReceivedMail mail, int ticketId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (ThreadId(mail.MessageId) is { Length: <= TicketMailIds.MaxLength } id)
        {
            await TicketMailIds.AddAsync(connection, transaction, id, ticketId, TicketMailIds.Inbound, nowUtc, cancellationToken);
        }
    }

    /// <summary>A Message-ID as threading compares it: without the angle brackets some writers keep.</summary>
    public static string? ThreadId(string? messageId) => messageId?.Trim().Trim('<', '>').Trim() is { Length: > 0 } id ? id : null;

    // SQL Server refuses text longer than the column; the raw message keeps every byte.
    private static string? Clip(string? value, int length) => value is { } text && text.Length > length ? text[..length] : value;
}
