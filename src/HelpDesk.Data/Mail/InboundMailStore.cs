using System.Data.Common;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Mail;

/// <summary>
/// Received messages, their thread ids and the allow-list. Status and Kind are stored as their enum names; a
/// quarantined message that is deleted keeps its row (so the same bytes are not taken again) but loses its bytes.
/// </summary>
public sealed class InboundMailStore(IDbConnectionFactory connections) : IInboundMailStore
{
    internal const string SelectEntry = """
        SELECT Id, MessageKey, MessageId, Source, FromAddress, FromName, Subject, ReceivedUtc, Status, Kind, Reason, TicketId,
               TicketMessageId, SizeBytes, ResolvedById, ResolvedUtc
        FROM InboundMessages
        """;

    // SQL Server takes at most 2,100 parameters; a References header is never near that long, but it is not ours.
    private const int MaxThreadIds = 500;

    public async Task<InboundMessageEntry?> FindByKeyAsync(string messageKey, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectEntry}
            WHERE MessageKey = @MessageKey
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<InboundMessageEntry>(new CommandDefinition(
            sql, new { MessageKey = messageKey }, cancellationToken: cancellationToken));
    }

    public async Task<InboundMessageEntry?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectEntry}
            WHERE Id = @Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<InboundMessageEntry>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<byte[]?> GetRawAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT Raw FROM InboundMessages WHERE Id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<InboundMessageEntry?> FindByTicketMessageAsync(int ticketMessageId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectEntry}
            WHERE TicketMessageId = @TicketMessageId
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboundMessageEntry>(new CommandDefinition(
            sql, new { TicketMessageId = ticketMessageId }, cancellationToken: cancellationToken));
        return rows.FirstOrDefault();
    }

    public async Task<IReadOnlyList<InboundMessageEntry>> ListForTicketAsync(int ticketId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectEntry}
            WHERE TicketId = @TicketId
            ORDER BY Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboundMessageEntry>(new CommandDefinition(sql, new { TicketId = ticketId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<InboundMessageEntry>> ListAsync(InboundStatus status, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            {SelectEntry}
            WHERE Status = @Status
            ORDER BY Id DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboundMessageEntry>(new CommandDefinition(
            sql, new { Status = status.ToString(), Take = take }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<int> CountAsync(InboundStatus status, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM InboundMessages WHERE Status = @Status", new { Status = status.ToString() }, cancellationToken: cancellationToken));
    }

    public async Task<int> AddAsync(ReceivedMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await InsertAsync(connection, transaction, mail, mail.TicketId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<int> AddBounceAsync(ReceivedMail mail, int outboxId, string auditText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(auditText);
        const string failOutbound = """
            UPDATE OutboxMessages
            SET Status = 'Failed', FailedUtc = @NowUtc, LastError = @AuditText, ClaimedUntilUtc = NULL
            WHERE Id = @OutboxId
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ticketId = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT TicketId FROM OutboxMessages WHERE Id = @OutboxId", new { OutboxId = outboxId }, transaction, cancellationToken: cancellationToken));
        var id = await InsertAsync(connection, transaction, mail, ticketId, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            failOutbound, new { OutboxId = outboxId, NowUtc = mail.ReceivedUtc, AuditText = auditText }, transaction, cancellationToken: cancellationToken));
        if (ticketId is int ticket)
        {
            // The report, not a person, says the mail failed: the entry has no actor.
            await TicketStore.InsertAuditAsync(connection, transaction, ticket, null, [new Core.Tickets.AuditChange("mail", null, auditText)], mail.ReceivedUtc, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<int?> FindTicketByMessageIdsAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = messageIds
            .Select(InboundRows.ThreadId)
            .OfType<string>()
            .Where(id => id.Length <= TicketMailIds.MaxLength)
            .Distinct(StringComparer.Ordinal)
            .TakeLast(MaxThreadIds)
            .ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var sql = $"""
            SELECT TicketId FROM TicketMailIds
            WHERE MessageId IN @Ids
            ORDER BY CreatedUtc DESC, TicketId DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(sql, new { Ids = ids, Take = 1 }, cancellationToken: cancellationToken));
    }

    public async Task<bool> ResolveAsync(int id, InboundStatus expected, InboundStatus outcome, int? ticketId, int actorId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (expected is not (InboundStatus.Held or InboundStatus.Quarantined))
        {
            throw new ArgumentOutOfRangeException(nameof(expected), expected, "Only held and quarantined messages are resolved.");
        }

        if (outcome is not (InboundStatus.Released or InboundStatus.Deleted))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A message is resolved by releasing or deleting it.");
        }

        // A deleted quarantined message keeps its row, so the same bytes pushed again are known, but not the bytes.
        var dropRaw = expected == InboundStatus.Quarantined && outcome == InboundStatus.Deleted;
        var sql = $"""
            UPDATE InboundMessages
            SET Status = @Outcome, TicketId = COALESCE(@TicketId, TicketId), ResolvedById = @ActorId, ResolvedUtc = @NowUtc{(dropRaw ? ", Raw = @NoBytes" : "")}
            WHERE Id = @Id AND Status = @Expected
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            sql,
            new { Id = id, Expected = expected.ToString(), Outcome = outcome.ToString(), TicketId = ticketId, ActorId = actorId, NowUtc = nowUtc, NoBytes = Array.Empty<byte>() },
            transaction,
            cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        // A held message released onto a ticket threads like any other: answers to it find the ticket.
        if (outcome == InboundStatus.Released && ticketId is int ticket)
        {
            var messageId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT MessageId FROM InboundMessages WHERE Id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
            if (InboundRows.ThreadId(messageId) is { Length: <= TicketMailIds.MaxLength } threadId)
            {
                await TicketMailIds.AddAsync(connection, transaction, threadId, ticket, TicketMailIds.Inbound, nowUtc, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> IsAllowListedAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normal = Normalize(address);
        var at = normal.LastIndexOf('@');
        var domain = at >= 0 ? normal[at..] : "@" + normal;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM MailAllowList WHERE Address = @Address OR Address = @Domain",
            new { Address = normal, Domain = domain },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<AllowListEntry>> ListAllowListAsync(CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT Address, Note, CreatedById, CreatedUtc FROM MailAllowList ORDER BY Address";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AllowListRow>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows.Select(r => new AllowListEntry(r.Address, r.Note, r.CreatedById, r.CreatedUtc)).ToList();
    }

    public async Task<bool> AllowAsync(AllowListEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        const string sql = """
            INSERT INTO MailAllowList (Address, Note, CreatedById, CreatedUtc)
            VALUES (@Address, @Note, @CreatedById, @CreatedUtc)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                sql, new { Address = Normalize(entry.Address), entry.Note, entry.CreatedById, entry.CreatedUtc }, cancellationToken: cancellationToken));
            return true;
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return false;
        }
    }

    public async Task<bool> DisallowAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM MailAllowList WHERE Address = @Address", new { Address = Normalize(address) }, cancellationToken: cancellationToken)) > 0;
    }

    private async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, ReceivedMail mail, int? ticketId, CancellationToken cancellationToken)
    {
        try
        {
            return await InboundRows.InsertAsync(connection, transaction, connections.Dialect, mail, ticketId, null, cancellationToken);
        }
        catch (DuplicateMailException)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw;
        }
    }

    // Addresses are compared lower-cased on both engines: SQLite's text comparison is case-sensitive.
    private static string Normalize(string address) => address.Trim().ToLowerInvariant();

    private sealed record AllowListRow
    {
        public string Address { get; init; } = "";
        public string Note { get; init; } = "";
        public int? CreatedById { get; init; }
        public DateTime CreatedUtc { get; init; }
    }
}
