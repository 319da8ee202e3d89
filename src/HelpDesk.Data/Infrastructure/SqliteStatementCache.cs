using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// Keeps one compiled command per SQL text on an open SQLite connection. Microsoft.Data.Sqlite compiles a command's SQL
/// when it first runs and throws the compiled statements away when the command is disposed, and Dapper makes and
/// disposes a command for every call, so every call compiled its SQL anew. Commands the connection hands out through
/// <see cref="DbConnection.CreateCommand"/> (which Dapper uses) borrow the kept command for their SQL instead, bind
/// their own parameters and transaction to it, and give it back when disposed. A SQL text that is already borrowed (a
/// command run while another with the same text still reads) gets a command of its own, used once. SQLite compiles a
/// kept statement again by itself when the schema has changed since. The cache belongs to one connection, used by one
/// caller at a time, like the connection, and its statements go when the connection closes.
/// </summary>
internal sealed class SqliteStatementCache(SqliteConnection connection)
{
    /// <summary>At most this many SQL texts are kept; the one used longest ago goes first.</summary>
    internal const int Capacity = 128;

    /// <summary>
    /// SQLite keeps a copy of each bound value in the statement until it is bound again: a command that carried more than
    /// this (an attachment's bytes, a raw mail) is not kept, so the copy does not live on with the connection.
    /// </summary>
    internal const int LargestKeptValue = 16 * 1024;

    private readonly Dictionary<string, LinkedListNode<Kept>> _kept = new(StringComparer.Ordinal);
    private readonly LinkedList<Kept> _byUse = new();

    // Statements bound by position (see SqliteRowStatement): a few fixed texts on the filing path, kept until the connection closes.
    private readonly Dictionary<string, SqliteRowStatement> _rows = new(StringComparer.Ordinal);

    /// <summary>How many SQL texts are kept now (for tests).</summary>
    internal int Count => _kept.Count;

    /// <summary>How many SQL texts are kept as statements bound by position (for tests).</summary>
    internal int RowCount => _rows.Count;

    /// <summary>How many times a kept statement was reused instead of compiled (for tests).</summary>
    internal long Reused { get; private set; }

    /// <summary>The names a kept statement's parameters were bound under, by the name each was given (for tests).</summary>
    internal IReadOnlyDictionary<string, string>? BoundNamesOf(string commandText) =>
        _kept.TryGetValue(commandText, out var node) ? node.Value.BoundNames : null;

    /// <summary>Whether a kept statement is lent to a command not yet disposed.</summary>
    internal bool AnyBorrowed => _borrowed > 0;

    private int _borrowed;

    /// <summary>
    /// A command for the SQL text, compiled already if it ran before; give it back with <see cref="Return"/>. A kept one
    /// comes with the names its parameters are bound under, as found in its text the first time each was bound; a command
    /// used once comes with none.
    /// </summary>
    internal SqliteCommand Rent(string commandText, out Dictionary<string, string>? boundNames)
    {
        boundNames = null;
        if (_kept.TryGetValue(commandText, out var node))
        {
            if (!node.Value.Borrowed)
            {
                node.Value.Borrowed = true;
                _borrowed++;
                _byUse.Remove(node);
                _byUse.AddFirst(node);
                Reused++;
                boundNames = node.Value.BoundNames;
                return node.Value.Command;
            }

            return Fresh(commandText);
        }

        if (_kept.Count >= Capacity)
        {
            EvictOldestIdle();
        }

        var command = Fresh(commandText);
        if (_kept.Count < Capacity)
        {
            var kept = new LinkedListNode<Kept>(new Kept(command) { Borrowed = true });
            _borrowed++;
            _kept.Add(commandText, kept);
            _byUse.AddFirst(kept);
            boundNames = kept.Value.BoundNames;
        }

        return command;
    }

    /// <summary>The statement for the SQL text bound by position, compiled the first time it is asked for.</summary>
    internal SqliteRowStatement Row(string commandText)
    {
        if (!_rows.TryGetValue(commandText, out var row))
        {
            row = new SqliteRowStatement(connection.Handle ?? throw new InvalidOperationException("The connection is not open."), commandText);
            _rows.Add(commandText, row);
        }

        return row;
    }

    /// <summary>Takes a rented command back: a kept one is emptied and kept, any other disposed.</summary>
    internal void Return(SqliteCommand command)
    {
        if (!_kept.TryGetValue(command.CommandText, out var node) || !ReferenceEquals(node.Value.Command, command))
        {
            command.Dispose();
            return;
        }

        var tooLarge = false;
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count && !tooLarge; i++)
        {
            tooLarge = IsLarge(parameters[i].Value);
        }

        command.Parameters.Clear();
        command.Transaction = null;
        node.Value.Borrowed = false;
        _borrowed--;
        if (tooLarge)
        {
            Forget(node);
        }
    }

    /// <summary>Disposes every kept statement (the connection is closing).</summary>
    internal void Clear()
    {
        foreach (var kept in _byUse)
        {
            kept.Command.Dispose();
        }

        _byUse.Clear();
        _kept.Clear();
        _borrowed = 0;
        foreach (var row in _rows.Values)
        {
            row.Dispose();
        }

        _rows.Clear();
    }

    private SqliteCommand Fresh(string commandText) => new(commandText, connection);

    private void EvictOldestIdle()
    {
        for (var node = _byUse.Last; node is not null; node = node.Previous)
        {
            if (!node.Value.Borrowed)
            {
                Forget(node);
                return;
            }
        }
    }

    private void Forget(LinkedListNode<Kept> node)
    {
        _byUse.Remove(node);
        _kept.Remove(node.Value.Command.CommandText);
        node.Value.Command.Dispose();
    }

    private static bool IsLarge(object? value) => value switch
    {
        byte[] bytes => bytes.Length > LargestKeptValue,
        string text => text.Length > LargestKeptValue / 2,
        Stream => true,
        _ => false,
    };

    private sealed class Kept(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        /// <summary>Each parameter name as given, with the name it is bound under (see CachedStatementCommand.BindingName).</summary>
        public Dictionary<string, string> BoundNames { get; } = new(StringComparer.Ordinal);

        public bool Borrowed { get; set; }
    }
}

/// <summary>
/// The command a caching connection hands out: it looks like any other command to Dapper and the stores, and runs on the
/// statement cache's command for its SQL text, borrowed when it first runs until it is disposed. Its parameters are its
/// own, one collection for its whole life (Dapper holds on to the collection while it expands a list parameter into
/// the text), and are bound to the borrowed command each time it runs.
/// </summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The text is the caller's parameterised SQL, passed through.")]
internal sealed class CachedStatementCommand(SqliteConnection connection, SqliteStatementCache cache) : DbCommand
{
    private readonly ParameterCollection _parameters = new();
    private string _commandText = string.Empty;
    private SqliteCommand? _borrowed;
    private Dictionary<string, string>? _boundNames;
    private SqliteDataReader? _reader;
    private DbTransaction? _transaction;
    private int? _commandTimeout;

    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set
        {
            value ??= string.Empty;
            if (_borrowed is not null && !string.Equals(value, _commandText, StringComparison.Ordinal))
            {
                // Run before under another text: the next run borrows the statement for this one.
                GiveBack();
            }

            _commandText = value;
        }
    }

    public override int CommandTimeout
    {
        get => _commandTimeout ?? connection.DefaultTimeout;
        set => _commandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException($"SQLite runs only {nameof(CommandType.Text)} commands.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (!ReferenceEquals(value, connection))
            {
                throw new NotSupportedException("A cached command stays with the connection that made it.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => _parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set
        {
            _transaction = value;
            if (_borrowed is not null)
            {
                _borrowed.Transaction = RunsIn;
            }
        }
    }

    public override void Cancel()
    {
    }

    public override int ExecuteNonQuery() => Bound().ExecuteNonQuery();

    public override object? ExecuteScalar() => Bound().ExecuteScalar();

    public override void Prepare() => Borrowed().Prepare();

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => _reader = Bound().ExecuteReader(behavior);

    /// <summary>The borrowed command with this command's parameters as they are now.</summary>
    private SqliteCommand Bound()
    {
        var borrowed = Borrowed();
        var parameters = borrowed.Parameters;
        parameters.Clear();
        for (var i = 0; i < _parameters.Count; i++)
        {
            var parameter = _parameters[i];
            var name = parameter.ParameterName;
            if (_boundNames is null)
            {
                parameter.ParameterName = BindingName(_commandText, name);
            }
            else if (_boundNames.TryGetValue(name, out var bound))
            {
                parameter.ParameterName = bound;
            }
            else
            {
                // Looked for once per name for a kept statement, not on every run: the search reads the whole text.
                parameter.ParameterName = _boundNames[name] = BindingName(_commandText, name);
            }

            parameters.Add(parameter);
        }

        return borrowed;
    }

    /// <summary>The name a parameter is bound under: <c>@name</c> where <see cref="ShouldPrefix"/> says so, else as given.</summary>
    private static string BindingName(string text, string name) => ShouldPrefix(text, name) ? "@" + name : name;

    /// <summary>
    /// Whether a name given without its prefix (as Dapper gives them) is used in the text as <c>@name</c> and with no other
    /// prefix. Microsoft.Data.Sqlite looks such a name up four times each time it binds it (as given, then with each of
    /// <c>@</c>, <c>$</c> and <c>:</c>, to refuse one the text uses twice over); given as <c>@name</c>, it is looked up once.
    /// </summary>
    internal static bool ShouldPrefix(string text, string name)
    {
        if (name.Length == 0 || name[0] is '@' or ':' or '$')
        {
            return false;
        }

        var at = false;
        for (var i = text.IndexOf(name, StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + 1, StringComparison.Ordinal))
        {
            var end = i + name.Length;
            if (i == 0 || (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')))
            {
                continue;
            }

            switch (text[i - 1])
            {
                case '@':
                    at = true;
                    break;
                case ':' or '$':
                    return false;
            }
        }

        return at;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            GiveBack();
        }

        base.Dispose(disposing);
    }

    /// <summary>A seeding scope's connection runs every command in the scope's transaction, whatever the caller gave.</summary>
    private SqliteTransaction? RunsIn =>
        (connection as WriterGatedConnection)?.HeldTransaction ?? (SqliteTransaction?)_transaction;

    private SqliteCommand Borrowed()
    {
        if (_borrowed is null)
        {
            _borrowed = cache.Rent(_commandText, out _boundNames);
            _borrowed.Transaction = RunsIn;
            _borrowed.CommandTimeout = CommandTimeout;
        }

        return _borrowed;
    }

    /// <summary>As a disposed command does, closes the reader it left open, so the statement is reset before reuse.</summary>
    private void GiveBack()
    {
        _reader?.Dispose();
        _reader = null;
        if (_borrowed is { } borrowed)
        {
            _borrowed = null;
            _boundNames = null;
            cache.Return(borrowed);
        }
    }

    /// <summary>A parameter collection of the command's own (the driver's has no public constructor).</summary>
    private sealed class ParameterCollection : SqliteParameterCollection;
}
