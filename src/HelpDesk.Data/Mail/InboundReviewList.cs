using System.Text;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

/// <summary>
/// The held and quarantined lists a page at a time. A page walks <c>IX_InboundMessages_Review</c> (Status, Id, and
/// the kind, sender and reason the filters test) from its key in id order and stops once the page is full, then reads
/// the rows of those ids only; the cost of a page does not grow with the list. Counting reads the same index once
/// over the status, never a message's row.
/// </summary>
public sealed class InboundReviewList(IDbConnectionFactory connections) : IInboundReviewList
{
    // A held reason starts with its hold kind; a bounce that was held (not one of ours) is told apart by its kind.
    internal const string HeldReason = """
        CASE
            WHEN Kind = 'Bounce' OR Reason LIKE 'bounce%' THEN 'bounce'
            WHEN Reason LIKE 'robot%' THEN 'robot'
            WHEN Reason LIKE 'throttled%' THEN 'throttled'
            WHEN Reason LIKE 'not-participant%' THEN 'not-participant'
            WHEN Reason LIKE 'unverified%' THEN 'unverified'
            ELSE 'other'
        END
        """;

    // The intake's own words for the two failures it names; anything else is a message that could not be read.
    internal const string QuarantineReason = """
        CASE
            WHEN Reason LIKE 'The message is %, over the limit of %' THEN 'too-large'
            WHEN Reason LIKE 'A ticket could not be made:%' THEN 'no-ticket'
            ELSE 'unreadable'
        END
        """;

    private const int MaxTake = 500;

    public async Task<ReviewPage> PageAsync(ReviewQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var take = Math.Clamp(query.Take, 1, MaxTake);
        var filter = Filter.For(query.Status, query.Reason, query.Sender);
        var newestFirst = query.After is null;
        var edge = query.After ?? query.Before;
        if (edge is int key)
        {
            filter.Add(newestFirst ? "Id < @Edge" : "Id > @Edge", "Edge", key);
        }

        // The page's ids come from the review index alone; only the rows of those ids are read.
        var order = newestFirst ? "DESC" : "ASC";
        var sql = $"""
            {InboundMailStore.SelectEntry}
            WHERE Id IN (
                SELECT Id FROM InboundMessages
                WHERE {filter.Sql}
                ORDER BY Id {order}
                {connections.Dialect.TopClause})
            ORDER BY Id {order}
            """;
        filter.Parameters.Add("Take", take + 1);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<InboundMessageEntry>(new CommandDefinition(sql, filter.Parameters, cancellationToken: cancellationToken))).AsList();
        var more = rows.Count > take;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (!newestFirst)
        {
            rows.Reverse();
        }

        int? newerAfter;
        int? olderBefore;
        if (newestFirst)
        {
            olderBefore = more ? rows[^1].Id : null;
            var newest = rows.Count > 0 ? rows[0].Id : query.Before - 1;
            newerAfter = newest is int after && query.Before is not null && await AnyAsync(connection, query, "Id > @Edge", after, cancellationToken) ? after : null;
        }
        else
        {
            newerAfter = more ? rows[0].Id : null;
            var oldest = rows.Count > 0 ? rows[^1].Id : query.After + 1;
            olderBefore = oldest is int before && await AnyAsync(connection, query, "Id < @Edge", before, cancellationToken) ? before : null;
        }

        return new ReviewPage(rows, newerAfter, olderBefore);
    }

    public async Task<ReviewCounts> CountAsync(InboundStatus status, string? sender, CancellationToken cancellationToken = default)
    {
        var filter = Filter.For(status, reason: null, sender);
        var reason = ReasonOf(status);
        var sql = $"""
            SELECT {reason} AS Reason, COUNT(*) AS Messages
            FROM InboundMessages
            WHERE {filter.Sql}
            GROUP BY {reason}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Reason, int Messages)>(new CommandDefinition(sql, filter.Parameters, cancellationToken: cancellationToken));
        return new ReviewCounts(rows.ToDictionary(r => r.Reason, r => r.Messages, StringComparer.Ordinal));
    }

    internal static string ReasonOf(InboundStatus status) => status switch
    {
        InboundStatus.Held => HeldReason,
        InboundStatus.Quarantined => QuarantineReason,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only held and quarantined mail is reviewed."),
    };

    // Whether a message matching the query's filters lies beyond the edge, for the link that way.
    private async Task<bool> AnyAsync(System.Data.Common.DbConnection connection, ReviewQuery query, string beyond, int edge, CancellationToken cancellationToken)
    {
        var filter = Filter.For(query.Status, query.Reason, query.Sender);
        filter.Add(beyond, "Edge", edge);
        filter.Parameters.Add("Take", 1);
        var sql = $"""
            SELECT Id FROM InboundMessages
            WHERE {filter.Sql}
            ORDER BY Id
            {connections.Dialect.TopClause}
            """;
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(sql, filter.Parameters, cancellationToken: cancellationToken)) is not null;
    }

    /// <summary>The WHERE clauses of a list, each written beside its parameter.</summary>
    private sealed class Filter
    {
        private readonly List<string> _clauses = [];

        public DynamicParameters Parameters { get; } = new();

        public string Sql => string.Join(" AND ", _clauses);

        public static Filter For(InboundStatus status, string? reason, string? sender)
        {
            var filter = new Filter();
            filter.Add("Status = @Status", "Status", status.ToString());
            if (reason is not null)
            {
                filter.Add($"({ReasonOf(status)}) = @Reason", "Reason", reason);
            }

            if (!string.IsNullOrWhiteSpace(sender))
            {
                filter.Add(@"FromAddress LIKE @Sender ESCAPE '\'", "Sender", "%" + EscapeLike(sender.Trim()) + "%");
            }

            return filter;
        }

        public void Add(string clause, string name, object value)
        {
            _clauses.Add(clause);
            Parameters.Add(name, value);
        }

        // The user's text is matched as text: LIKE's wildcards (and SQL Server's [ ]) in it stand for themselves.
        private static string EscapeLike(string text)
        {
            var escaped = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                if (c is '\\' or '%' or '_' or '[')
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }

            return escaped.ToString();
        }
    }
}
