using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tickets;

/// <summary>
/// The ticket list query, assembled from fixed fragments by which filters are set; every value is a parameter, added
/// beside the filter that uses it. Every list is read in the order of an index (migration 0023) and paged by key (see
/// <see cref="TicketCursor"/>), so the first page and the thousandth cost the same and no list sorts its matches: the
/// most selective filter with an index leads (<see cref="Lead"/>), the others are checked on the rows the index gives.
/// </summary>
internal static class TicketListSql
{
    private const string Select = """
        SELECT t.Id AS Id, t.Subject, t.Status, t.Severity AS Severity, t.OrganisationId, o.Name AS OrganisationName,
               r.DisplayName AS RequesterName, t.AssigneeId, a.DisplayName AS AssigneeName, t.Product,
               COALESCE(t.OverrideVerdict, t.Verdict) AS Verdict, t.FirstResponseDueUtc, t.ResolveDueUtc,
               t.QueueDueUtc AS NextDueUtc, t.SlaState, t.SlaPausedUtc, t.Tier, t.Queue, t.CreatedUtc AS CreatedUtc,
               t.UpdatedUtc AS UpdatedUtc, t.NeedsClassification, t.QueuedUtc
        """;

    private const string Joins = """
        JOIN Organisations o ON o.Id = t.OrganisationId
        JOIN Users r ON r.Id = t.RequesterId
        LEFT JOIN Users a ON a.Id = t.AssigneeId
        """;

    // Written as the filtered indexes of open tickets are (SQLite uses one only for the same terms).
    private const string Open = "t.Status <> 'Resolved' AND t.Status <> 'Closed'";

    /// <summary>The command, or null when the search has no word to look for and so matches nothing.</summary>
    public static CommandDefinition? Build(TicketQuery query, SqlDialect dialect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new SqlWhere();
        where.Add("t.OrganisationId = @ScopeOrganisationId", "ScopeOrganisationId", query.Scope.OrganisationId, when: query.Scope.OrganisationId is not null);
        where.Add("t.OrganisationId = @OrganisationId", "OrganisationId", query.OrganisationId, when: query.OrganisationId is not null);
        where.Add("t.Severity = @Severity", "Severity", (int?)query.Severity, when: query.Severity is not null);
        where.Add("t.Product = @Product", "Product", query.Product?.Trim(), when: !string.IsNullOrWhiteSpace(query.Product));

        // "Queue IS NOT NULL" as well lets both engines use the filtered queue indexes with a parameter.
        where.Add("t.Queue = @Queue AND t.Queue IS NOT NULL", "Queue", query.Queue?.Trim(), when: !string.IsNullOrWhiteSpace(query.Queue));
        if (query.UnassignedOnly)
        {
            where.Add("t.AssigneeId IS NULL");
        }
        else
        {
            where.Add("t.AssigneeId = @AssigneeId", "AssigneeId", query.AssigneeId, when: query.AssigneeId is not null);
        }

        where.Add("t.DuplicateOfId = @DuplicateOfId AND t.DuplicateOfId IS NOT NULL", "DuplicateOfId", query.DuplicateOfId, when: query.DuplicateOfId is not null);

        var number = 0;
        if (!string.IsNullOrWhiteSpace(query.Text) && !TicketNumber.TryParse(query.Text, out number))
        {
            var words = SearchWords.Of(query.Text);
            if (words.Count == 0)
            {
                return null;
            }

            var withNotes = query.Scope.IncludeInternal;
            where.Add($"t.Id IN {dialect.TicketSearchIds("Search", withNotes)}", "Search", dialect.TicketSearchQuery(words, withNotes));
        }

        where.Add("t.Id = @TextId", "TextId", number, when: number > 0);
        AddAfter(where, query);
        where.Parameters.Add("Take", query.Take + 1);

        var lead = Lead.Of(query, number > 0);
        var statuses = query.Statuses.Distinct().Select(s => s.ToString()).ToList();
        if (statuses.Count > 0 && lead.Kind != LeadKind.Status)
        {
            where.Add("t.Status IN @Statuses", "Statuses", statuses);
        }

        var arms = lead.Arms(query.Sort, statuses, where.Parameters);
        var sql = arms.Count == 1
            ? $"""
              {Select}
              FROM Tickets t {ReadThrough(arms[0].Index, dialect)}
              {Joins}
              WHERE {string.Join("\n  AND ", where.Clauses.Concat(arms[0].Clauses).DefaultIfEmpty("1 = 1"))}
              ORDER BY {OrderOf(query.Sort, "t.", "t.QueueDueUtc")}
              {dialect.TopClause}
              """
            : $"""
              {string.Join("\nUNION ALL\n", arms.Select(arm => $"""
                  {Select}
                  FROM Tickets t {ReadThrough(arm.Index, dialect)}
                  {Joins}
                  WHERE {string.Join("\n  AND ", where.Clauses.Concat(arm.Clauses))}
                  """))}
              ORDER BY {OrderOf(query.Sort, "", "NextDueUtc")}
              {dialect.TopClause}
              """;
        return new CommandDefinition(sql, where.Parameters, cancellationToken: cancellationToken);
    }

    // With several arms each is read in the list's order and the engine merges them (SQLite: MERGE (UNION ALL)); the
    // compound's ORDER BY names the output columns, which the select list names with AS for it.
    private static string OrderOf(TicketSort sort, string alias, string due) => sort switch
    {
        TicketSort.Created => $"{alias}CreatedUtc DESC, {alias}Id DESC",
        TicketSort.Severity => $"{alias}Severity, {alias}Id DESC",
        TicketSort.Due => $"{due}, {alias}Severity, {alias}CreatedUtc, {alias}Id",
        _ => $"{alias}UpdatedUtc DESC, {alias}Id DESC",
    };

    private static string ReadThrough(string? index, SqlDialect dialect) => index is null ? "" : dialect.ReadThrough(index);

    // The first column of the sort key bounds the range as well as the exact comparison, so the index is entered at
    // the previous page's last row instead of read from its start.
    private static void AddAfter(SqlWhere where, TicketQuery query)
    {
        switch (query.After)
        {
            case null:
                return;
            case { Sort: TicketSort.Due } due:
                where.Add("""
                    t.QueueDueUtc >= @AfterTime AND (t.QueueDueUtc > @AfterTime OR (t.QueueDueUtc = @AfterTime AND (t.Severity > @AfterSeverity
                     OR (t.Severity = @AfterSeverity AND (t.CreatedUtc > @AfterCreated
                     OR (t.CreatedUtc = @AfterCreated AND t.Id > @AfterId))))))
                    """);

                // The cursor says "no due time" as DateTime.MaxValue; the column says it with its own sentinel.
                where.Parameters.Add("AfterTime", due.KeyTime >= TicketRoutingColumns.NoDueUtc ? TicketRoutingColumns.NoDueUtc : due.KeyTime);
                where.Parameters.Add("AfterSeverity", (int)due.DueSeverity);
                where.Parameters.Add("AfterCreated", due.DueCreatedUtc);
                where.Parameters.Add("AfterId", due.Id);
                return;
            case { Sort: TicketSort.Severity } severity:
                where.Add("t.Severity >= @AfterSeverity AND (t.Severity > @AfterSeverity OR (t.Severity = @AfterSeverity AND t.Id < @AfterId))");
                where.Parameters.Add("AfterSeverity", (int)severity.Key);
                where.Parameters.Add("AfterId", severity.Id);
                return;
            case var after:
                var column = after.Sort == TicketSort.Created ? "t.CreatedUtc" : "t.UpdatedUtc";
                where.Add($"{column} <= @AfterTime AND ({column} < @AfterTime OR ({column} = @AfterTime AND t.Id < @AfterId))");
                where.Parameters.Add("AfterTime", after.KeyTime);
                where.Parameters.Add("AfterId", after.Id);
                return;
        }
    }

    internal enum LeadKind
    {
        None,
        Number,
        DuplicateOf,
        Organisation,
        Assignee,
        AssigneeOpen,
        Queue,
        Triage,
        Status,
    }

    /// <summary>One SELECT of the list: the index it reads and the filters only it has.</summary>
    private sealed record Arm(string? Index, IReadOnlyList<string> Clauses);

    /// <summary>
    /// The filter whose index a list is read through. Most selective first: one ticket by number, the duplicates of one
    /// ticket, one organisation (every customer's list), one assignee or none (Mine, Unassigned; their open tickets only
    /// when only open statuses are asked for), a skill queue, triage,
    /// then statuses; with none of these, the sort's own index over all tickets.
    /// </summary>
    private sealed record Lead(LeadKind Kind)
    {
        public static Lead Of(TicketQuery query, bool byNumber) => new(
            byNumber ? LeadKind.Number
            : query.DuplicateOfId is not null && query.Sort == TicketSort.Created ? LeadKind.DuplicateOf
            : query.Scope.OrganisationId is not null || query.OrganisationId is not null ? LeadKind.Organisation
            : (query.AssigneeId is not null || query.UnassignedOnly) && query.Statuses.Count > 0 && query.Statuses.All(TicketWorkflow.IsOpen) ? LeadKind.AssigneeOpen
            : query.AssigneeId is not null || query.UnassignedOnly ? LeadKind.Assignee
            : !string.IsNullOrWhiteSpace(query.Queue) ? LeadKind.Queue
            : query.TriageOnly ? LeadKind.Triage
            : query.Statuses.Count > 0 ? LeadKind.Status
            : LeadKind.None);

        public static string? IndexOf(LeadKind kind, TicketSort sort) => kind switch
        {
            LeadKind.Number => null,
            LeadKind.DuplicateOf => sort == TicketSort.Created ? "IX_Tickets_DuplicateOf_Created" : null,
            LeadKind.Queue when sort == TicketSort.Due => "IX_Tickets_Queue",
            LeadKind.None => $"IX_Tickets_{sort}",
            _ => $"IX_Tickets_{kind}_{sort}",
        };

        // Classification's own index by update time predates the others and has no suffix.
        private static string NeedsClassificationIndex(TicketSort sort) =>
            sort == TicketSort.Updated ? "IX_Tickets_NeedsClassification" : $"IX_Tickets_NeedsClassification_{sort}";

        public IReadOnlyList<Arm> Arms(TicketSort sort, IReadOnlyList<string> statuses, DynamicParameters parameters)
        {
            var index = IndexOf(Kind, sort);
            switch (Kind)
            {
                case LeadKind.Triage:
                    // Flagged for triage, or needing classification and not flagged: each in its own filtered index.
                    return
                    [
                        new(index, ["t.TriageReason IS NOT NULL", Open]),
                        new(NeedsClassificationIndex(sort), ["t.NeedsClassification = 1", "t.TriageReason IS NULL", Open]),
                    ];
                case LeadKind.AssigneeOpen:
                    // Mine and Unassigned: only open tickets are in these indexes, so an engineer's closed ones are never read.
                    return [new(index, [Open])];
                case LeadKind.Status:
                    // An index on (status, sort key) reads one status in order, not several at once: one arm each.
                    return [.. statuses.Select((status, i) =>
                    {
                        parameters.Add($"Status{i}", status);
                        return new Arm(index, [$"t.Status = @Status{i}"]);
                    })];
                default:
                    return [new(index, [])];
            }
        }
    }
}
