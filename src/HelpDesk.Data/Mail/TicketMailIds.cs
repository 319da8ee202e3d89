using System.Data.Common;
using Dapper;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

/// <summary>
/// The Message-IDs of a ticket's mail, sent and received, that a reply's In-Reply-To and References are matched against.
/// Written by the stores that queue or record the mail, inside their transaction.
/// </summary>
internal static class TicketMailIds
{
    public const string Inbound = "in";
    public const string Outbound = "out";

    /// <summary>Longer IDs are not kept: the column is the primary key and must stay indexable on SQL Server.</summary>
    public const int MaxLength = 400;

    /// <summary>Records an ID this app has just made (a version 7 UUID of its own): no other mail can hold it.</summary>
    public static Task AddNewAsync(DbConnection connection, DbTransaction? transaction, string messageId, int ticketId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO TicketMailIds (MessageId, TicketId, Direction, CreatedUtc) VALUES (@MessageId, @TicketId, @Direction, @NowUtc)
            """;
        return SqliteRowStatement.ExecuteAsync(
            connection, transaction, sql, new { MessageId = messageId, TicketId = ticketId, Direction = Outbound, NowUtc = nowUtc }, cancellationToken);
    }

    /// <summary>Records the ID for the ticket unless it is already recorded (for this ticket or another).</summary>
    public static async Task AddAsync(DbConnection connection, DbTransaction? transaction, string messageId, int ticketId, string direction, DateTime nowUtc, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO TicketMailIds (MessageId, TicketId, Direction, CreatedUtc)
            SELECT @MessageId, @TicketId, @Direction, @NowUtc
            WHERE NOT EXISTS (SELECT 1 FROM TicketMailIds WHERE MessageId = @MessageId)
            """;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                sql, new { MessageId = messageId, TicketId = ticketId, Direction = direction, NowUtc = nowUtc }, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another transaction recorded the same ID between the check and the insert (SQL Server reads without
            // locking the gap): it is kept, which is all this asks. Neither engine ends the transaction for this error.
        }
    }
}
