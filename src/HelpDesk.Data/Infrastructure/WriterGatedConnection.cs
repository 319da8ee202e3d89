using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// A SQLite connection whose write transactions take turns in this process before SQLite sees them. SQLite lets one
/// writer in at a time; a second one that asks meanwhile is refused and retried by the busy handler, which sleeps
/// 1, 2, 5 … up to 100 ms between tries, however soon the first commits. With eight callers filing at once, most of a
/// request's time went on those sleeps, and they made the long tail. Here a writer instead waits its turn on an
/// async gate that opens the moment the previous writer is done, and SQLite's busy handler is left for writers in other
/// processes. The turn lasts from BEGIN until SQLite is back out of the transaction (after COMMIT or ROLLBACK, checked
/// on the connection itself), or until the connection is closed.
/// A connection made to live long (the group commit's writer, the factory's kept readers) also keeps its compiled
/// statements between commands (see <see cref="SqliteStatementCache"/>) until it is closed. The factory lends the ones
/// it keeps through a <see cref="LentConnection"/>, which gives one back when its caller is done with it, provided it
/// is left as a new one would be (see <see cref="IsReusable"/>).
/// A connection held by a <see cref="SqliteSeedingScope"/> stays open when its users close it, begins their transactions
/// as savepoints in the scope's, and runs every command in the scope's transaction.
/// </summary>
internal sealed class WriterGatedConnection : SqliteConnection
{
    private readonly SemaphoreSlim _gate;
    private readonly SqliteStatementCache? _statements;

    public WriterGatedConnection(string connectionString, SemaphoreSlim gate, bool keepsStatements = false)
        : base(connectionString)
    {
        _gate = gate;
        _statements = keepsStatements ? new SqliteStatementCache(this) : null;
    }

    /// <summary>The kept statements, when this connection keeps them (for tests).</summary>
    internal SqliteStatementCache? Statements => _statements;

    /// <summary>After this long the writer goes on to SQLite, whose busy timeout then decides, as without the gate.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private bool _holdsGate;

    /// <summary>The transaction of the seeding scope holding this connection, or null.</summary>
    internal SqliteTransaction? HeldTransaction { get; private set; }

    internal void Hold(SqliteTransaction transaction) => HeldTransaction = transaction;

    internal void LetGo() => HeldTransaction = null;

    private int _savepoints;

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        if (HeldTransaction is { } held)
        {
            return Savepoint(held);
        }

        if (!_holdsGate && Writes(isolationLevel))
        {
            _holdsGate = await _gate.WaitAsync(MaxWait, cancellationToken);
        }

        return Begin(isolationLevel);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (HeldTransaction is { } held)
        {
            return Savepoint(held);
        }

        if (!_holdsGate && Writes(isolationLevel))
        {
            _holdsGate = _gate.Wait(MaxWait);
        }

        return Begin(isolationLevel);
    }

    /// <summary>
    /// While a turn is held, commands note when the transaction has ended (the driver commits through one). The command
    /// is made here rather than from one the driver made first: the driver registers each command made on the connection
    /// until it is disposed or the connection closes, and searches all of them whenever one is disposed, so one made and
    /// dropped would slow every later command of a long-lived connection.
    /// </summary>
    public override SqliteCommand CreateCommand() =>
        _holdsGate
            ? new TurnEndingCommand(this) { CommandTimeout = DefaultTimeout, Transaction = Transaction }
            : base.CreateCommand();

    /// <summary>The command Dapper and the stores get: one on a kept statement when this connection keeps them.</summary>
    protected override DbCommand CreateDbCommand() =>
        _statements is { } statements ? new CachedStatementCommand(this, statements) : CreateCommand();

    /// <summary>
    /// Left as a newly opened connection is: open, no writer's turn held, no transaction open on SQLite's handle (no
    /// BEGIN left open, and no statement still stepping: an undisposed reader holds a read transaction, and with it an
    /// old snapshot, that the next caller would read from), and every kept statement given back with its parameters and
    /// transaction cleared.
    /// </summary>
    internal bool IsReusable =>
        State == ConnectionState.Open
        && !_holdsGate
        && _statements is not { AnyBorrowed: true }
        && Handle is { } handle
        && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0
        && NoTransaction(handle);

    private static bool NoTransaction(SQLitePCL.sqlite3 handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return NativeMethods.sqlite3_txn_state(handle.DangerousGetHandle(), IntPtr.Zero) == NativeMethods.TransactionNone;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public override void Close()
    {
        if (HeldTransaction is not null)
        {
            return;
        }

        try
        {
            _statements?.Clear();
            base.Close();
        }
        finally
        {
            Release();
        }
    }

    private SqliteSavepointTransaction Savepoint(SqliteTransaction held) =>
        new(this, held, "tx" + (++_savepoints).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private SqliteTransaction Begin(IsolationLevel isolationLevel)
    {
        try
        {
            return BeginTransaction(isolationLevel, deferred: !Writes(isolationLevel));
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>As the driver decides: read uncommitted begins a deferred transaction, which takes no write lock up front.</summary>
    private static bool Writes(IsolationLevel isolationLevel) => isolationLevel != IsolationLevel.ReadUncommitted;

    private void ReleaseIfOutOfTransaction()
    {
        if (_holdsGate && Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0)
        {
            Release();
        }
    }

    private void Release()
    {
        if (_holdsGate)
        {
            _holdsGate = false;
            _gate.Release();
        }
    }

    private sealed class TurnEndingCommand : SqliteCommand
    {
        private readonly WriterGatedConnection _connection;

        public TurnEndingCommand(WriterGatedConnection connection)
        {
            _connection = connection;
            Connection = connection;
        }

        public override int ExecuteNonQuery()
        {
            try
            {
                return base.ExecuteNonQuery();
            }
            finally
            {
                _connection.ReleaseIfOutOfTransaction();
            }
        }
    }
}
