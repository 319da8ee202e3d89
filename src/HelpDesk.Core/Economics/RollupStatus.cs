using System.Globalization;

namespace HelpDesk.Core.Economics;

/// <summary>
/// Where the rollup stands, for the admin page: the changes logged and not yet rolled up, the watermark the
/// incremental run last moved, who holds the rollup's lease, and the latest full rebuild.
/// </summary>
public sealed record RollupStatus(
    int Backlog, DateTime? OldestChangeUtc, long WatermarkChangeId, DateTime? WatermarkUtc, RebuildProgress? Rebuild, DateTime? LeaseExpiresUtc)
{
    /// <summary>
    /// Changes are waiting and no rollup has ever moved the watermark: the facts do not show the history yet (just after
    /// the demo is seeded, until the rollup queued at start-up has run).
    /// </summary>
    public bool FirstRollupPending => WatermarkChangeId == 0 && Backlog > 0;

    /// <summary>A run (incremental or rebuild) holds the lease at <paramref name="nowUtc"/>.</summary>
    public bool LeaseHeld(DateTime nowUtc) => LeaseExpiresUtc is { } expires && expires > nowUtc;
}

/// <summary>Reads <see cref="RollupStatus"/>.</summary>
public interface IRollupStatusReader
{
    Task<RollupStatus> ReadAsync(CancellationToken cancellationToken = default);
}

/// <summary>Whether the admin's "Rebuild all facts" may queue a rebuild, and what to tell them.</summary>
public sealed record RebuildRequestDecision(bool MayQueue, string Message);

/// <summary>One full rebuild at a time: a press while one is queued or running queues nothing and says so.</summary>
public static class RebuildRequests
{
    /// <param name="queued">A rebuild waits in the job queue or is being picked up by a worker.</param>
    public static RebuildRequestDecision Decide(RollupStatus status, bool queued, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Rebuild is { State: RebuildState.Running } running)
        {
            if (status.LeaseHeld(nowUtc))
            {
                return new(false, $"A full rebuild is already running ({running.Done} of {running.Total} tickets, started {Moment(running.StartedUtc)}); nothing more was queued.");
            }

            if (!queued)
            {
                return new(true, $"The rebuild started {Moment(running.StartedUtc)} stopped without finishing (its lease has expired); a new full rebuild is queued.");
            }
        }

        return queued
            ? new(false, "A full rebuild is already queued and starts as soon as a background worker is free; nothing more was queued.")
            : new(true, "A full rebuild of the facts is queued. The figures stay readable while it runs.");
    }

    public static string Moment(DateTime utc) => utc.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
