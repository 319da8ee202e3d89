using System.Data;
using System.Data.Common;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HelpDesk.Data.Economics;

/// <summary>
/// One parameterised statement run row after row inside the caller's transaction, each row setting its values by
/// position: value <c>i</c> is the parameter <c>@p{i}</c>. On SQLite it is SQLite's own prepared statement, compiled
/// once and bound by index: the driver's command looks up every parameter by name in every execution and checks them
/// all again, which at 38 values a row cost several times the insert itself. Elsewhere it is a command whose parameters
/// are created once and given new values row by row. The text holds only column and parameter names; every value is
/// bound.
/// </summary>
internal abstract class RowStatement : IAsyncDisposable
{
    public abstract void Set(int index, long value);

    public abstract void Set(int index, string value);

    /// <summary>Runs the statement with the values set; returns the rows it changed.</summary>
    public abstract ValueTask<int> ExecuteAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>Whether the statement runs on SQLite's own handle, bound by position, rather than through a driver command (for tests).</summary>
    internal bool OnSqliteHandle => this is Sqlite;

    /// <summary>
    /// The statement <paramref name="sql"/> in <paramref name="transaction"/>, its parameters @p0… typed after
    /// <paramref name="columns"/> (Day, Month and Region text, the rest integers).
    /// </summary>
    public static RowStatement Prepare(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<string> columns) =>
        LentConnection.Sqlite(connection) is { Handle: { } handle }
            ? new Sqlite(handle, sql, columns.Count)
            : new Command(connection, transaction, sql, columns);

    private sealed class Sqlite : RowStatement
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;

        /// <summary>SQLite's index of @p{i}: parameters are numbered as they first appear in the text.</summary>
        private readonly int[] _index;

        // What each parameter holds now. SQLite keeps a statement's values from one run to the next (a reset does not
        // clear them), and consecutive rows mostly repeat theirs (most measures are zero), so a value equal to the one
        // held is not bound again: each bind is a call into SQLite, 38 of them a row.
        private readonly long[] _numbers;
        private readonly string?[] _texts;
        private readonly bool[] _holdsNumber;

        public Sqlite(sqlite3 db, string sql, int count)
        {
            _db = db;
            Check(raw.sqlite3_prepare_v2(db, sql, out _statement));
            _index = new int[count];
            _numbers = new long[count];
            _texts = new string?[count];
            _holdsNumber = new bool[count];
            for (var i = 0; i < count; i++)
            {
                _index[i] = raw.sqlite3_bind_parameter_index(_statement, $"@p{i}");
                if (_index[i] == 0)
                {
                    throw new InvalidOperationException($"The statement has no parameter @p{i}.");
                }
            }
        }

        public override void Set(int index, long value)
        {
            if (_holdsNumber[index] && _numbers[index] == value)
            {
                return;
            }

            Check(raw.sqlite3_bind_int64(_statement, _index[index], value));
            _numbers[index] = value;
            _holdsNumber[index] = true;
            _texts[index] = null;
        }

        public override void Set(int index, string value)
        {
            if (_texts[index] is { } held && string.Equals(held, value, StringComparison.Ordinal))
            {
                return;
            }

            Check(raw.sqlite3_bind_text(_statement, _index[index], value));
            _texts[index] = value;
            _holdsNumber[index] = false;
        }

        public override ValueTask<int> ExecuteAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = raw.sqlite3_step(_statement);
            var reset = raw.sqlite3_reset(_statement);
            Check(step == raw.SQLITE_DONE ? reset : step);
            return ValueTask.FromResult(raw.sqlite3_changes(_db));
        }

        public override ValueTask DisposeAsync()
        {
            _statement.Dispose();
            return ValueTask.CompletedTask;
        }

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }
    }

    private sealed class Command : RowStatement
    {
        private readonly DbCommand _command;
        private readonly DbParameter[] _parameters;

        public Command(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<string> columns)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            _parameters = new DbParameter[columns.Count];
            for (var i = 0; i < _parameters.Length; i++)
            {
                _parameters[i] = _command.CreateParameter();
                _parameters[i].ParameterName = $"@p{i}";
                _parameters[i].DbType = columns[i] is "Day" or "Month" or "Region" ? DbType.String : DbType.Int64;
                _command.Parameters.Add(_parameters[i]);
            }
        }

        // Most measures of a row are zero: one boxed zero serves them all.
        public override void Set(int index, long value) => _parameters[index].Value = value == 0 ? Zero : value;

        public override void Set(int index, string value) => _parameters[index].Value = value;

        public override async ValueTask<int> ExecuteAsync(CancellationToken cancellationToken) => await _command.ExecuteNonQueryAsync(cancellationToken);

        public override ValueTask DisposeAsync() => _command.DisposeAsync();

        private static readonly object Zero = 0L;
    }
}
