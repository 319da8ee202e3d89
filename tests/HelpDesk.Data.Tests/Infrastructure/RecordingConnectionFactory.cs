using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// Wraps a connection factory and remembers the text of every command the stores execute through it, so the
/// tests can check that the SQL written once for both engines is also valid T-SQL (no SQL Server runs here).
/// </summary>
public sealed class RecordingConnectionFactory(IDbConnectionFactory inner) : IDbConnectionFactory
{
    private readonly ConcurrentDictionary<string, byte> _statements = new(StringComparer.Ordinal);

    public DatabaseProvider Provider => inner.Provider;

    public SqlDialect Dialect => inner.Dialect;

    public IReadOnlyCollection<string> Statements => [.. _statements.Keys];

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        new RecordingConnection(await inner.OpenAsync(cancellationToken), this);

    public DbConnection Open() => new RecordingConnection(inner.Open(), this);

    /// <summary>The inner factory's writes (SQLite's group commit), on a connection recording the statements and left open for the group.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default) =>
        inner.WriteAsync((connection, transaction, ct) => write(new RecordingConnection(connection, this, owns: false), transaction, ct), cancellationToken);

    private int _executions;

    /// <summary>How many commands ran, each time counted.</summary>
    public int Executions => Volatile.Read(ref _executions);

    private void Record(string sql)
    {
        Interlocked.Increment(ref _executions);
        _statements.TryAdd(sql, 0);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Passes the store's own text through.")]
    private sealed class RecordingConnection(DbConnection inner, RecordingConnectionFactory recorder, bool owns = true) : DbConnection
    {
        [AllowNull]
        public override string ConnectionString
        {
            get => inner.ConnectionString;
            set => inner.ConnectionString = value;
        }

        public override string Database => inner.Database;

        public override string DataSource => inner.DataSource;

        public override string ServerVersion => inner.ServerVersion;

        public override ConnectionState State => inner.State;

        public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

        public override void Close()
        {
            if (owns)
            {
                inner.Close();
            }
        }

        public override void Open() => inner.Open();

        public override Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

        protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
            await inner.BeginTransactionAsync(isolationLevel, cancellationToken);

        protected override DbCommand CreateDbCommand() => new RecordingCommand(inner.CreateCommand(), this, recorder);

        protected override void Dispose(bool disposing)
        {
            if (disposing && owns)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            if (owns)
            {
                await inner.DisposeAsync();
            }

            await base.DisposeAsync();
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Passes the store's own text through.")]
    private sealed class RecordingCommand(DbCommand inner, DbConnection wrapper, RecordingConnectionFactory recorder) : DbCommand
    {
        [AllowNull]
        public override string CommandText
        {
            get => inner.CommandText;
            set => inner.CommandText = value;
        }

        public override int CommandTimeout
        {
            get => inner.CommandTimeout;
            set => inner.CommandTimeout = value;
        }

        public override CommandType CommandType
        {
            get => inner.CommandType;
            set => inner.CommandType = value;
        }

        public override bool DesignTimeVisible
        {
            get => inner.DesignTimeVisible;
            set => inner.DesignTimeVisible = value;
        }

        public override UpdateRowSource UpdatedRowSource
        {
            get => inner.UpdatedRowSource;
            set => inner.UpdatedRowSource = value;
        }

        protected override DbConnection? DbConnection
        {
            get => wrapper;
            set
            {
                // Dapper and the stores only ever use the connection that made the command.
            }
        }

        protected override DbParameterCollection DbParameterCollection => inner.Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => inner.Transaction;
            set => inner.Transaction = value;
        }

        public override void Cancel() => inner.Cancel();

        public override void Prepare() => inner.Prepare();

        protected override DbParameter CreateDbParameter() => inner.CreateParameter();

        public override int ExecuteNonQuery()
        {
            recorder.Record(CommandText);
            return inner.ExecuteNonQuery();
        }

        public override object? ExecuteScalar()
        {
            recorder.Record(CommandText);
            return inner.ExecuteScalar();
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            recorder.Record(CommandText);
            return inner.ExecuteReader(behavior);
        }

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
        {
            recorder.Record(CommandText);
            return inner.ExecuteNonQueryAsync(cancellationToken);
        }

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
        {
            recorder.Record(CommandText);
            return inner.ExecuteScalarAsync(cancellationToken);
        }

        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
        {
            recorder.Record(CommandText);
            return inner.ExecuteReaderAsync(behavior, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
