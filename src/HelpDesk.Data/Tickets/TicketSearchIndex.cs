using System.Data.Common;
using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Data.Tickets;

/// <summary>
/// The text search index, written in batches (migration 0031). A write that adds a ticket, changes its subject or
/// requester, or adds a message logs the ticket in <c>TicketSearchChanges</c> (a trigger, in the write's own
/// transaction); <see cref="IndexPendingAsync(IDbConnectionFactory, CancellationToken)"/> then writes each logged
/// ticket's document whole — subject, requester, replies, notes — hundreds of tickets in one write, and deletes the
/// log rows it read, and only those: a change logged meanwhile stays for the next batch.
/// <see cref="TicketSearchIndexer"/> does that in the background, and a search first does it for whatever is still
/// logged (<see cref="CatchUpAsync"/>), so a search finds every ticket committed before it, as when triggers wrote the
/// index inside each write. On SQLite a filing's turn of the one writer no longer indexes (see docs/performance.md);
/// on SQL Server the full-text index over the table follows it in the background, as it always did.
/// </summary>
public static class TicketSearchIndex
{
    /// <summary>At most this many log rows are read for one write, so the writes queued behind it wait a few milliseconds at most.</summary>
    internal const int Batch = 500;

    /// <summary>
    /// Indexes every ticket logged when it starts, a batch per write; the number of log rows it read. Changes logged
    /// while it runs are indexed too when they are committed before its last batch is read.
    /// </summary>
    public static async Task<int> IndexPendingAsync(IDbConnectionFactory connections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var dialect = connections.Dialect;
        return await InBatchesAsync(Batch, () => connections.WriteAsync(
            (connection, transaction, ct) => IndexBatchAsync(connection, transaction, dialect, Batch, ct), cancellationToken));
    }

    /// <summary>
    /// At most this many log rows a transaction after a bulk load: with nothing else writing, fewer and larger
    /// transactions leave FTS5 fewer segments to merge (the generator commits its tickets 20,000 at a time too).
    /// </summary>
    internal const int BulkBatch = 20_000;

    /// <summary>
    /// <see cref="IndexPendingAsync(IDbConnectionFactory, CancellationToken)"/> on a connection of the caller's,
    /// <see cref="BulkBatch"/> log rows per transaction of its own: for a bulk load that wrote its tickets without the
    /// app's writer and with nothing else writing.
    /// </summary>
    public static async Task<int> IndexPendingAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        return await InBatchesAsync(BulkBatch, async () =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var batch = await IndexBatchAsync(connection, transaction, dialect, BulkBatch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return batch;
        });
    }

    /// <summary>Runs <paramref name="batch"/> until it reads fewer than <paramref name="size"/> log rows; the log rows read in all.</summary>
    private static async Task<int> InBatchesAsync(int size, Func<Task<int>> batch)
    {
        var indexed = 0;
        while (true)
        {
            var read = await batch();
            indexed += read;
            if (read < size)
            {
                return indexed;
            }
        }
    }

    /// <summary>
    /// <see cref="IndexPendingAsync(IDbConnectionFactory, CancellationToken)"/> when anything is logged; when nothing
    /// is, one read and no write. What the background indexer runs.
    /// </summary>
    public static async Task IndexLoggedAsync(IDbConnectionFactory connections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connections);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await CatchUpAsync(connections, connection, cancellationToken);
    }

    /// <summary>
    /// Before a search reads the index on <paramref name="connection"/>: indexes what is logged, when anything is. The
    /// check is a statement of its own, so the search's statements after it read the index as the catch-up left it.
    /// </summary>
    internal static async Task CatchUpAsync(IDbConnectionFactory connections, DbConnection connection, CancellationToken cancellationToken)
    {
        if (await AnyLoggedAsync(connection, cancellationToken))
        {
            await IndexPendingAsync(connections, cancellationToken);
        }
    }

    /// <summary>
    /// <see cref="CatchUpAsync"/> for a search: should the indexing fail (on SQL Server two indexers writing the same
    /// documents can deadlock, and one is chosen to fail), the search reads the index as it is rather than failing,
    /// and the log keeps what was not indexed for the background indexer.
    /// </summary>
    internal static async Task CatchUpForSearchAsync(IDbConnectionFactory connections, DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpAsync(connections, connection, cancellationToken);
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing is lost: the log still holds it, and the background indexer's next run indexes it.
        }
    }

    private static async Task<bool> AnyLoggedAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM TicketSearchChanges) THEN 1 ELSE 0 END", cancellationToken: cancellationToken)) != 0;

    private static async Task<int> IndexBatchAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, int take, CancellationToken cancellationToken)
    {
        var changes = (await connection.QueryAsync<(int Id, int TicketId)>(new CommandDefinition(
            $"SELECT Id, TicketId FROM TicketSearchChanges ORDER BY Id {dialect.TopClause}",
            new { Take = take },
            transaction,
            cancellationToken: cancellationToken))).AsList();
        if (changes.Count == 0)
        {
            return 0;
        }

        // A ticket deleted since it was logged has no row to read: its old document goes and none is written.
        var tickets = new { Ids = SqlDialect.IdsJson(changes.Select(c => c.TicketId).Distinct()) };
        await connection.ExecuteAsync(new CommandDefinition(dialect.TicketSearchDelete("Ids"), tickets, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(dialect.TicketSearchWrite("Ids"), tickets, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM TicketSearchChanges WHERE Id IN {dialect.IdList("Ids")}",
            new { Ids = SqlDialect.IdsJson(changes.Select(c => c.Id)) },
            transaction,
            cancellationToken: cancellationToken));
        return changes.Count;
    }
}

/// <summary>
/// Indexes the tickets logged for text search (<see cref="TicketSearchIndex"/>) every <see cref="Interval"/>, so the
/// log never piles up between searches and a search seldom finds more than an interval's worth to index first.
/// </summary>
public sealed partial class TicketSearchIndexer(IDbConnectionFactory connections, ILogger<TicketSearchIndexer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TicketSearchIndex.IndexLoggedAsync(connections, stoppingToken);
                }
                catch (Exception ex) when (ex is DbException or InvalidOperationException)
                {
                    LogIndexFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing tickets for text search failed; the next run tries again, and a search indexes them first.")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception);
}
