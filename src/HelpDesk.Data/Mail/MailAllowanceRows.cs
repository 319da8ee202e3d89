using System.Data.Common;
using HelpDesk.Core.Mail;

namespace HelpDesk.Data.Mail;

/// <summary>
/// Takes a received message's <see cref="MailAllowance"/> in the transaction that makes it a ticket or a reply: the
/// sender's throttle first, then the acknowledgement counts. A full count throws, and the write around it is undone
/// with what was taken. Taken as the write's last statements, so the count rows that every acknowledged mail shares
/// are held, on SQL Server, only from there to the commit.
/// </summary>
internal static class MailAllowanceRows
{
    private static readonly WindowedCounts SenderCounts = new("SenderCounts", "SenderAddress");
    private static readonly WindowedCounts AcknowledgementCounts = new("AcknowledgementCounts", "CounterKey");

    public static async Task TakeAsync(DbConnection connection, DbTransaction transaction, MailAllowance? allowance, CancellationToken cancellationToken)
    {
        if (allowance is null)
        {
            return;
        }

        if (allowance.Sender is { } sender
            && await SenderCounts.TakeEachAsync(connection, transaction, [(sender.Address, sender.WindowStartUtc, sender.Limit)], cancellationToken) >= 0)
        {
            throw new SenderThrottledException(sender);
        }

        var counters = allowance.Acknowledgements;
        if (counters.Count > 0
            && await AcknowledgementCounts.TakeEachAsync(connection, transaction, counters.Select(c => (c.Key, c.WindowStartUtc, c.Limit)).ToList(), cancellationToken) is var full and >= 0)
        {
            throw new AcknowledgementBudgetUsedException(counters[full]);
        }
    }
}
