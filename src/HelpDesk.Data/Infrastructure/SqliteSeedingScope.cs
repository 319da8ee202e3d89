using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// Thousands of writes told one after the other, such as the demo's year of history, in ONE SQLite transaction on ONE
/// connection that keeps its compiled statements. While the scope is open, the code that opened it (and only that code:
/// the scope flows with its async calls, not to other requests or background work) gets that connection from
/// <see cref="SqliteConnectionFactory.OpenAsync"/>, and disposing it there leaves it open; a transaction begun on it is a
/// savepoint, and each <see cref="SqliteConnectionFactory.WriteAsync{T}"/> runs in a savepoint of its own, undone alone
/// when it throws. Reads see the scope's writes; other connections see none of them until <see cref="Commit"/>, and a
/// scope disposed without it (a failure, a crash) leaves nothing behind. Each store's own transaction, commit and
/// read on a pooled connection cost more than its SQL when thousands of small use cases run back to back; here they
/// cost a savepoint. The scope holds the writers' turn from start to end, so other writers in the process wait for it.
/// </summary>
public sealed class SqliteSeedingScope : IDisposable
{
    private readonly WriterGatedConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly AsyncLocal<SqliteSeedingScope?> _current;
    private bool _committed;

    internal SqliteSeedingScope(WriterGatedConnection connection, SqliteTransaction transaction, AsyncLocal<SqliteSeedingScope?> current)
    {
        _connection = connection;
        _transaction = transaction;
        _current = current;
        connection.Hold(transaction);
    }

    internal bool IsOpen { get; private set; } = true;

    internal DbConnection Connection => _connection;

    /// <summary>Makes every write of the scope visible to other connections, at once.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(!IsOpen, this);
        _transaction.Commit();
        _committed = true;
    }

    internal async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(!IsOpen, this);

        // Through DbConnection, so the held connection makes it a savepoint in the scope's transaction, undone alone
        // when the write throws (disposed uncommitted).
        using var savepoint = ((DbConnection)_connection).BeginTransaction();
        var result = await write(_connection, _transaction, cancellationToken).ConfigureAwait(false);
        savepoint.Commit();
        return result;
    }

    /// <summary>Rolls back whatever was not committed and closes the connection.</summary>
    public void Dispose()
    {
        if (!IsOpen)
        {
            return;
        }

        IsOpen = false;
        if (ReferenceEquals(_current.Value, this))
        {
            _current.Value = null;
        }

        _connection.LetGo();
        try
        {
            if (!_committed)
            {
                // SQLite may have rolled the transaction back itself (a full disk): then there is nothing left to undo.
                try
                {
                    _transaction.Rollback();
                }
                catch (SqliteException)
                {
                }
            }

            _transaction.Dispose();
        }
        finally
        {
            _connection.Dispose();
        }
    }
}

/// <summary>
/// A transaction begun on a seeding scope's connection: a savepoint in the scope's transaction, released by
/// <see cref="Commit"/> and undone by <see cref="Rollback"/> or by disposing it uncommitted.
/// </summary>
internal sealed class SqliteSavepointTransaction : DbTransaction
{
    private readonly WriterGatedConnection _connection;
    private readonly SqliteTransaction _outer;
    private readonly string _name;
    private bool _completed;

    public SqliteSavepointTransaction(WriterGatedConnection connection, SqliteTransaction outer, string name)
    {
        _connection = connection;
        _outer = outer;
        _name = name;
        outer.Save(name);
    }

    /// <summary>The scope's transaction, which the commands run in.</summary>
    public SqliteTransaction Outer => _outer;

    public override IsolationLevel IsolationLevel => _outer.IsolationLevel;

    protected override DbConnection DbConnection => _connection;

    public override void Commit()
    {
        Complete();
        _outer.Release(_name);
    }

    public override void Rollback()
    {
        Complete();
        _outer.Rollback(_name);
        _outer.Release(_name);
    }

    public override bool SupportsSavepoints => true;

    public override void Save(string savepointName) => _outer.Save(savepointName);

    public override void Rollback(string savepointName) => _outer.Rollback(savepointName);

    public override void Release(string savepointName) => _outer.Release(savepointName);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_completed)
        {
            try
            {
                Rollback();
            }
            catch (SqliteException)
            {
                // The scope's transaction is gone already (SQLite ended it on an error): the scope fails as a whole.
            }
        }

        base.Dispose(disposing);
    }

    private void Complete()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The transaction has already been committed or rolled back.");
        }

        _completed = true;
    }
}
