using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tickets;

/// <summary>
/// The ticket list query, assembled from fixed fragments by which filters are set; every value is a parameter.
/// Paging is by key (see <see cref="TicketCursor"/>), and each sort order has an index that serves it.
/// </summary>
internal static class TicketListSql
{
    private const string SelectSummary = """
        SELECT t.Id, t.Subject, t.Status, t.Severity, t.OrganisationId, o.Name AS OrganisationName,
               r.DisplayName AS RequesterName, t.AssigneeId, a.DisplayName AS AssigneeName, t.Product,
               COALESCE(t.OverrideVerdict, t.Verdict) AS Verdict, t.FirstResponseDueUtc, t.ResolveDueUtc,
               t.QueueDueUtc AS NextDueUtc, t.SlaState, t.SlaPausedUtc, t.Tier, t.Queue, t.CreatedUtc, t.UpdatedUtc,
               t.NeedsClassification, t.QueuedUtc
        FROM Tickets t
        JOIN Organisations o ON o.Id = t.OrganisationId
        JOIN Users r ON r.Id = t.RequesterId
        LEFT JOIN Users a ON a.Id = t.AssigneeId
        """;

    public static string Build(TicketQuery query, SqlDialect dialect)
    {
        var where = new List<string>();
        if (query.Scope.OrganisationId is not null)
        {
            where.Add("t.OrganisationId = @ScopeOrganisationId");
        }

        // Several statuses with no organisation to narrow by (the desk's "All open"): see ByStatus.
        var byStatus = query.Statuses.Count > 1 && query.Scope.OrganisationId is null && query.OrganisationId is null;
        if (query.Statuses.Count > 0 && !byStatus)
        {
            where.Add("t.Status IN @Statuses");
        }

        if (query.Severity is not null)
        {
            where.Add("t.Severity = @Severity");
        }

        if (query.OrganisationId is not null)
        {
            where.Add("t.OrganisationId = @OrganisationId");
        }

        if (!string.IsNullOrWhiteSpace(query.Product))
        {
            where.Add("t.Product = @Product");
        }

        // "Queue IS NOT NULL" as well lets both engines use the filtered index IX_Tickets_Queue with a parameter.
        if (!string.IsNullOrWhiteSpace(query.Queue))
        {
            where.Add("t.Queue = @Queue AND t.Queue IS NOT NULL");
        }

        if (query.UnassignedOnly)
        {
            where.Add("t.AssigneeId IS NULL");
        }
        else if (query.AssigneeId is not null)
        {
            where.Add("t.AssigneeId = @AssigneeId");
        }

        if (query.TriageOnly)
        {
            where.Add("(t.TriageReason IS NOT NULL OR t.NeedsClassification = 1) AND t.Status NOT IN ('Resolved', 'Closed')");
        }

        if (query.DuplicateOfId is not null)
        {
            where.Add("t.DuplicateOfId = @DuplicateOfId AND t.DuplicateOfId IS NOT NULL");
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Add(TicketNumber.TryParse(query.Text, out _) ? "t.Id = @TextId" : "t.Subject LIKE @TextPattern ESCAPE '\\'");
        }

        if (query.After is not null)
        {
            where.Add(query.Sort switch
            {
                TicketSort.Created => "(t.CreatedUtc < @AfterTime OR (t.CreatedUtc = @AfterTime AND t.Id < @AfterId))",
                TicketSort.Severity => "(t.Severity > @AfterSeverity OR (t.Severity = @AfterSeverity AND t.Id < @AfterId))",
                TicketSort.Due => """
                    (t.QueueDueUtc > @AfterTime OR (t.QueueDueUtc = @AfterTime AND (t.Severity > @AfterSeverity
                     OR (t.Severity = @AfterSeverity AND (t.CreatedUtc > @AfterCreated
                     OR (t.CreatedUtc = @AfterCreated AND t.Id > @AfterId))))))
                    """,
                _ => "(t.UpdatedUtc < @AfterTime OR (t.UpdatedUtc = @AfterTime AND t.Id < @AfterId))",
            });
        }

        var order = query.Sort switch
        {
            TicketSort.Created => "ORDER BY t.CreatedUtc DESC, t.Id DESC",
            TicketSort.Severity => "ORDER BY t.Severity, t.Id DESC",
            TicketSort.Due => "ORDER BY t.QueueDueUtc, t.Severity, t.CreatedUtc, t.Id",
            _ => "ORDER BY t.UpdatedUtc DESC, t.Id DESC",
        };

        if (byStatus)
        {
            return ByStatus(query, where, order, dialect);
        }

        var filter = where.Count == 0 ? "" : "WHERE " + string.Join("\n  AND ", where);
        return $"""
            {SelectSummary}
            {filter}
            {order}
            {dialect.TopClause}
            """;
    }

    // An index on (Status, sort key, Id) reads one status in order, but not several at once: with
    // "Status IN (...)" the engine reads every matching row and sorts them all, which at a million tickets
    // is tens of thousands of rows for one page. Instead each status gives its first page in index order,
    // and only those few rows are joined and sorted.
    private static string ByStatus(TicketQuery query, List<string> where, string order, SqlDialect dialect)
    {
        var pages = query.Statuses.Distinct().Select((_, i) => $"""
            SELECT Id FROM (
                SELECT t.Id FROM Tickets t
                WHERE {string.Join("\n  AND ", where.Prepend($"t.Status = @Status{i}"))}
                {order}
                {dialect.TopClause}
            ) s{i}
            """);
        return $"""
            {SelectSummary}
            WHERE t.Id IN (
            {string.Join("\nUNION ALL\n", pages)}
            )
            {order}
            {dialect.TopClause}
            """;
    }

    public static DynamicParameters Parameters(TicketQuery query)
    {
        var parameters = new DynamicParameters();
        parameters.Add("ScopeOrganisationId", query.Scope.OrganisationId);
        parameters.Add("Statuses", query.Statuses.Select(s => s.ToString()).ToList());
        foreach (var (status, i) in query.Statuses.Distinct().Select((status, i) => (status, i)))
        {
            parameters.Add($"Status{i}", status.ToString());
        }
        parameters.Add("Severity", (int?)query.Severity);
        parameters.Add("OrganisationId", query.OrganisationId);
        parameters.Add("Product", query.Product?.Trim());
        parameters.Add("AssigneeId", query.AssigneeId);
        parameters.Add("Queue", query.Queue?.Trim());
        parameters.Add("DuplicateOfId", query.DuplicateOfId);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            parameters.Add("TextId", TicketNumber.TryParse(text, out var id) ? id : 0);
            parameters.Add("TextPattern", LikePatterns.Containing(text));
        }

        if (query.After is { Sort: TicketSort.Due } due)
        {
            // The cursor says "no due time" as DateTime.MaxValue; the column says it with its own sentinel.
            parameters.Add("AfterTime", due.KeyTime >= TicketRoutingColumns.NoDueUtc ? TicketRoutingColumns.NoDueUtc : due.KeyTime);
            parameters.Add("AfterSeverity", (int)due.DueSeverity);
            parameters.Add("AfterCreated", due.DueCreatedUtc);
            parameters.Add("AfterId", due.Id);
        }
        else if (query.After is { } after)
        {
            parameters.Add("AfterTime", after.Sort == TicketSort.Severity ? null : after.KeyTime);
            parameters.Add("AfterSeverity", (int)after.Key);
            parameters.Add("AfterId", after.Id);
        }

        // One more than asked: if it comes back, there is a next page.
        parameters.Add("Take", query.Take + 1);
        return parameters;
    }
}
