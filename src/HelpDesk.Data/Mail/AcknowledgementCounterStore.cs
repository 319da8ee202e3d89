using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

/// <summary>
/// Acknowledgement counts in the database, so every node sees the same numbers. One transaction takes from every
/// counter (<see cref="WindowedCounts"/>), and a full counter rolls back what the others took.
/// </summary>
public sealed class AcknowledgementCounterStore(IDbConnectionFactory connections) : IAcknowledgementCounters
{
    private static readonly WindowedCounts Counts = new("AcknowledgementCounts", "CounterKey");

    public async Task<AcknowledgementCounter?> TakeAsync(IReadOnlyList<AcknowledgementCounter> counters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counters);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var started = false;
        foreach (var counter in counters)
        {
            var take = await Counts.TakeAsync(connection, transaction, counter.Key, counter.WindowStartUtc, counter.Limit, cancellationToken);
            started |= take.Started;
            if (!take.Taken)
            {
                await transaction.RollbackAsync(cancellationToken);
                return counter;
            }
        }

        if (started)
        {
            await Counts.ForgetBeforeAsync(connection, transaction, counters[0].WindowStartUtc, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
