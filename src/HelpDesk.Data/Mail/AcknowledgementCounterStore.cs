using System.Data.Common;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

/// <summary>
/// Acknowledgement counts in the database, so every node sees the same numbers. One transaction takes from every
/// counter with a conditional UPDATE (<c>Taken &lt; @Limit</c>): the row lock makes concurrent takers queue, and a full
/// counter rolls back what the others took.
/// </summary>
public sealed class AcknowledgementCounterStore(IDbConnectionFactory connections) : IAcknowledgementCounters
{
    public async Task<AcknowledgementCounter?> TakeAsync(IReadOnlyList<AcknowledgementCounter> counters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counters);
        const string startSql = """
            INSERT INTO AcknowledgementCounts (CounterKey, WindowStartUtc, Taken)
            SELECT @Key, @WindowStartUtc, 0
            WHERE NOT EXISTS (SELECT 1 FROM AcknowledgementCounts WHERE CounterKey = @Key AND WindowStartUtc = @WindowStartUtc)
            """;
        const string takeSql = """
            UPDATE AcknowledgementCounts SET Taken = Taken + 1
            WHERE CounterKey = @Key AND WindowStartUtc = @WindowStartUtc AND Taken < @Limit
            """;
        const string forgetSql = """
            DELETE FROM AcknowledgementCounts WHERE WindowStartUtc < @WindowStartUtc
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var started = false;
        foreach (var counter in counters)
        {
            try
            {
                started |= await connection.ExecuteAsync(new CommandDefinition(startSql, counter, transaction, cancellationToken: cancellationToken)) == 1;
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Another intake started the same counter a moment ago; neither engine ends the transaction for this.
            }

            if (await connection.ExecuteAsync(new CommandDefinition(takeSql, counter, transaction, cancellationToken: cancellationToken)) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return counter;
            }
        }

        if (started)
        {
            await connection.ExecuteAsync(new CommandDefinition(forgetSql, new { counters[0].WindowStartUtc }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
