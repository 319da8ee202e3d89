using System.Linq.Expressions;
using Hangfire;
using Hangfire.Storage;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Jobs;

/// <summary>
/// The one table of recurring background jobs. Each row names a plain class with one public method; only
/// this file knows Hangfire. Registering removes jobs no longer listed, so a renamed or retired job stops
/// running on every node that shares the job storage.
/// </summary>
public sealed class RecurringJobs(IRecurringJobManager manager, JobStorage storage)
{
    private static readonly RecurringJobOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };

    /// <summary>Id, schedule (cron, UTC) and the call; later capabilities add their rows here.</summary>
    public static IReadOnlyList<RecurringJobDefinition> Table { get; } =
    [
        RecurringJobDefinition.For<CloseResolvedTickets>("tickets:close-resolved", "17 * * * *", job => job.RunAsync(CancellationToken.None)),
        RecurringJobDefinition.For<ForgetRequestKeys, int>("tickets:forget-request-keys", "43 * * * *", job => job.RunAsync(CancellationToken.None)),

        // Pulls happen at once when capacity frees; this catches what those missed (a crash, a changed setting).
        RecurringJobDefinition.For<PullFromQueues, int>("routing:pull-queues", "*/2 * * * *", job => job.FillAllAsync(CancellationToken.None)),
        RecurringJobDefinition.For<SlaMonitor, SlaMonitorResult>("sla:monitor", "* * * * *", job => job.CheckAsync(CancellationToken.None)),

        // An offer past its expiry is refused at once whatever this job has done; the job marks it and tells the engineer.
        RecurringJobDefinition.For<OfferExpiry, int>("offers:expire", "*/15 * * * *", job => job.RunAsync(CancellationToken.None)),

        // Only the cells the change log names since the last run; the full rebuild is on demand (EnqueueRebuild).
        RecurringJobDefinition.For<MetricsRollup, RollupResult>("economics:rollup", "*/5 * * * *", job => job.RunIncrementalAsync(CancellationToken.None)),
        .. Hosting.MailHosting.Jobs,
        .. Hosting.WebhookHosting.Jobs,
    ];

    /// <summary>Queues a full rebuild of the economics facts to run once, as the admin page asks; returns the job's id.</summary>
    public static string EnqueueRebuild(IBackgroundJobClient jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return jobs.Enqueue<MetricsRollup>(rollup => rollup.RebuildWhenFreeAsync(CancellationToken.None));
    }

    /// <summary>Queues one incremental rollup to run as soon as a worker is free, as start-up does after seeding the demo.</summary>
    public static string EnqueueFirstRollup(IBackgroundJobClient jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return jobs.Enqueue<MetricsRollup>(rollup => rollup.RunIncrementalAsync(CancellationToken.None));
    }

    /// <summary>
    /// Whether a full rebuild waits in a queue or is being processed, so that the admin page does not queue a second;
    /// the rebuild's own progress row only exists once it has started.
    /// </summary>
    public static bool IsRebuildPending(JobStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var monitor = storage.GetMonitoringApi();
        static bool IsRebuild(Hangfire.Common.Job? job) =>
            job?.Type == typeof(MetricsRollup) && job.Method.Name is nameof(MetricsRollup.RebuildWhenFreeAsync) or nameof(MetricsRollup.RebuildAsync);

        const int Look = 500;
        return monitor.ProcessingJobs(0, Look).Any(j => IsRebuild(j.Value?.Job))
            || monitor.Queues().Any(q => monitor.EnqueuedJobs(q.Name, 0, Look).Any(j => IsRebuild(j.Value?.Job)));
    }

    public void Register()
    {
        foreach (var job in Table)
        {
            job.AddOrUpdate(manager, Utc);
        }

        using var connection = storage.GetConnection();
        var listed = Table.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var existing in connection.GetRecurringJobs().Where(j => !listed.Contains(j.Id)))
        {
            manager.RemoveIfExists(existing.Id);
        }
    }
}

public sealed record RecurringJobDefinition(string Id, string Cron, Action<IRecurringJobManager, RecurringJobOptions> AddOrUpdate)
{
    /// <summary>A job that resolves <typeparamref name="TJob"/> from the container and calls one method on it.</summary>
    public static RecurringJobDefinition For<TJob>(string id, string cron, Expression<Func<TJob, Task>> call) =>
        new(id, cron, (manager, options) => manager.AddOrUpdate(id, call, cron, options));

    /// <summary>
    /// The same for a method that returns a result (Hangfire keeps it with the job's history). The call is re-typed
    /// as returning <see cref="Task"/> without a conversion node, since Hangfire wants the method call itself.
    /// </summary>
    public static RecurringJobDefinition For<TJob, TResult>(string id, string cron, Expression<Func<TJob, Task<TResult>>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return For(id, cron, Expression.Lambda<Func<TJob, Task>>(call.Body, call.Parameters));
    }
}
