using System.Data.Common;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

/// <summary>
/// The outbox in the database. A message is Pending until a sender claims it (Sending, until its claim runs out), then
/// Sent, or Pending again with a later attempt, or Failed for good. Status is stored as the <see cref="OutboxStatus"/> name.
/// </summary>
public sealed class OutboxStore(IDbConnectionFactory connections, MailSettings settings) : IOutbox
{
    private const string SelectEntry = """
        SELECT Id, Kind, ToAddress, Subject, TextBody, HtmlBody, TicketId, MessageId, Status, Attempts, CreatedUtc,
               NextAttemptUtc, SentUtc, FailedUtc, LastError
        FROM OutboxMessages
        """;

    // A message is due when it waits and its time has come, or when a sender claimed it and never finished.
    private const string Due = """
        ((Status = 'Pending' AND NextAttemptUtc <= @NowUtc) OR (Status = 'Sending' AND ClaimedUntilUtc <= @NowUtc))
        """;

    public async Task<int> EnqueueAsync(OutboundMail mail, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await EnqueueAsync(connection, transaction, mail, nowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// Queues the mail inside the caller's transaction, so it is sent only if the change that caused it is saved. The
    /// message gets its Message-ID now; when it is about a ticket, the ID is recorded for threading the answers to it.
    /// </summary>
    public async Task<int> EnqueueAsync(DbConnection connection, DbTransaction? transaction, OutboundMail mail, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(mail);
        // A version 7 UUID: the time of queueing first (the clock's, in milliseconds), then 74 random bits. Message-IDs
        // queued one after another sort one after another, so each enters the unique index of the outbox and the mail
        // ids' index at its end, on the page the last one went to, rather than on a page of its own anywhere in it.
        var messageId = $"{Guid.CreateVersion7(new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc))):N}@{settings.MessageIdDomain}";
        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO OutboxMessages (Kind, ToAddress, Subject, TextBody, HtmlBody, TicketId, CreatedUtc, NextAttemptUtc, Attempts, Status, MessageId)
            VALUES (@Kind, @ToAddress, @Subject, @TextBody, @HtmlBody, @TicketId, @NowUtc, @NowUtc, 0, 'Pending', @MessageId)
            """);
        var id = (int)await SqliteRowStatement.ScalarAsync(
            connection,
            transaction,
            sql,
            new { mail.Kind, mail.ToAddress, mail.Subject, mail.TextBody, mail.HtmlBody, mail.TicketId, NowUtc = nowUtc, MessageId = messageId },
            cancellationToken);
        if (mail.TicketId is int ticketId)
        {
            await TicketMailIds.AddNewAsync(connection, transaction, messageId, ticketId, nowUtc, cancellationToken);
        }

        return id;
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListRecentAsync(int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            {SelectEntry}
            ORDER BY Id DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxEntry>(new CommandDefinition(sql, new { Take = take }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxStatus status, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            {SelectEntry}
            WHERE Status = @Status
            ORDER BY Id DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxEntry>(new CommandDefinition(
            sql, new { Status = status.ToString(), Take = take }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<OutboxCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT Status, COUNT(*) AS Messages FROM OutboxMessages GROUP BY Status";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var counts = (await connection.QueryAsync<StatusCount>(new CommandDefinition(sql, cancellationToken: cancellationToken)))
            .ToDictionary(c => c.Status, c => c.Messages, StringComparer.Ordinal);
        int Of(OutboxStatus status) => counts.GetValueOrDefault(status.ToString());
        return new OutboxCounts(Of(OutboxStatus.Pending), Of(OutboxStatus.Sending), Of(OutboxStatus.Sent), Of(OutboxStatus.Failed));
    }

    public async Task<OutboxEntry?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectEntry}
            WHERE Id = @Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OutboxEntry>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<OutboxEntry?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        const string sql = $"""
            {SelectEntry}
            WHERE MessageId = @MessageId
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OutboxEntry>(new CommandDefinition(
            sql, new { MessageId = messageId.Trim().Trim('<', '>') }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTime nowUtc, DateTime claimedUntilUtc, int take, CancellationToken cancellationToken = default)
    {
        if (take <= 0)
        {
            return [];
        }

        // Each kind of due message is read in the order of IX_OutboxMessages_Due (Status, NextAttemptUtc, Id) and stops
        // at @Take, so a batch costs the same behind a backlog of any size; one query with the OR of both would gather
        // every due message and sort them all for each batch.
        var pendingSql = $"""
            SELECT Id, NextAttemptUtc FROM OutboxMessages
            WHERE Status = 'Pending' AND NextAttemptUtc <= @NowUtc
            ORDER BY NextAttemptUtc, Id
            {connections.Dialect.TopClause}
            """;
        var expiredSql = $"""
            SELECT Id, NextAttemptUtc FROM OutboxMessages
            WHERE Status = 'Sending' AND ClaimedUntilUtc <= @NowUtc
            ORDER BY NextAttemptUtc, Id
            {connections.Dialect.TopClause}
            """;

        // The same condition again: another sender may have claimed the message since it was read, and then this
        // update matches no row. The claims are one write, which on SQLite takes its turn with the other writes (and
        // may share their commit) instead of a commit of its own per message, each waiting for the write lock.
        const string claimSql = $"""
            UPDATE OutboxMessages
            SET Status = 'Sending', ClaimedUntilUtc = @ClaimedUntilUtc, Attempts = Attempts + 1
            WHERE Id = @Id AND {Due}
            """;
        const string selectClaimedSql = $"""
            {SelectEntry}
            WHERE Id IN @Ids
            ORDER BY NextAttemptUtc, Id
            """;

        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { NowUtc = nowUtc, Take = take };
        var pending = await connection.QueryAsync<(int Id, DateTime NextAttemptUtc)>(new CommandDefinition(pendingSql, args, cancellationToken: cancellationToken));
        var expired = await connection.QueryAsync<(int Id, DateTime NextAttemptUtc)>(new CommandDefinition(expiredSql, args, cancellationToken: cancellationToken));
        var candidates = pending.Concat(expired).OrderBy(c => c.NextAttemptUtc).ThenBy(c => c.Id).Take(take).Select(c => c.Id).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var won = await connections.WriteAsync(
            async (writer, transaction, ct) =>
            {
                var ids = new List<int>();
                foreach (var id in candidates)
                {
                    var rows = await writer.ExecuteAsync(new CommandDefinition(
                        claimSql, new { Id = id, NowUtc = nowUtc, ClaimedUntilUtc = claimedUntilUtc }, transaction, cancellationToken: ct));
                    if (rows == 1)
                    {
                        ids.Add(id);
                    }
                }

                return ids;
            },
            cancellationToken);
        if (won.Count == 0)
        {
            return [];
        }

        var claimed = await connection.QueryAsync<OutboxEntry>(new CommandDefinition(selectClaimedSql, new { Ids = won }, cancellationToken: cancellationToken));
        return claimed.AsList();
    }

    public async Task<IReadOnlyList<string>> ListThreadAsync(int ticketId, int take, string? before = null, CancellationToken cancellationToken = default)
    {
        if (take <= 0)
        {
            return [];
        }

        // Mail earlier than the named message in the order both queries sort by, so every message of the ticket sees
        // the same line; all of it when none is named or the named one is not this ticket's. The named message is
        // looked up inside the statement (once, and by its key for each row read), so one statement does what a
        // look-up of it and a query after it did: the outbox sender asks for the thread of every message it sends.
        const string fromThread = """
            FROM TicketMailIds AS t
            WHERE t.TicketId = @TicketId
              AND (NOT EXISTS (SELECT 1 FROM TicketMailIds AS own WHERE own.MessageId = @Before AND own.TicketId = @TicketId)
                   OR EXISTS (SELECT 1 FROM TicketMailIds AS own
                              WHERE own.MessageId = @Before AND own.TicketId = @TicketId
                                AND (t.CreatedUtc < own.CreatedUtc
                                     OR (t.CreatedUtc = own.CreatedUtc AND (t.Direction < own.Direction
                                         OR (t.Direction = own.Direction AND t.MessageId < own.MessageId))))))
            """;

        // The first message starts the thread and the latest ones are what a reader's client threads by; a long
        // thread's middle is left out so that References stays a sensible length.
        var firstSql = $"""
            SELECT t.MessageId, t.CreatedUtc, t.Direction
            {fromThread}
            ORDER BY t.CreatedUtc, t.Direction, t.MessageId
            {connections.Dialect.TopClause}
            """;
        var latestSql = $"""
            SELECT t.MessageId, t.CreatedUtc, t.Direction
            {fromThread}
            ORDER BY t.CreatedUtc DESC, t.Direction DESC, t.MessageId DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        object Args(int rows) => new { TicketId = ticketId, Take = rows, Before = before };
        var latest = take == 1
            ? []
            : (await connection.QueryAsync<ThreadId>(new CommandDefinition(latestSql, Args(take - 1), cancellationToken: cancellationToken))).AsList();

        // A thread shorter than the latest ids asked for came whole, its first message with it (the usual case: the
        // outbox sender asks for the thread of every message it sends).
        var first = take > 1 && latest.Count < take - 1
            ? []
            : await connection.QueryAsync<ThreadId>(new CommandDefinition(firstSql, Args(1), cancellationToken: cancellationToken));
        return first.Concat(latest)
            .DistinctBy(t => t.MessageId, StringComparer.Ordinal)
            .OrderBy(t => t.CreatedUtc)
            .ThenBy(t => t.Direction, StringComparer.Ordinal)
            .ThenBy(t => t.MessageId, StringComparer.Ordinal)
            .Select(t => t.MessageId)
            .ToList();
    }

    public async Task MarkSentAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE OutboxMessages
            SET Status = 'Sent', SentUtc = @NowUtc, ClaimedUntilUtc = NULL
            WHERE Id = @Id
            """;
        // Through the writer (see ClaimDueAsync): marked sent, and committed, before the caller sends the next.
        await connections.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, NowUtc = nowUtc }, transaction, cancellationToken: ct)),
            cancellationToken);
    }

    public async Task MarkAttemptFailedAsync(int id, string reason, DateTime? nextAttemptUtc, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        const string retryLater = """
            UPDATE OutboxMessages
            SET Status = 'Pending', NextAttemptUtc = @NextAttemptUtc, ClaimedUntilUtc = NULL, LastError = @Reason
            WHERE Id = @Id
            """;
        const string failForGood = """
            UPDATE OutboxMessages
            SET Status = 'Failed', FailedUtc = @NowUtc, ClaimedUntilUtc = NULL, LastError = @Reason
            WHERE Id = @Id
            """;
        await connections.WriteAsync(
            (connection, transaction, ct) => connection.ExecuteAsync(new CommandDefinition(
                nextAttemptUtc is null ? failForGood : retryLater,
                new { Id = id, Reason = reason, NextAttemptUtc = nextAttemptUtc, NowUtc = nowUtc },
                transaction,
                cancellationToken: ct)),
            cancellationToken);
    }

    public async Task<bool> RetryAsync(int id, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE OutboxMessages
            SET Status = 'Pending', Attempts = 0, NextAttemptUtc = @NowUtc, FailedUtc = NULL, ClaimedUntilUtc = NULL
            WHERE Id = @Id AND Status = 'Failed'
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, NowUtc = nowUtc }, cancellationToken: cancellationToken)) == 1;
    }

    private sealed record ThreadId
    {
        public string MessageId { get; init; } = "";
        public DateTime CreatedUtc { get; init; }
        public string Direction { get; init; } = "";
    }

    private sealed record StatusCount
    {
        public string Status { get; init; } = "";
        public int Messages { get; init; }
    }
}
