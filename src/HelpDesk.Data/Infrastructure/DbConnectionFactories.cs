using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Infrastructure;

public static class DbConnectionFactory
{
    public static IDbConnectionFactory Create(DatabaseOptions options)
    {
        DapperConfiguration.EnsureConfigured();
        return options.Provider switch
        {
            DatabaseProvider.SqlServer => new SqlServerConnectionFactory(options.ConnectionString),
            _ => new SqliteConnectionFactory(options.ConnectionString),
        };
    }
}

// The writers' gate is a SemaphoreSlim whose wait handle is never asked for: it holds nothing to dispose, and the
// factory lives as long as the app.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim's wait handle is never created.")]
public sealed class SqliteConnectionFactory : IDbConnectionFactory, IDisposable
{
    private readonly string _connectionString;

    // Before the first connection of the process, which is one of this type's (see SqliteProcess).
    static SqliteConnectionFactory() => SqliteProcess.Configure();

    public SqliteConnectionFactory(string connectionString)
    {
        _connectionString = connectionString;
        _groupCommit = new SqliteGroupCommit(WriterAsync);
        _keepReader = KeepReader;
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(folder) && file != ":memory:")
        {
            // Built while start-up resolves its services, before the reachability check: report the setting, not a crash.
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DatabaseConfigurationException(
                    $"The folder of the SQLite file named by {DatabaseOptions.ConnectionStringSetting} ({folder}) cannot be created: {ex.Message}");
            }
        }
    }

    // WAL lets readers go on while one writer writes, and is stored in the file: set once per factory.
    // Foreign keys (off by default in SQLite) and the sync level are per connection. So is the busy timeout:
    // with it SQLite waits for another writer in steps of a few milliseconds, where the driver's own retry
    // sleeps 150 ms, which cut filing by 8 callers at once to a third of a single caller's rate. It comes first,
    // so that switching to WAL, which needs the file to itself, also waits for a writer on another process or factory.
    // Transactions begin IMMEDIATE (the driver's default): a writer takes the write lock up front and waits for it
    // under the busy timeout, instead of reading first and then failing to upgrade when another writer got in between.
    // The last pragma says who copies the write-ahead log into the file: SQLite's default, the commit that takes the
    // log past 1,000 pages, or (0) the SqliteCheckpointer while it runs.
    // All of them stay with SQLite's own connection, which the driver's pool keeps open between uses: they run once
    // for each pooled connection (again when the checkpoint mode changes), not on every open, where they were a
    // round trip of their own in every store call of every request.
    private const string FirstConnectionPragmas = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
    private const string CommitsCheckpoint = " PRAGMA wal_autocheckpoint = 1000;";
    private const string CheckpointerCheckpoints = " PRAGMA wal_autocheckpoint = 0;";

    private volatile bool _walSet;
    private volatile bool _checkpointsInBackground;

    // Keyed by SQLite's connection handle, which lives as long as the pooled connection: a handle the pool closes
    // drops out by itself. The value is the checkpoint pragma the handle was given.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, string> _configured = new();

    // One writer at a time in this process, waiting its turn without SQLite's busy sleeps (see WriterGatedConnection).
    private readonly SemaphoreSlim _writer = new(1, 1);

    private readonly SqliteGroupCommit _groupCommit;

    private readonly Func<WriterGatedConnection, bool> _keepReader;

    private readonly AsyncLocal<SqliteSeedingScope?> _seeding = new();

    /// <summary>The seeding scope the calling code runs in, if one is open.</summary>
    private SqliteSeedingScope? Seeding => _seeding.Value is { IsOpen: true } scope ? scope : null;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public SqlDialect Dialect => SqlDialect.Sqlite;

    /// <summary>Set by the running <see cref="SqliteCheckpointer"/>: connections opened from then on leave checkpoints to it.</summary>
    public bool CheckpointsInBackground
    {
        get => _checkpointsInBackground;
        set => _checkpointsInBackground = value;
    }

    private string CheckpointPragma => _checkpointsInBackground ? CheckpointerCheckpoints : CommitsCheckpoint;

    /// <summary>The pragmas the connection still needs, or null when its pooled handle already has them.</summary>
    private string? Unconfigured(SqliteConnection connection) =>
        _configured.TryGetValue(connection.Handle!, out var checkpoint) && ReferenceEquals(checkpoint, CheckpointPragma)
            ? null
            : (_walSet ? ConnectionPragmas : FirstConnectionPragmas) + CheckpointPragma;

    private void Configured(SqliteConnection connection, string pragmas)
    {
        _walSet = true;
        _configured.AddOrUpdate(connection.Handle!, pragmas.EndsWith(CheckpointerCheckpoints, StringComparison.Ordinal) ? CheckpointerCheckpoints : CommitsCheckpoint);
    }

    /// <summary>
    /// Once the log holds this many pages after a passive checkpoint (SQLite's own threshold for a commit to checkpoint),
    /// <see cref="CheckpointAsync"/> starts it again from its beginning, at most once every <see cref="RestartInterval"/>.
    /// </summary>
    internal const int RestartLogAfterPages = 1000;

    /// <summary>
    /// The shortest time between two restarts of the log, unless it holds <see cref="RestartLogAlwaysAfterPages"/>.
    /// A restart holds the writers while it copies what was committed during the passive checkpoint before it and makes
    /// both files durable: 46 to 92 ms while filing at eight callers here, once a second when every checkpoint restarted.
    /// A longer log costs the reads nothing, since a read looks in the log only for pages committed after the last
    /// checkpoint copied it; it costs disk space, which <see cref="RestartLogAlwaysAfterPages"/> bounds.
    /// </summary>
    internal TimeSpan RestartInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A log this long (256 MB of 4 KB pages) is started again at the next checkpoint, however recent the last restart.</summary>
    internal int RestartLogAlwaysAfterPages { get; init; } = 65536;

    /// <summary>The clock of <see cref="RestartInterval"/> (for tests).</summary>
    internal TimeProvider Clock { get; init; } = TimeProvider.System;

    // When the last restart of the log that was not stopped short by a reader began; used only by the one checkpoint
    // that runs at a time.
    private long? _lastRestart;

    /// <summary>How many restarts of the log this factory ran (for tests).</summary>
    internal int Restarts { get; private set; }

    /// <summary>
    /// How long a restart of the log waits for readers still reading from it before it leaves it for the next time.
    /// The writers wait as long at most, so it is short: a request's reads finish within it, and a long reader (the
    /// economics rebuild reading its ranges, an export) costs the writers at most this much a second until it is done.
    /// </summary>
    internal TimeSpan RestartWait { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Copies what it can of the write-ahead log into the database file without waiting for readers or the writer, on
    /// a connection of its own that never creates the file (one that is gone is not made again, empty).
    /// A passive checkpoint never starts the log again from its beginning: the next writer does, but only when every
    /// page in it was copied, and under a steady stream of writes some were always committed after the checkpoint
    /// began, and some reader was still reading from the log. The log then grew for as long as the writes went on (a
    /// gigabyte in a minute of filing). So when the log still holds <see cref="RestartLogAfterPages"/> pages and the last
    /// restart is <see cref="RestartInterval"/> ago (or the log holds <see cref="RestartLogAlwaysAfterPages"/>), a second
    /// passive checkpoint copies what was committed during the first, and then the checkpointer takes the writers' turn
    /// and runs a RESTART checkpoint: it copies the little committed since and waits (up to <see cref="RestartWait"/>; if
    /// they do not finish, the next checkpoint tries again) until no reader reads from the log, so that the next writer
    /// starts it again from its beginning. Writers of this process wait for it on the turn, not in SQLite's busy sleeps.
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken = default)
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadWrite };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        var (_, logPages) = await CheckpointAsync(connection, "PASSIVE", busyTimeoutMilliseconds: 30000, cancellationToken);
        if (!RestartDue(logPages))
        {
            return;
        }

        // Without the turn, what was committed while the first one ran: the restart then copies only what came after.
        await CheckpointAsync(connection, "PASSIVE", busyTimeoutMilliseconds: 30000, cancellationToken);
        if (!await _writer.WaitAsync(WriterGatedConnection.MaxWait, cancellationToken))
        {
            return;
        }

        try
        {
            var began = Clock.GetTimestamp();
            Restarts++;
            var (busy, _) = await CheckpointAsync(connection, "RESTART", (int)RestartWait.TotalMilliseconds, cancellationToken);
            if (!busy)
            {
                _lastRestart = began;
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    private bool RestartDue(long logPages) =>
        logPages >= RestartLogAlwaysAfterPages
        || (logPages >= RestartLogAfterPages && (_lastRestart is not { } last || Clock.GetElapsedTime(last) >= RestartInterval));

    /// <summary>
    /// Runs a checkpoint of the mode and gives whether it stopped short for a reader or writer (SQLite's first column)
    /// and the number of pages in the log (its second).
    /// </summary>
    private static async Task<(bool Busy, long LogPages)> CheckpointAsync(SqliteConnection connection, string mode, int busyTimeoutMilliseconds, CancellationToken cancellationToken)
    {
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = FormattableString.Invariant($"PRAGMA busy_timeout = {busyTimeoutMilliseconds}");
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        checkpoint.CommandText = $"PRAGMA wal_checkpoint({mode})";
        await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0) != 0, reader.GetInt64(1)) : (false, 0);
    }

    /// <summary>
    /// At most this many connections are kept open between uses, each with the statements it compiled. Every store
    /// call opens a connection and runs a few statements the app runs over and over (before its write a filing reads
    /// its requester, contracts, loads and calendar, each on a connection of its own, and the bearer check reads the
    /// user): a kept connection runs them without compiling them again. A connection disposed while this many are kept
    /// is closed as before.
    /// </summary>
    internal const int KeptReaders = 16;

    private readonly ConcurrentQueue<WriterGatedConnection> _kept = new();
    private int _keptCount;

    /// <summary>How many connections are kept open for the next callers now (for tests).</summary>
    internal int KeptCount => Volatile.Read(ref _keptCount);

    /// <summary>
    /// A connection kept from an earlier caller, left by it as a new one would be (see
    /// <see cref="WriterGatedConnection.IsReusable"/>), or a new one, lent to this caller alone until it disposes it
    /// (see <see cref="LentConnection"/>).
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Seeding?.Connection is { } seeding)
        {
            return seeding;
        }

        while (_kept.TryDequeue(out var kept))
        {
            Interlocked.Decrement(ref _keptCount);
            if (kept.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    await ConfigureAsync(kept, cancellationToken);
                    return new LentConnection(kept, _keepReader);
                }
                catch
                {
                    kept.Close();
                    throw;
                }
            }

            kept.Close();
        }

        return new LentConnection(await OpenNewAsync(cancellationToken), _keepReader);
    }

    private bool KeepReader(WriterGatedConnection connection)
    {
        if (_disposed)
        {
            return false;
        }

        if (Interlocked.Increment(ref _keptCount) > KeptReaders)
        {
            Interlocked.Decrement(ref _keptCount);
            return false;
        }

        _kept.Enqueue(connection);
        return true;
    }

    /// <summary>
    /// Opens a <see cref="SqliteSeedingScope"/> for the calling code and the code it calls: its reads and writes go to one
    /// connection in one transaction until the scope is committed or disposed. Synchronous, so that the scope belongs to
    /// the caller's flow.
    /// </summary>
    public SqliteSeedingScope BeginSeeding()
    {
        if (Seeding is not null)
        {
            throw new InvalidOperationException("A seeding scope is open here already.");
        }

        var connection = OpenConfigured(keepsStatements: true);
        try
        {
            // Through DbConnection, which takes the writers' turn first (see WriterGatedConnection).
            var transaction = (SqliteTransaction)((DbConnection)connection).BeginTransaction();
            var scope = new SqliteSeedingScope(connection, transaction, _seeding);
            _seeding.Value = scope;
            return scope;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The group commit's writer connection: the one it kept from its last group, with any pragma it still needs, or a
    /// new one that keeps its compiled statements, since the writer runs the same few statements over and over.
    /// </summary>
    internal async Task<DbConnection> WriterAsync(DbConnection? kept)
    {
        if (kept is WriterGatedConnection { State: System.Data.ConnectionState.Open } open)
        {
            await ConfigureAsync(open, CancellationToken.None);
            return open;
        }

        if (kept is not null)
        {
            await kept.DisposeAsync();
        }

        return await OpenNewAsync(CancellationToken.None, writer: true);
    }

    /// <summary>
    /// The writer runs every write in a savepoint of its own (see <see cref="SqliteGroupCommit"/>), and SQLite keeps the
    /// pages a savepoint could have to put back in a statement journal, which spills to a temporary file once it holds
    /// 64 KiB: a filing, which touches the ticket's table, indexes and search index, created, wrote and deleted such a
    /// file each time. In memory, that journal lasts only as long as the savepoint. The writer's connection is not
    /// pooled, so the setting goes with it and never reaches a reader, whose large sorts (an index built in the
    /// economics rebuild) still spill to disk.
    /// </summary>
    private const string WriterPragmas = "PRAGMA temp_store = MEMORY;";

    /// <summary>A new connection that keeps its compiled statements (see <see cref="SqliteStatementCache"/>).</summary>
    private async Task<WriterGatedConnection> OpenNewAsync(CancellationToken cancellationToken, bool writer = false)
    {
        var connectionString = writer ? new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString : _connectionString;
        var connection = new WriterGatedConnection(connectionString, _writer, keepsStatements: true);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ConfigureAsync(connection, cancellationToken);
            if (writer)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = WriterPragmas;
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task ConfigureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (Unconfigured(connection) is { } pragmas)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = pragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            Configured(connection, pragmas);
        }
    }

    private volatile bool _disposed;

    /// <summary>Closes the kept connections (the app is stopping); connections opened from then on are not kept.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_kept.TryDequeue(out var kept))
        {
            Interlocked.Decrement(ref _keptCount);
            kept.Close();
        }
    }

    /// <summary>Writes waiting at the same moment share one transaction and one commit (see <see cref="SqliteGroupCommit"/>).</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Seeding is { } scope ? scope.WriteAsync(write, cancellationToken) : _groupCommit.WriteAsync(write, cancellationToken);
    }

    public DbConnection Open() => Seeding?.Connection ?? OpenConfigured(keepsStatements: false);

    private WriterGatedConnection OpenConfigured(bool keepsStatements)
    {
        var connection = new WriterGatedConnection(_connectionString, _writer, keepsStatements);
        try
        {
            connection.Open();
            if (Unconfigured(connection) is { } pragmas)
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = pragmas;
                pragma.ExecuteNonQuery();
                Configured(connection, pragmas);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

public sealed class SqlServerConnectionFactory(string connectionString) : IDbConnectionFactory
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public SqlDialect Dialect => SqlDialect.SqlServer;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbConnection Open()
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
