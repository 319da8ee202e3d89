using HelpDesk.Core.Mail;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpDesk.Web.Mail;

/// <summary>
/// How mail is doing: mailboxes that keep failing and outbound mail that failed for good. The banner on the admin
/// and desk pages reads it on every page, so the answer is kept for 30 seconds.
/// </summary>
public sealed class MailHealth(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private volatile Cached? _last;

    public async Task<MailHealthReport> ReadAsync(CancellationToken cancellationToken = default)
    {
        // Two requests arriving together may both read; that costs two small queries and is simpler than a lock.
        var now = clock.GetUtcNow();
        if (_last is { } cached && now - cached.At < CacheFor)
        {
            return cached.Report;
        }

        var report = await ReadNowAsync(cancellationToken);
        _last = new Cached(report, now);
        return report;
    }

    /// <summary>Reads again at once: after an administrator changed a mailbox or retried mail.</summary>
    public void Forget() => _last = null;

    private async Task<MailHealthReport> ReadNowAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mailboxes = await scope.ServiceProvider.GetRequiredService<IMailboxStore>().ListAsync(cancellationToken);
        var counts = await scope.ServiceProvider.GetRequiredService<IOutbox>().CountAsync(cancellationToken);
        return new MailHealthReport([.. mailboxes.Where(m => m.IsDegraded)], counts.Failed);
    }

    private sealed record Cached(MailHealthReport Report, DateTimeOffset At);
}

public sealed record MailHealthReport(IReadOnlyList<Mailbox> DegradedMailboxes, int FailedOutbound)
{
    public bool Degraded => DegradedMailboxes.Count > 0 || FailedOutbound > 0;

    public string Describe()
    {
        var parts = DegradedMailboxes
            .Select(m => $"mailbox {m.Name} failed {m.ConsecutiveFailures} polls in a row: {m.LastError ?? "no error recorded"}")
            .ToList();
        if (FailedOutbound > 0)
        {
            parts.Add($"{FailedOutbound} outgoing message(s) failed for good");
        }

        return parts.Count == 0 ? "mailboxes polling, outbox sending" : string.Join("; ", parts);
    }
}

/// <summary><c>/health</c>'s "mail" entry: Degraded (not Unhealthy) since the web app still serves while mail is stuck.</summary>
public sealed class MailHealthCheck(MailHealth health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await health.ReadAsync(cancellationToken);
        return report.Degraded ? HealthCheckResult.Degraded(report.Describe()) : HealthCheckResult.Healthy(report.Describe());
    }
}
