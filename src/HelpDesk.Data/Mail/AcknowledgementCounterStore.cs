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

        // Through the writer, which may commit it with other writes; a full counter throws, which undoes this write
        // alone, what the other counters took included.
        try
        {
            await connections.WriteAsync(
                async (connection, transaction, ct) =>
                {
                    var started = false;
                    foreach (var counter in counters)
                    {
                        var take = await Counts.TakeAsync(connection, transaction, counter.Key, counter.WindowStartUtc, counter.Limit, ct);
                        started |= take.Started;
                        if (!take.Taken)
                        {
                            throw new CounterFullException(counter);
                        }
                    }

                    if (started)
                    {
                        await Counts.ForgetBeforeAsync(connection, transaction, counters[0].WindowStartUtc, ct);
                    }

                    return true;
                },
                cancellationToken);
            return null;
        }
        catch (CounterFullException full)
        {
            return full.Counter;
        }
    }

    private sealed class CounterFullException(AcknowledgementCounter counter) : Exception
    {
        public AcknowledgementCounter Counter { get; } = counter;
    }
}
