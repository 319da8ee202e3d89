using System.Data.Common;
using Dapper;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

/// <summary>
/// Counts per key and clock-aligned window in one table, taken with a conditional UPDATE (<c>Taken &lt; @Limit</c>):
/// the row lock makes concurrent takers queue, and each re-reads Taken. The acknowledgement budget and the sender
/// throttle keep their counts this way (see <see cref="MailAllowanceRows"/>).
/// </summary>
internal sealed class WindowedCounts(string table, string keyColumn)
{
    private readonly string _startSql = $"""
        INSERT INTO {table} ({keyColumn}, WindowStartUtc, Taken)
        SELECT @Key, @WindowStartUtc, 0
        WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {keyColumn} = @Key AND WindowStartUtc = @WindowStartUtc)
        """;

    private readonly string _takeSql = $"""
        UPDATE {table} SET Taken = Taken + 1
        WHERE {keyColumn} = @Key AND WindowStartUtc = @WindowStartUtc AND Taken < @Limit
        """;

    private readonly string _forgetSql = $"DELETE FROM {table} WHERE WindowStartUtc < @WindowStartUtc";

    /// <summary>Starts the key's window when it has no row yet, then takes one unless the count is at the limit.</summary>
    /// <returns>Whether this call started the window, and whether it took one.</returns>
    private async Task<(bool Started, bool Taken)> TakeAsync(
        DbConnection connection, DbTransaction transaction, string key, DateTime windowStartUtc, int limit, CancellationToken cancellationToken)
    {
        var counter = new { Key = key, WindowStartUtc = windowStartUtc, Limit = limit };
        var started = false;
        try
        {
            started = await connection.ExecuteAsync(new CommandDefinition(_startSql, counter, transaction, cancellationToken: cancellationToken)) == 1;
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another taker started the same window a moment ago; neither engine ends the transaction for this.
        }

        var taken = await connection.ExecuteAsync(new CommandDefinition(_takeSql, counter, transaction, cancellationToken: cancellationToken)) == 1;
        return (started, taken);
    }

    /// <summary>
    /// Takes one from each counter in the caller's transaction, in order, and stops at the first that is full. What was
    /// taken before it stays taken in the transaction: the caller undoes the write when a counter was full. A window
    /// started here drops the rows of the windows before it.
    /// </summary>
    /// <returns>The index of the first counter that was full, or -1 when one was taken from each.</returns>
    public async Task<int> TakeEachAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(string Key, DateTime WindowStartUtc, int Limit)> counters, CancellationToken cancellationToken)
    {
        var started = false;
        for (var i = 0; i < counters.Count; i++)
        {
            var (key, windowStartUtc, limit) = counters[i];
            var take = await TakeAsync(connection, transaction, key, windowStartUtc, limit, cancellationToken);
            started |= take.Started;
            if (!take.Taken)
            {
                return i;
            }
        }

        if (started)
        {
            // The rows of the windows before this one are not needed any more.
            await connection.ExecuteAsync(new CommandDefinition(
                _forgetSql, new { counters[0].WindowStartUtc }, transaction, cancellationToken: cancellationToken));
        }

        return -1;
    }
}
