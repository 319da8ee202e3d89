using System.Data.Common;

namespace HelpDesk.Data.Infrastructure;

/// <summary>Opens connections to the configured database. Stores open one per call and dispose it.</summary>
public interface IDbConnectionFactory
{
    DatabaseProvider Provider { get; }

    SqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>For the few callers whose interface is synchronous, such as data protection's key repository.</summary>
    DbConnection Open();

    /// <summary>
    /// Runs a write in a transaction and commits it before answering. On SQL Server each write has a transaction of
    /// its own; SQLite's factory commits the writes waiting at the same moment together (see SqliteGroupCommit), so a
    /// write must not commit or roll back the transaction itself: it throws, and only its own work is undone.
    /// </summary>
    async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await write(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
