using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// What <see cref="SqliteConnectionFactory.OpenAsync"/> hands a caller: one of the factory's open connections, lent to
/// that caller alone. Disposing it gives the connection back (kept for the next caller when left as a new one would
/// be, see <see cref="WriterGatedConnection.IsReusable"/>, otherwise closed) and ends the loan: from then on it runs
/// nothing and a second dispose does nothing. Handing out the kept connection itself could not keep that promise: a
/// caller may dispose a connection twice (a wrapper disposing its inner one synchronously and again asynchronously
/// does), and a second dispose that came after the connection had been lent to someone else gave that caller's
/// connection back while it was still in use, so two callers ran on it at once.
/// </summary>
internal sealed class LentConnection(WriterGatedConnection connection, Func<WriterGatedConnection, bool> giveBack) : DbConnection
{
    private WriterGatedConnection? _connection = connection;

    /// <summary>The lent connection; once the loan has ended, an <see cref="ObjectDisposedException"/>.</summary>
    internal WriterGatedConnection Connection =>
        _connection ?? throw new ObjectDisposedException(nameof(LentConnection), "This connection was given back when it was disposed; open another.");

    /// <summary>The SQLite connection behind <paramref name="connection"/>, or null when it is not one (SQL Server, a test's wrapper).</summary>
    internal static SqliteConnection? Sqlite(DbConnection connection) => connection switch
    {
        LentConnection lent => lent.Connection,
        SqliteConnection sqlite => sqlite,
        _ => null,
    };

    [AllowNull]
    public override string ConnectionString
    {
        get => Connection.ConnectionString;
        set => Connection.ConnectionString = value;
    }

    public override string Database => Connection.Database;

    public override string DataSource => Connection.DataSource;

    public override string ServerVersion => Connection.ServerVersion;

    /// <summary>Closed once given back, as a disposed connection is.</summary>
    public override ConnectionState State => _connection?.State ?? ConnectionState.Closed;

    protected override DbProviderFactory DbProviderFactory => SqliteFactory.Instance;

    public override void ChangeDatabase(string databaseName) => Connection.ChangeDatabase(databaseName);

    public override void Open() => Connection.Open();

    public override Task OpenAsync(CancellationToken cancellationToken) => Connection.OpenAsync(cancellationToken);

    /// <summary>Closes the connection itself, which then is not kept; nothing once given back.</summary>
    public override void Close() => _connection?.Close();

    // Through DbConnection, so that the connection's own overrides take the writers' turn.
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        ((DbConnection)Connection).BeginTransaction(isolationLevel);

    protected override ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        ((DbConnection)Connection).BeginTransactionAsync(isolationLevel, cancellationToken);

    protected override DbCommand CreateDbCommand() => ((DbConnection)Connection).CreateCommand();

    // DbConnection.DisposeAsync comes here too.
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _connection, null) is { } lent && !(lent.IsReusable && giveBack(lent)))
        {
            lent.Dispose();
        }

        base.Dispose(disposing);
    }
}
