using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// A statement run on SQLite's own compiled statement, its parameters bound by position from the properties of the
/// parameter object Dapper would have been given. Through Dapper, Microsoft.Data.Sqlite gets a parameter object made for
/// every property on every run, looks each one up in the statement by its name and checks its type: for the 48 columns
/// of a new ticket that was more than half of the insert's time inside the writer, where each filing waits for the ones
/// before it. Here each name is looked up once, when the statement is compiled, and which property fills which position
/// once per parameter type and text. On a connection that keeps its statements (the writer's, see
/// <see cref="SqliteStatementCache"/>) the statement is kept with them; on any other SQLite connection it is compiled
/// for the one run. On a connection that is not SQLite's (SQL Server, a test's recording wrapper) the same text and
/// parameter object go through Dapper.
/// Values are bound as Dapper and Microsoft.Data.Sqlite bind them here: text as text, whole numbers and booleans as
/// integers (1 and 0), times as UTC text <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (see <see cref="DapperConfiguration"/>),
/// null as NULL. A value of another type is refused rather than bound differently.
/// </summary>
internal sealed class SqliteRowStatement : IDisposable
{
    /// <summary>The parameters of a statement that has none.</summary>
    public static readonly object NoValues = new();

    // Which property fills each position, by parameter type and SQL text (the same on every connection): made once for
    // the process, since a statement compiled for one run would otherwise make them for each.
    private static readonly ConcurrentDictionary<(Type Type, string Sql), Func<object, object?>[]> Getters = new();

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string _sql;

    /// <summary>The parameters' names without their prefix, by position (SQLite numbers them from 1).</summary>
    private readonly string[] _names;

    // The getters this statement last bound from, so that a kept statement run again does not hash its text each time.
    private (Type? Type, Func<object, object?>[] Getters) _last = (null, []);

    internal SqliteRowStatement(sqlite3 db, string sql)
    {
        _db = db;
        _sql = sql;
        Check(raw.sqlite3_prepare_v2(db, sql, out _statement));
        _names = new string[raw.sqlite3_bind_parameter_count(_statement)];
        for (var i = 0; i < _names.Length; i++)
        {
            var name = raw.sqlite3_bind_parameter_name(_statement, i + 1).utf8_to_string()
                ?? throw new InvalidOperationException($"Parameter {i + 1} of the statement has no name; bind it by name.");
            _names[i] = name[1..];
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> in the connection's open transaction and returns the first column of the row it gives,
    /// as an INSERT … RETURNING Id does (see <see cref="SqlDialect.InsertReturningId"/>).
    /// </summary>
    public static async Task<long> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, object parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return LentConnection.Sqlite(connection) is { Handle: not null } sqlite
            ? Run(sqlite, sql, parameters, static (statement, values) => statement.Scalar(values), cancellationToken)
            : await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Runs <paramref name="sql"/> in the connection's open transaction; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, object parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return LentConnection.Sqlite(connection) is { Handle: not null } sqlite
            ? Run(sqlite, sql, parameters, static (statement, values) => statement.Execute(values), cancellationToken)
            : await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
    }

    private static T Run<T>(SqliteConnection sqlite, string sql, object parameters, Func<SqliteRowStatement, object, T> run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (sqlite is WriterGatedConnection { Statements: { } kept })
        {
            return run(kept.Row(sql), parameters);
        }

        using var once = new SqliteRowStatement(sqlite.Handle!, sql);
        return run(once, parameters);
    }

    internal long Scalar(object parameters)
    {
        try
        {
            BindAll(parameters);
            var step = raw.sqlite3_step(_statement);
            if (step != raw.SQLITE_ROW)
            {
                Check(step == raw.SQLITE_DONE ? raw.SQLITE_MISUSE : step, "The statement gave no row to read its value from.");
            }

            var value = raw.sqlite3_column_int64(_statement, 0);
            step = raw.sqlite3_step(_statement);
            Check(step == raw.SQLITE_DONE ? raw.SQLITE_OK : step);
            return value;
        }
        finally
        {
            Reset();
        }
    }

    internal int Execute(object parameters)
    {
        try
        {
            BindAll(parameters);
            int step;
            while ((step = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            Check(step == raw.SQLITE_DONE ? raw.SQLITE_OK : step);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            Reset();
        }
    }

    private void BindAll(object parameters)
    {
        var type = parameters.GetType();
        if (_last.Type != type)
        {
            _last = (type, Getters.GetOrAdd((type, _sql), static (key, names) => GettersFor(key.Type, names), _names));
        }

        var getters = _last.Getters;
        for (var i = 0; i < getters.Length; i++)
        {
            Bind(i + 1, getters[i](parameters));
        }
    }

    // Nothing of a run stays with the kept statement: not its read of the table, nor a copy of its values.
    private void Reset()
    {
        _ = raw.sqlite3_reset(_statement);
        _ = raw.sqlite3_clear_bindings(_statement);
    }

    public void Dispose() => _statement.Dispose();

    private static Func<object, object?>[] GettersFor(Type type, string[] names)
    {
        var getters = new Func<object, object?>[names.Length];
        var instance = Expression.Parameter(typeof(object), "parameters");
        for (var i = 0; i < names.Length; i++)
        {
            // Matched as Dapper matches a parameter to a property: by name, in any case.
            var property = type.GetProperty(names[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                ?? throw new InvalidOperationException($"The parameters have no property for @{names[i]}.");
            getters[i] = Expression.Lambda<Func<object, object?>>(
                Expression.Convert(Expression.Property(Expression.Convert(instance, type), property), typeof(object)), instance).Compile();
        }

        return getters;
    }

    private void Bind(int index, object? value) => Check(value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        string text => raw.sqlite3_bind_text(_statement, index, text),
        int number => raw.sqlite3_bind_int64(_statement, index, number),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
        DateTime time => raw.sqlite3_bind_text(
            _statement, index, (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time).ToString(DapperConfiguration.StoredTimeFormat, CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"A {value.GetType().Name} is not bound by position; run the statement through Dapper."),
    });

    private void Check(int rc, string? message = null)
    {
        if (rc == raw.SQLITE_OK)
        {
            return;
        }

        if (message is not null)
        {
            throw new SqliteException(message, rc);
        }

        SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
