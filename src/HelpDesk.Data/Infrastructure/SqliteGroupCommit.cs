using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// Writes that arrive while another is being written go into one SQLite transaction together (a group commit): the
/// first writer opens it, runs every write waiting at that moment one after the other, each inside a SAVEPOINT of its
/// own, and commits once. A write that fails is rolled back to its savepoint and fails only its own caller; the others
/// commit. Each caller is answered only after the COMMIT that holds its write, so an answer never reports a write that a
/// crash could still take back beyond what WAL with synchronous NORMAL allows (see docs/operations.md).
/// A caller that gives up while its write is still waiting is answered with a cancellation and its write is not run;
/// once its write has begun it runs to the commit, and the caller is answered with the result.
/// The writer keeps its connection from one group to the next, and with it the statements SQLite compiled for the
/// writes (see <see cref="SqliteStatementCache"/>); a group that fails closes it and the next opens another.
/// A group takes about half of the writes in flight (<see cref="GroupLimit"/>), so that while it is written the callers
/// of the group before prepare their next writes, and the writer goes from one group to the next without waiting.
/// While callers overlap, a group that would hold a single write waits a moment for a second (<see cref="FillWait"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim's wait handle is never created.")]
internal sealed class SqliteGroupCommit(Func<DbConnection?, Task<DbConnection>> writer, TimeSpan? fillWait = null)
{
    /// <summary>At most this many writes share a transaction, so the first of a long queue is not kept waiting for the rest.</summary>
    internal const int MaxGroup = 64;

    /// <summary>
    /// How long the writer waits for a second write of a group, unless told otherwise, while callers overlap (<see cref="OverlapMemory"/>).
    /// Each commit writes every page its writes changed, and a filing changes a page of each of the tickets' indexes: a
    /// filing alone commits about 59 pages of the log, two together about 67, four about 90. Callers spread out in time
    /// would otherwise each have their write committed alone, the writer's core would go to writing the log, and the
    /// callers, left too little of the machine to bunch up again, would stay spread out.
    /// </summary>
    internal static readonly TimeSpan FillWait = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// How long after a write arrived while another was still unanswered the callers count as overlapping. A caller
    /// alone never overlaps itself, and its writes are never kept waiting.
    /// </summary>
    internal static readonly TimeSpan OverlapMemory = TimeSpan.FromMilliseconds(100);

    private readonly TimeSpan _fillWait = fillWait ?? FillWait;
    private readonly ConcurrentQueue<IPendingWrite> _waiting = new();
    private int _writing;

    // Released by the caller whose write arrives while the writer waits for one.
    private readonly SemaphoreSlim _arrived = new(0);
    private int _awaitingArrival;

    // Writes queued or being written and not yet answered, and when one last arrived while another was.
    private int _unanswered;
    private long _lastOverlap = Stopwatch.GetTimestamp() - Stopwatch.Frequency;

    // Used only by the one task that drains the queue at a time.
    private DbConnection? _connection;
    private int _previousGroup;

    /// <summary>
    /// How many of the <paramref name="waiting"/> writes a group takes, when the group before took
    /// <paramref name="previous"/>: half of the two together, the writes in flight as far as the writer can tell. Taking
    /// every waiting write instead locks the callers into step: all of them wait for one group, are answered together,
    /// and prepare their next writes together while the writer has nothing to do, and the first of them back is
    /// written alone. Taking half splits them into two groups that take turns, one written while the other prepares.
    /// </summary>
    internal static int GroupLimit(int waiting, int previous) => Math.Clamp((waiting + previous + 1) / 2, 1, MaxGroup);

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(write);
        using var registration = cancellationToken.Register(static state => ((IPendingWrite)state!).TryCancel(), pending);
        if (Interlocked.Increment(ref _unanswered) > 1)
        {
            Volatile.Write(ref _lastOverlap, Stopwatch.GetTimestamp());
        }

        _waiting.Enqueue(pending);
        if (Volatile.Read(ref _awaitingArrival) == 1 && Interlocked.Exchange(ref _awaitingArrival, 0) == 1)
        {
            _arrived.Release();
        }

        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            // This caller writes the groups until nobody waits; the others are answered by it.
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        try
        {
            return await pending.Answered.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _unanswered);
        }
    }

    private bool Overlapping => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastOverlap)) < OverlapMemory;

    private async Task DrainAsync()
    {
        while (true)
        {
            // While callers overlap, the writer waits a moment for the next write before it stops, and for a second
            // write before it writes a group of one.
            while (!_waiting.IsEmpty || (Overlapping && await QueuedAsync(1).ConfigureAwait(false)))
            {
                if (_waiting.Count < 2 && Overlapping)
                {
                    await QueuedAsync(2).ConfigureAwait(false);
                }

                await WriteGroupAsync().ConfigureAwait(false);
            }

            Volatile.Write(ref _writing, 0);

            // A caller that queued after the queue was found empty but before the flag was cleared started nobody.
            if (_waiting.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> writes are queued, or the fill wait has passed; true when they are.</summary>
    private async Task<bool> QueuedAsync(int count)
    {
        Volatile.Write(ref _awaitingArrival, 1);
        var released = _waiting.Count < count && await _arrived.WaitAsync(_fillWait).ConfigureAwait(false);

        // The one caller that cleared the flag releases once: if this wait did not take that release, it is taken
        // now (the caller gives it at once), so that the next wait waits.
        if (Interlocked.Exchange(ref _awaitingArrival, 0) == 0 && !released)
        {
            await _arrived.WaitAsync().ConfigureAwait(false);
        }

        return _waiting.Count >= count;
    }

    private async Task WriteGroupAsync()
    {
        var group = new List<IPendingWrite>(MaxGroup);
        try
        {
            var connection = _connection = await writer(_connection).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);

            // Counted once the writers' turn is taken: the writes that queued while it was awaited are waiting too.
            var limit = GroupLimit(_waiting.Count, _previousGroup);
            while (group.Count < limit && _waiting.TryDequeue(out var pending))
            {
                if (!pending.TryStart())
                {
                    continue;
                }

                group.Add(pending);

                // Savepoints on kept statements (see SqliteRowStatement); DbTransaction.SaveAsync and its kin compile
                // theirs anew each time.
                await SqliteRowStatement.ExecuteAsync(connection, transaction, "SAVEPOINT w", SqliteRowStatement.NoValues, CancellationToken.None).ConfigureAwait(false);
                if (!await pending.RunAsync(connection, transaction).ConfigureAwait(false))
                {
                    // Only this write is undone. Should the transaction itself be gone (SQLite rolls it back on a few
                    // errors, such as a full disk), the rollback to the savepoint throws and the whole group fails.
                    await SqliteRowStatement.ExecuteAsync(connection, transaction, "ROLLBACK TO w", SqliteRowStatement.NoValues, CancellationToken.None).ConfigureAwait(false);
                }

                await SqliteRowStatement.ExecuteAsync(connection, transaction, "RELEASE w", SqliteRowStatement.NoValues, CancellationToken.None).ConfigureAwait(false);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            _previousGroup = group.Count;
        }
        catch (Exception ex)
        {
            if (_connection is { } broken)
            {
                _connection = null;
                await broken.DisposeAsync().ConfigureAwait(false);
            }

            // When no transaction could begin, the waiting writes fail rather than wait for a database that is not there.
            while (group.Count == 0 && _waiting.TryDequeue(out var waiting))
            {
                if (waiting.TryStart())
                {
                    group.Add(waiting);
                }
            }

            foreach (var pending in group)
            {
                pending.Answer(ex);
            }

            return;
        }

        // A write that failed is answered after the commit too: a caller that then reads what made it fail (the
        // ticket another request filed under the same key, the incident another ticket took) finds it committed.
        foreach (var pending in group)
        {
            pending.Answer(null);
        }
    }

    private interface IPendingWrite
    {
        /// <summary>False when the caller gave up first: the write is not run.</summary>
        bool TryStart();

        void TryCancel();

        /// <summary>Runs the write; false when it threw (its exception is kept for the answer).</summary>
        Task<bool> RunAsync(DbConnection connection, DbTransaction transaction);

        /// <summary>Answers the caller: with the write's own failure if it had one, else the group's, else the result.</summary>
        void Answer(Exception? groupFailure);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> write) : IPendingWrite
    {
        private const int Waiting = 0, Started = 1, Cancelled = 2;

        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _state;
        private T? _result;
        private Exception? _failure;

        public Task<T> Answered => _answer.Task;

        public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Waiting) == Waiting;

        public void TryCancel()
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
            {
                _answer.TrySetCanceled();
            }
        }

        public async Task<bool> RunAsync(DbConnection connection, DbTransaction transaction)
        {
            try
            {
                _result = await write(connection, transaction, CancellationToken.None).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex)
            {
                _failure = ex;
                return false;
            }
        }

        public void Answer(Exception? groupFailure)
        {
            if ((_failure ?? groupFailure) is { } failure)
            {
                _answer.TrySetException(failure);
            }
            else
            {
                _answer.TrySetResult(_result!);
            }
        }
    }
}
