using System.Data.Common;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

public sealed class OutboxStore(IDbConnectionFactory connections) : IOutbox
{
    public async Task<int> EnqueueAsync(OutboundMail mail, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await EnqueueAsync(connection, null, connections.Dialect, mail, nowUtc, cancellationToken);
    }

    /// <summary>Queues the mail inside the caller's transaction, so it is sent only if the change that caused it is saved.</summary>
    public static Task<int> EnqueueAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, OutboundMail mail, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(mail);
        var sql = dialect.InsertReturningId("""
            INSERT INTO OutboxMessages (Kind, ToAddress, Subject, TextBody, HtmlBody, TicketId, CreatedUtc, NextAttemptUtc, Attempts)
            VALUES (@Kind, @ToAddress, @Subject, @TextBody, @HtmlBody, @TicketId, @NowUtc, @NowUtc, 0)
            """);
        return connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql,
            new { mail.Kind, mail.ToAddress, mail.Subject, mail.TextBody, mail.HtmlBody, mail.TicketId, NowUtc = nowUtc },
            transaction,
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListRecentAsync(int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT Id, Kind, ToAddress, Subject, TextBody, CreatedUtc, SentUtc
            FROM OutboxMessages
            ORDER BY Id DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxEntry>(new CommandDefinition(sql, new { Take = take }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxStatus status, int take, CancellationToken cancellationToken = default) => throw Pending();

    public Task<OutboxCounts> CountAsync(CancellationToken cancellationToken = default) => throw Pending();

    public Task<OutboxEntry?> GetAsync(int id, CancellationToken cancellationToken = default) => throw Pending();

    public Task<OutboxEntry?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken = default) => throw Pending();

    public Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTime nowUtc, DateTime claimedUntilUtc, int take, CancellationToken cancellationToken = default) => throw Pending();

    public Task<IReadOnlyList<string>> ListThreadAsync(int ticketId, int take, CancellationToken cancellationToken = default) => throw Pending();

    public Task MarkSentAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default) => throw Pending();

    public Task MarkAttemptFailedAsync(int id, string reason, DateTime? nextAttemptUtc, DateTime nowUtc, CancellationToken cancellationToken = default) => throw Pending();

    public Task<bool> RetryAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default) => throw Pending();

    private static NotSupportedException Pending() => new("Sending comes with the outbox sender.");
}
