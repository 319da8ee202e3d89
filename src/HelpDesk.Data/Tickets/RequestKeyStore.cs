using System.Data.Common;
using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tickets;

/// <summary>Reads and forgets request keys; <see cref="RequestKeyRows"/> writes them with the ticket or message.</summary>
public sealed class RequestKeyStore(IDbConnectionFactory connections) : IRequestKeyStore
{
    public async Task<KeyedRequest?> FindAsync(RequestKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        const string sql = """
            SELECT k.UserId, k.KeyValue, k.Fingerprint, k.TicketId, k.MessageId, k.CreatedUtc
            FROM RequestKeys k
            WHERE k.UserId = @UserId AND k.KeyValue = @Value
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, new { key.UserId, key.Value }, cancellationToken: cancellationToken));
        return row is null ? null : new KeyedRequest(row.UserId, row.KeyValue, row.Fingerprint, row.TicketId, row.MessageId, row.CreatedUtc);
    }

    public async Task<int> DeleteBeforeAsync(DateTime cutoffUtc, CancellationToken cancellationToken = default)
    {
        const string sql = "DELETE FROM RequestKeys WHERE CreatedUtc < @Cutoff";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Cutoff = cutoffUtc }, cancellationToken: cancellationToken));
    }

    private sealed record Row
    {
        public int UserId { get; init; }
        public string KeyValue { get; init; } = "";
        public string Fingerprint { get; init; } = "";
        public int TicketId { get; init; }
        public int? MessageId { get; init; }
        public DateTime CreatedUtc { get; init; }
    }
}

/// <summary>
/// Writes a request's key in the transaction of the ticket or message it made. A key stored before (another request
/// with it committed first, or is committing now) breaks the primary key: reported as
/// <see cref="DuplicateRequestKeyException"/>, and the whole change is rolled back as the exception leaves its transaction.
/// </summary>
internal static class RequestKeyRows
{
    public static async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, NewKeyedRequest? keyed, int ticketId, int? messageId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (keyed is null)
        {
            return;
        }

        const string sql = """
            INSERT INTO RequestKeys (UserId, KeyValue, Fingerprint, TicketId, MessageId, CreatedUtc)
            VALUES (@UserId, @KeyValue, @Fingerprint, @TicketId, @MessageId, @CreatedUtc)
            """;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                sql,
                new { keyed.Key.UserId, KeyValue = keyed.Key.Value, keyed.Fingerprint, TicketId = ticketId, MessageId = messageId, CreatedUtc = nowUtc },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new DuplicateRequestKeyException(keyed.Key);
        }
    }
}
