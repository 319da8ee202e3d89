using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

/// <summary>
/// Acknowledgement counts in the database, so every node sees the same numbers. One write takes from every counter
/// (<see cref="WindowedCounts.TakeEachAsync"/>), and a full counter undoes what the others took.
/// </summary>
public sealed class AcknowledgementCounterStore(IDbConnectionFactory connections) : IAcknowledgementCounters
{
    private static readonly WindowedCounts Counts = new("AcknowledgementCounts", "CounterKey");

    public async Task<AcknowledgementCounter?> TakeAsync(IReadOnlyList<AcknowledgementCounter> counters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var full = await Counts.TakeEachAsync(connections, counters.Select(c => (c.Key, c.WindowStartUtc, c.Limit)).ToList(), cancellationToken);
        return full < 0 ? null : counters[full];
    }
}
